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
        // API Gateway authorises reads as the HTTP method GET on its paths.
        let read = ["Describe", "List", "Get"]
            .iter()
            .any(|p| name.starts_with(p))
            || name == "GenerateCredentialReport"
            || action == "apigateway:GET";
        assert!(read, "{action} is not a read");
        assert!(!name.contains('*'), "{action}: name every action");
    }
}

/// `apigateway:GET` on `*` would also read API keys' values: the policy grants it on the API
/// and stage listings only.
#[test]
fn api_gateway_reads_only_apis_and_stages() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/iam-policy.json"
    ))
    .expect("docs/iam-policy.json");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    let statements = doc["Statement"].as_array().expect("statements");
    for s in statements {
        let actions = s["Action"].as_array().expect("actions");
        if actions.iter().any(|a| a == "apigateway:GET") {
            let resources: Vec<&str> = s["Resource"]
                .as_array()
                .expect("a list of resources, not *")
                .iter()
                .filter_map(|r| r.as_str())
                .collect();
            assert_eq!(
                resources,
                [
                    "arn:aws:apigateway:*::/restapis",
                    "arn:aws:apigateway:*::/restapis/*/stages",
                    "arn:aws:apigateway:*::/apis",
                    "arn:aws:apigateway:*::/apis/*/stages"
                ]
            );
        }
    }
}
