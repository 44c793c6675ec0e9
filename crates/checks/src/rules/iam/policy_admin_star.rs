//! Customer-managed policies that allow every action on every resource.

use wellscan_model::{Pillar, Resource, Severity};

use crate::{Check, CheckMeta, Context, FixEffect, Outcome};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam.policy_admin_star",
        pillar: Pillar::Security,
        related: &[],
        best_practice: "SEC03-BP02",
        reads: &["iam:GetAccountAuthorizationDetails"],
        facts: &[],
        severity: Severity::High,
        fix: FixEffect::Neutral,
        title: "Policy grants * on *",
        action: "Replace full-admin policies with least-privilege ones",
        remediation: "Find who uses the policy (IAM Access Analyzer, last accessed data) and replace it with the actions they need. Console: IAM > Policies > {id} > Policy usage / Access Advisor. CLI: aws iam list-entities-for-policy --policy-arn ARN",
    },
    evaluate,
};

/// True when a statement allows every action on every resource.
pub(crate) fn grants_everything(document: &serde_json::Value) -> bool {
    let statements = match &document["Statement"] {
        serde_json::Value::Array(list) => list.iter().collect(),
        single @ serde_json::Value::Object(_) => vec![single],
        _ => Vec::new(),
    };
    let has_star = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s == "*",
        serde_json::Value::Array(list) => list.iter().any(|x| x == "*"),
        _ => false,
    };
    statements
        .iter()
        .any(|s| s["Effect"] == "Allow" && has_star(&s["Action"]) && has_star(&s["Resource"]))
}

fn evaluate(ctx: &Context<'_>, out: &mut Outcome) {
    for (resource, p) in ctx.each(Resource::as_iam_policy) {
        out.record(resource, !grants_everything(&p.document), || {
            format!(
                "an Allow statement with Action \"*\" on Resource \"*\", attached {} times",
                p.attachment_count
            )
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;
    use serde_json::json;
    use wellscan_model::IamPolicy;

    #[test]
    fn flags_allow_star_on_star_in_any_statement_form() {
        let policy = |id: &str, doc: serde_json::Value| -> Resource {
            IamPolicy {
                id: id.into(),
                region: "global".into(),
                document: doc,
                ..Default::default()
            }
            .into()
        };
        let fails = failing(
            &CHECK,
            vec![
                policy(
                    "admin",
                    json!({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}),
                ),
                policy(
                    "admin-list",
                    json!({"Statement": {"Effect": "Allow", "Action": ["s3:GetObject", "*"], "Resource": ["*"]}}),
                ),
                policy(
                    "deny-all",
                    json!({"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}),
                ),
                policy(
                    "scoped",
                    json!({"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}),
                ),
            ],
        );
        assert_eq!(fails, ["admin", "admin-list"]);
    }
}
