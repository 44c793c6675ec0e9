//! IAM: AdministratorAccess on a user, and a group granting it, beside read-only twins.
//!
//! Left to the fixture tests: root keys and MFA, old and unused access keys, and the password
//! policy (moto's credential report and account summary do not stage them).

use super::{Account, Proof};

const PROOF: Proof = Proof {
    units: &["iam"],
    cases: &[
        (
            "iam.user_admin_attached",
            "global/root-like",
            Some("global/auditor"),
        ),
        (
            "iam.group_grants_admin",
            "global/db-admins",
            Some("global/readers"),
        ),
    ],
    actions: &[
        "iam:GenerateCredentialReport",
        "iam:GetAccountAuthorizationDetails",
        "iam:GetAccountPasswordPolicy",
        "iam:GetAccountSummary",
        "iam:GetCredentialReport",
        "iam:ListAccessKeys",
        "s3:GetAccountPublicAccessBlock",
    ],
};

async fn seed(account: &Account) {
    let iam = aws_sdk_iam::Client::new(&account.east);
    for user in ["root-like", "auditor", "dba", "reader"] {
        iam.create_user()
            .user_name(user)
            .send()
            .await
            .expect("user");
    }
    for (user, policy) in [
        ("root-like", "AdministratorAccess"),
        ("auditor", "ReadOnlyAccess"),
    ] {
        iam.attach_user_policy()
            .user_name(user)
            .policy_arn(format!("arn:aws:iam::aws:policy/{policy}"))
            .send()
            .await
            .expect("attach user policy");
    }
    for (group, policy, member) in [
        ("db-admins", "AdministratorAccess", "dba"),
        ("readers", "ReadOnlyAccess", "reader"),
    ] {
        iam.create_group()
            .group_name(group)
            .send()
            .await
            .expect("group");
        iam.attach_group_policy()
            .group_name(group)
            .policy_arn(format!("arn:aws:iam::aws:policy/{policy}"))
            .send()
            .await
            .expect("attach group policy");
        iam.add_user_to_group()
            .group_name(group)
            .user_name(member)
            .send()
            .await
            .expect("member");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn iam() {
    let account = Account::start().await;
    seed(&account).await;
    let scanned = account.prove(&PROOF).await;
    let evidence: Vec<&str> = scanned
        .findings("iam.group_grants_admin")
        .map(|f| f.evidence.as_str())
        .collect();
    assert_eq!(
        evidence,
        ["grants full access through AdministratorAccess to 1 member: dba"]
    );
}
