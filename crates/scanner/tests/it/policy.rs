//! `docs/iam-policy.json` is the read-only policy users attach: it must allow every call the
//! scanner makes, and nothing that changes the account.

use std::collections::BTreeSet;

use wellscan_scanner::CallLog;
use wellscan_testkit::iam_policy_actions as policy_actions;

/// Every operation recorded in `calls` is allowed by the policy file, under the IAM action its
/// signed request names.
pub fn assert_covers(calls: &CallLog) {
    let allowed = policy_actions();
    let used: BTreeSet<String> = calls.iam_actions();
    assert!(
        calls.unsigned_operations().is_empty(),
        "every operation has its IAM action: {:#?}",
        calls.unsigned_operations()
    );
    let missing: Vec<&String> = used.iter().filter(|a| !allowed.contains(*a)).collect();
    assert!(missing.is_empty(), "docs/iam-policy.json lacks {missing:?}");
}

#[test]
fn the_policy_only_reads() {
    for action in policy_actions() {
        let (_, name) = action.split_once(':').expect("service:Action");
        let read = ["Describe", "List", "Get"]
            .iter()
            .any(|p| name.starts_with(p))
            || name == "GenerateCredentialReport";
        assert!(read, "{action} is not a read");
        assert!(!name.contains('*'), "{action}: name every action");
    }
}
