//! AWS Organizations, once for an account in no organisation and once for the management
//! account of an organisation with all features and no service control policy of its own.
//! The account is the record either way, so each proof's twin is the other proof.
//!
//! Left to the fixture tests: a member account that may not list the policies (moto lets every
//! account of an organisation list them) and consolidated billing only.

use aws_sdk_organizations::types::OrganizationFeatureSet;

use super::{Account, Proof};

const STANDALONE: Proof = Proof {
    units: &["organizations"],
    cases: &[(
        "organizations.standalone_account",
        "global/123456789012",
        None,
    )],
    actions: &["organizations:DescribeOrganization"],
};

const UNGUARDED: Proof = Proof {
    units: &["organizations"],
    cases: &[(
        "organizations.no_service_control_policies",
        "global/123456789012",
        None,
    )],
    actions: &[
        "organizations:DescribeOrganization",
        "organizations:ListPolicies",
    ],
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organizations_standalone() {
    let account = Account::start().await;
    let scanned = account.prove(&STANDALONE).await;
    // Without an organisation there are no policies to judge.
    assert_eq!(
        scanned
            .findings("organizations.no_service_control_policies")
            .count(),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organizations_without_guardrails() {
    let account = Account::start().await;
    aws_sdk_organizations::Client::new(&account.east)
        .create_organization()
        .feature_set(OrganizationFeatureSet::All)
        .send()
        .await
        .expect("organisation");
    let scanned = account.prove(&UNGUARDED).await;
    assert_eq!(
        scanned.findings("organizations.standalone_account").count(),
        0,
        "the account is in an organisation now"
    );
}
