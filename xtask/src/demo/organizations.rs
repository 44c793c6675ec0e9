//! The demo account's place in AWS Organizations: a member of Kumo's organisation and its
//! delegated administrator for policies, so the scan lists them. The organisation was made for
//! one bill; all features are on, and nobody has written a guardrail since.

use super::*;

impl Gen {
    pub(super) fn organization(&mut self) {
        let org = "o-k7umo3fr8t";
        let management = "210987654321";
        let membership = Organization {
            id: ACCOUNT.into(),
            arn: format!("arn:aws:organizations::{management}:organization/{org}"),
            region: GLOBAL_REGION.into(),
            member: true,
            organization_id: Some(org.into()),
            management_account_id: Some(management.into()),
            feature_set: "ALL".into(),
            service_control_policies: Vec::new(),
            ..Default::default()
        };
        self.resources.push(membership.into());
    }
}
