pub mod no_service_control_policies;
pub mod standalone_account;

#[cfg(test)]
use wellscan_model::{Organization, Resource};

/// A member of an organisation with all features, whose policies were listed and hold one SCP
/// besides `FullAWSAccess`; `f` makes it what a test needs.
#[cfg(test)]
pub(crate) fn organization(f: impl FnOnce(&mut Organization)) -> Resource {
    let mut o = Organization {
        id: "123456789012".into(),
        arn: "arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5".into(),
        region: "global".into(),
        member: true,
        organization_id: Some("o-a1b2c3d4e5".into()),
        management_account_id: Some("111122223333".into()),
        feature_set: "ALL".into(),
        service_control_policies: vec!["deny-leaving-the-organization".into()],
        ..Default::default()
    };
    f(&mut o);
    o.into()
}
