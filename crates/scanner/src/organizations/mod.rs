//! AWS Organizations: whether the account belongs to an organisation, its feature set, and the
//! service control policies it holds (listed only where the account may: the management account
//! or a delegated administrator; elsewhere the policies are unknown, with the gap saying why).
//! A global unit, one resource.

use aws_sdk_organizations::types::{OrganizationFeatureSet, PolicyType};
use wellscan_model::{Fact, Organization};

use crate::error;
use crate::unit::{Collected, UnitCtx};

#[tracing::instrument(skip_all, fields(service = "organizations"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let organizations = ctx.client::<aws_sdk_organizations::Client>();
    let mut out = Collected::of(Vec::new());
    out.depth = 1;
    let described = organizations.describe_organization().send().await;
    let mut org = Organization {
        id: ctx.account_id.to_string(),
        arn: format!("arn:{}:iam::{}:root", ctx.partition, ctx.account_id),
        region: ctx.resource_region.clone(),
        ..Default::default()
    };
    match described {
        Ok(d) => {
            let Some(o) = d.organization() else {
                return out;
            };
            org.organization_id = o.id().map(String::from);
            if let Some(arn) = o.arn() {
                org.arn = arn.to_string();
            }
            org.member = true;
            org.management_account_id = o.master_account_id().map(String::from);
            org.feature_set = o
                .feature_set()
                .map(|f| f.as_str().to_string())
                .unwrap_or_default();
        }
        Err(e) if error::code(&e) == Some("AWSOrganizationsNotInUseException") => {
            out.found.push(org.into());
            return out;
        }
        Err(e) => {
            out.gaps.push(ctx.gap("DescribeOrganization", &e));
            return out;
        }
    }
    // Consolidated billing alone has no policies to list.
    if org.feature_set == OrganizationFeatureSet::All.as_str() {
        let listed = ctx
            .list(
                "ListPolicies",
                organizations
                    .list_policies()
                    .filter(PolicyType::ServiceControlPolicy)
                    .into_paginator()
                    .send(),
                |page| {
                    page.policies()
                        .iter()
                        .filter(|p| !p.aws_managed())
                        .filter_map(|p| p.name().map(String::from))
                        .collect()
                },
            )
            .await;
        // The listing follows the description.
        let whole = listed.whole();
        out.depth += listed.depth;
        out.gaps.extend(listed.gaps);
        if whole {
            org.service_control_policies = listed.found;
        } else {
            org.unknown.mark(Fact::ServiceControlPolicies);
        }
    }
    out.found.push(org.into());
    out
}
