//! The demo account's IAM: people, automation users and their keys, roles, policies, groups, the
//! password policy and the account summary.

use super::*;

impl Gen {
    pub(super) fn global(&mut self) {
        let g = GLOBAL_REGION;
        let people = [
            ("alice.tanaka", true),
            ("bob.okafor", true),
            ("carmen.ruiz", true),
            ("dmitri.volkov", true),
            ("emma.schmidt", true),
            ("farah.haddad", true),
            ("george.li", true),
            ("hana.sato", true),
            ("ivan.petrov", false),
            ("jules.martin", false),
        ];
        for (name, console) in people {
            let mfa = console && self.rng.chance(0.6);
            let keys = if self.rng.chance(0.5) {
                vec![AccessKey {
                    id: masked_key_id(&self.rng.hex(16)),
                    active: true,
                    created_at: self.ago(20, 700),
                    last_used: self.ago(0, 200),
                }]
            } else {
                Vec::new()
            };
            self.user(name, console, u32::from(mfa), keys, &["developers"]);
        }
        for name in [
            "ci-deployer",
            "legacy-backup",
            "datadog-integration",
            "terraform",
        ] {
            let key = AccessKey {
                id: masked_key_id(&self.rng.hex(16)),
                active: true,
                created_at: self.ago(100, 1200),
                last_used: if name == "legacy-backup" {
                    self.ago(200, 400)
                } else {
                    self.ago(0, 3)
                },
            };
            self.user(name, false, 0, vec![key], &["automation"]);
        }
        self.admins();
        let roles = [
            ("orders-api-prod-profile", "ec2.amazonaws.com"),
            ("billing-prod-profile", "ec2.amazonaws.com"),
            ("web-prod-profile", "ec2.amazonaws.com"),
            ("analytics-staging-profile", "ec2.amazonaws.com"),
            ("orders-api-prod-lambda", "lambda.amazonaws.com"),
            ("billing-prod-lambda", "lambda.amazonaws.com"),
            ("web-prod-lambda", "lambda.amazonaws.com"),
            ("etl-dev-lambda", "lambda.amazonaws.com"),
            ("analytics-staging-lambda", "lambda.amazonaws.com"),
            (
                "OrganizationAccountAccessRole",
                "arn:aws:iam::111122223333:root",
            ),
            ("vendor-audit-readonly", "arn:aws:iam::444455556666:root"),
            ("break-glass-admin", "arn:aws:iam::123456789012:root"),
            ("legacy-cross-account", "*"),
            ("AWSServiceRoleForRDS", "rds.amazonaws.com"),
            ("AWSServiceRoleForSupport", "support.amazonaws.com"),
        ];
        for (name, principal) in roles {
            let resource = IamRole {
                unknown: Default::default(),
                id: name.into(),
                arn: format!("arn:aws:iam::{ACCOUNT}:role/{name}"),
                region: g.into(),
                tags: Tags::new(),
                created_at: self.ago(100, 1500),
                trust_principals: vec![principal.into()],
                last_used: self.ago(0, 300),
                attached_policy_arns: vec!["arn:aws:iam::aws:policy/ReadOnlyAccess".into()],
                service_linked: name.starts_with("AWSServiceRoleFor"),
            };
            self.resources.push(resource.into());
        }
        let policies: [(&str, serde_json::Value); 5] = [
            (
                "orders-api-data-access",
                serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:PutItem"], "Resource": format!("arn:aws:dynamodb:us-east-1:{ACCOUNT}:table/orders")}]}),
            ),
            (
                "billing-s3-access",
                serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::kumo-billing-prod-data-*"}]}),
            ),
            (
                "ops-full-access",
                serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}),
            ),
            (
                "ci-deploy",
                serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["lambda:UpdateFunctionCode", "ecs:UpdateService"], "Resource": "*"}]}),
            ),
            (
                "read-logs",
                serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["logs:Get*", "logs:Describe*", "logs:FilterLogEvents"], "Resource": "*"}]}),
            ),
        ];
        for (name, document) in policies {
            let resource = IamPolicy {
                unknown: Default::default(),
                id: name.into(),
                arn: format!("arn:aws:iam::{ACCOUNT}:policy/{name}"),
                region: g.into(),
                tags: Tags::new(),
                attachment_count: self.rng.range(0, 4) as u32,
                default_version: "v1".into(),
                document,
            };
            self.resources.push(resource.into());
        }
        let resource = PasswordPolicy {
            unknown: Default::default(),
            id: "account-password-policy".into(),
            arn: format!("arn:aws:iam::{ACCOUNT}:account-password-policy"),
            region: g.into(),
            tags: Tags::new(),
            present: true,
            minimum_length: 8,
            require_uppercase: true,
            require_lowercase: true,
            require_numbers: true,
            require_symbols: false,
            max_age_days: None,
            reuse_prevention: None,
        };
        self.resources.push(resource.into());
        let users = self
            .resources
            .iter()
            .filter(|r| r.as_iam_user().is_some())
            .count() as u32;
        let resource = AccountSummary {
            unknown: Default::default(),
            id: "root".into(),
            arn: format!("arn:aws:iam::{ACCOUNT}:root"),
            region: g.into(),
            tags: Tags::new(),
            root_mfa_enabled: true,
            root_access_keys: 1,
            root_password_last_used: self.ago(40, 90),
            users,
            roles: roles.len() as u32,
            policies: 5,
            mfa_devices: 6,
            s3_public_access_block: None,
        };
        self.resources.push(resource.into());
    }

    /// Who holds full access: two people through a group, terraform's user directly, and the
    /// automation group through the customer policy `ops-full-access`.
    pub(super) fn admins(&mut self) {
        for r in &mut self.resources {
            if let Resource::IamUser(u) = r {
                match u.id.as_str() {
                    "alice.tanaka" | "dmitri.volkov" => u.groups.push("platform-admins".into()),
                    "terraform" => u
                        .attached_policy_arns
                        .push("arn:aws:iam::aws:policy/AdministratorAccess".into()),
                    _ => {}
                }
            }
        }
        let groups: [(&str, &[&str]); 3] = [
            ("developers", &["arn:aws:iam::aws:policy/ReadOnlyAccess"]),
            ("automation", &["ops-full-access", "ci-deploy"]),
            (
                "platform-admins",
                &["arn:aws:iam::aws:policy/AdministratorAccess"],
            ),
        ];
        for (name, policies) in groups {
            let members = self
                .resources
                .iter()
                .filter_map(Resource::as_iam_user)
                .filter(|u| u.groups.iter().any(|g| g == name))
                .map(|u| u.id.clone())
                .collect();
            let resource = IamGroup {
                unknown: Default::default(),
                id: name.into(),
                arn: format!("arn:aws:iam::{ACCOUNT}:group/{name}"),
                region: GLOBAL_REGION.into(),
                tags: Tags::new(),
                created_at: Some(self.now - Duration::days(900)),
                attached_policy_arns: policies
                    .iter()
                    .map(|p| match p.starts_with("arn:") {
                        true => p.to_string(),
                        false => format!("arn:aws:iam::{ACCOUNT}:policy/{p}"),
                    })
                    .collect(),
                inline_policies: BTreeMap::new(),
                members,
            };
            self.resources.push(resource.into());
        }
    }

    pub(super) fn user(
        &mut self,
        name: &str,
        console: bool,
        mfa_devices: u32,
        access_keys: Vec<AccessKey>,
        groups: &[&str],
    ) {
        let resource = IamUser {
            unknown: Default::default(),
            id: name.into(),
            arn: format!("arn:aws:iam::{ACCOUNT}:user/{name}"),
            region: GLOBAL_REGION.into(),
            tags: Tags::new(),
            created_at: self.ago(200, 1500),
            console_access: console,
            password_last_used: if console { self.ago(0, 120) } else { None },
            mfa_devices,
            access_keys,
            attached_policy_arns: Vec::new(),
            inline_policy_names: Vec::new(),
            groups: groups.iter().map(|g| g.to_string()).collect(),
        };
        self.resources.push(resource.into());
    }
}

/// An access key id as the scanner records it: its last four characters.
fn masked_key_id(hex: &str) -> String {
    let upper = hex.to_uppercase();
    format!("…{}", &upper[upper.len().saturating_sub(4)..])
}
