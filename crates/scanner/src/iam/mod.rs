//! IAM and account-wide facts, read once: users, groups (with their members), roles and
//! customer managed policies from GetAccountAuthorizationDetails; console, MFA and root facts from the credential report;
//! access keys with their last use; the password policy; the account summary; and the
//! account-wide S3 Block Public Access setting.

mod credential_report;

use wellscan_aws::query::{self, Element};
use wellscan_model::{
    AccessKey, AccountSummary, Fact, IamGroup, IamPolicy, IamRole, IamUser, PasswordPolicy,
    PublicAccessBlock, Resource, Tags, Unknown,
};

use crate::error;
use crate::policy;
use crate::query::{MARKER, time, whole};
use crate::unit::{Collected, Partial, UnitCtx};

/// IAM's client: one endpoint per partition, whatever region the unit runs in.
type Iam = query::Client<query::Iam>;

#[tracing::instrument(skip_all, fields(region = "global", service = "iam"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let iam = ctx.client::<Iam>();
    // Access keys need the user list, nothing else: they follow it without waiting for the
    // credential report.
    let users_and_keys = async {
        let mut out = authorization_details(ctx, &iam).await;
        let users = std::mem::take(&mut out.found.1);
        let keys = ctx
            .fan_out(users.iter().map(|u| u.id.clone()).collect(), |name| {
                let iam = iam.clone();
                async move { access_keys(ctx, &iam, name).await }
            })
            .await;
        if !users.is_empty() {
            out.depth += 2;
        }
        (users, keys, out.map(|(resources, _)| resources))
    };
    let (details, report, summary, password, s3_block) = tokio::join!(
        users_and_keys,
        credential_report::read(ctx, &iam),
        account_summary(ctx, &iam),
        password_policy(ctx, &iam),
        account_public_access_block(ctx),
    );
    let (mut users, keys, mut out) = details;
    let report = out.absorb(report);

    for (user, keys) in users.iter_mut().zip(keys) {
        (user.access_keys, user.unknown) = keys.found;
        out.gaps.extend(keys.gaps);
        // A user created after the report was generated has no row: unknown, like no report.
        match report.as_ref().and_then(|r| r.user(&user.id)) {
            Some(row) => {
                user.console_access = row.password_enabled;
                user.password_last_used = row.password_last_used;
                user.mfa_devices = u32::from(row.mfa_active);
            }
            None => {
                for fact in [
                    Fact::ConsoleAccess,
                    Fact::PasswordLastUsed,
                    Fact::MfaDevices,
                ] {
                    user.unknown.mark(fact);
                }
            }
        }
    }
    out.found.extend(users.into_iter().map(Into::into));

    let summary = out.absorb(summary);
    let block_gap_seen = !s3_block.whole();
    let block = out.absorb(s3_block);
    if let Some(mut summary) = summary {
        summary.root_password_last_used = report.as_ref().and_then(|r| r.root_password_last_used());
        if report.is_none() {
            summary.unknown.mark(Fact::RootPasswordLastUsed);
        }
        if block_gap_seen {
            summary.unknown.mark(Fact::S3PublicAccessBlock);
        }
        summary.s3_public_access_block = block;
        out.found.push(summary.into());
    }
    let password = out.absorb(password);
    out.found.extend(password.map(Into::into));
    out
}

fn tags(entity: &Element) -> Tags {
    crate::unit::tags(entity.pairs("Tags", "Key", "Value"))
}

/// The ARNs in an entity's `AttachedManagedPolicies`.
fn attached(entity: &Element) -> Vec<String> {
    entity
        .items("AttachedManagedPolicies")
        .filter_map(|p| p.text("PolicyArn").map(String::from))
        .collect()
}

/// The names in an inline policy list (`UserPolicyList`, `GroupPolicyList`).
fn names(entity: &Element, list: &str) -> Vec<String> {
    entity
        .items(list)
        .filter_map(|p| p.text("PolicyName").map(String::from))
        .collect()
}

/// What GetAccountAuthorizationDetails is asked for: every kind but AWS managed policies.
const ENTITIES: [(&str, &str); 4] = [
    ("Filter.member.1", "User"),
    ("Filter.member.2", "Group"),
    ("Filter.member.3", "Role"),
    ("Filter.member.4", "LocalManagedPolicy"),
];

/// Users, groups, roles and customer managed policies, every page: the groups, roles and
/// policies as resources, the users apart (their access keys are still to be read).
async fn authorization_details(ctx: &UnitCtx, iam: &Iam) -> Partial<(Vec<Resource>, Vec<IamUser>)> {
    let mut found: Vec<Resource> = Vec::new();
    let mut users = Vec::new();
    let mut groups = Vec::new();
    let read = crate::query::pages(
        ctx,
        iam,
        "GetAccountAuthorizationDetails",
        &ENTITIES,
        MARKER,
        |page| {
            users.extend(page.items("UserDetailList").filter_map(user));
            groups.extend(page.items("GroupDetailList").filter_map(group));
            found.extend(
                page.items("RoleDetailList")
                    .filter_map(role)
                    .map(Into::into),
            );
            found.extend(
                page.items("Policies")
                    .filter_map(customer_policy)
                    .map(Into::into),
            );
        },
    )
    .await;
    for group in &mut groups {
        group.members = users
            .iter()
            .filter(|u| u.groups.contains(&group.id))
            .map(|u| u.id.clone())
            .collect();
    }
    found.extend(groups.into_iter().map(Into::into));
    read.map(|()| (found, users))
}

fn user(u: &Element) -> Option<IamUser> {
    Some(IamUser {
        id: u.text("UserName")?.to_string(),
        arn: crate::query::text(u, "Arn"),
        region: wellscan_model::GLOBAL_REGION.into(),
        tags: tags(u),
        created_at: time(u, "CreateDate"),
        attached_policy_arns: attached(u),
        inline_policy_names: names(u, "UserPolicyList"),
        groups: u.texts("GroupList").map(String::from).collect(),
        ..Default::default()
    })
}

fn group(g: &Element) -> Option<IamGroup> {
    Some(IamGroup {
        id: g.text("GroupName")?.to_string(),
        arn: crate::query::text(g, "Arn"),
        region: wellscan_model::GLOBAL_REGION.into(),
        created_at: time(g, "CreateDate"),
        attached_policy_arns: attached(g),
        inline_policies: g
            .items("GroupPolicyList")
            .filter_map(|p| {
                let name = p.text("PolicyName")?.to_string();
                let document = p.text("PolicyDocument").map(policy::parse);
                Some((name, document.unwrap_or_default()))
            })
            .collect(),
        ..Default::default()
    })
}

fn role(r: &Element) -> Option<IamRole> {
    let trust = r
        .text("AssumeRolePolicyDocument")
        .map(policy::parse)
        .unwrap_or_default();
    Some(IamRole {
        unknown: Default::default(),
        id: r.text("RoleName")?.to_string(),
        arn: crate::query::text(r, "Arn"),
        region: wellscan_model::GLOBAL_REGION.into(),
        tags: tags(r),
        created_at: time(r, "CreateDate"),
        trust_principals: policy::principals(&trust),
        last_used: r
            .child("RoleLastUsed")
            .and_then(|l| time(l, "LastUsedDate")),
        attached_policy_arns: attached(r),
        service_linked: r
            .text("Path")
            .is_some_and(|p| p.starts_with("/aws-service-role/")),
    })
}

fn customer_policy(p: &Element) -> Option<IamPolicy> {
    // The name is the ARN's last part, where an answer leaves the name out.
    let name = p
        .text("PolicyName")
        .or_else(|| p.text("Arn").and_then(|a| a.rsplit('/').next()))
        .filter(|n| !n.is_empty())?;
    let default = p
        .items("PolicyVersionList")
        .find(|v| v.bool("IsDefaultVersion") == Some(true));
    Some(IamPolicy {
        unknown: Default::default(),
        id: name.to_string(),
        arn: crate::query::text(p, "Arn"),
        region: wellscan_model::GLOBAL_REGION.into(),
        tags: Tags::new(),
        attachment_count: whole(p, "AttachmentCount"),
        default_version: crate::query::text(p, "DefaultVersionId"),
        document: default
            .and_then(|v| v.text("Document"))
            .map(policy::parse)
            .unwrap_or_default(),
    })
}

/// A user's access keys, each with when it was last used, and what of that could not be read.
async fn access_keys(ctx: &UnitCtx, iam: &Iam, user: String) -> Partial<(Vec<AccessKey>, Unknown)> {
    let mut gaps = Vec::new();
    let mut unknown = Unknown::default();
    // A user has at most two keys: one page.
    let listed = match iam.call("ListAccessKeys", &[("UserName", &user)]).await {
        Ok(answer) => answer,
        Err(e) => {
            gaps.push(ctx.gap("ListAccessKeys", &e));
            unknown.mark(Fact::AccessKeys);
            return Partial::called((Vec::new(), unknown), gaps);
        }
    };
    let mut keys = Vec::new();
    for k in listed.items("AccessKeyMetadata") {
        let Some(id) = k.text("AccessKeyId") else {
            continue;
        };
        let last_used = match iam
            .call("GetAccessKeyLastUsed", &[("AccessKeyId", id)])
            .await
        {
            Ok(answer) => answer
                .child("AccessKeyLastUsed")
                .and_then(|l| time(l, "LastUsedDate")),
            Err(e) => {
                gaps.push(ctx.gap("GetAccessKeyLastUsed", &e));
                unknown.mark(Fact::AccessKeyLastUsed);
                None
            }
        };
        keys.push(AccessKey {
            id: id.to_string(),
            active: k.text("Status") == Some("Active"),
            created_at: time(k, "CreateDate"),
            last_used,
        });
    }
    Partial {
        found: (keys, unknown),
        gaps,
        depth: 2,
    }
}

async fn account_summary(ctx: &UnitCtx, iam: &Iam) -> Partial<Option<AccountSummary>> {
    match iam.call("GetAccountSummary", &[]).await {
        Ok(answer) => {
            let get = |key: &str| {
                answer
                    .pairs("SummaryMap", "key", "value")
                    .find(|(k, _)| *k == key)
                    .and_then(|(_, v)| v.trim().parse::<i64>().ok())
                    .and_then(|n| u32::try_from(n.max(0)).ok())
                    .unwrap_or(0)
            };
            let summary = AccountSummary {
                id: "root".into(),
                arn: format!("arn:{}:iam::{}:root", ctx.partition, ctx.account_id),
                region: wellscan_model::GLOBAL_REGION.into(),
                tags: Tags::new(),
                root_mfa_enabled: get("AccountMFAEnabled") > 0,
                root_access_keys: get("AccountAccessKeysPresent"),
                root_password_last_used: None,
                users: get("Users"),
                roles: get("Roles"),
                policies: get("Policies"),
                mfa_devices: get("MFADevices"),
                s3_public_access_block: None,
                unknown: Unknown::default(),
            };
            Partial::called(Some(summary), Vec::new())
        }
        Err(e) => Partial::called(None, vec![ctx.gap("GetAccountSummary", &e)]),
    }
}

async fn password_policy(ctx: &UnitCtx, iam: &Iam) -> Partial<Option<PasswordPolicy>> {
    let base = PasswordPolicy {
        id: "account-password-policy".into(),
        arn: format!(
            "arn:{}:iam::{}:account-password-policy",
            ctx.partition, ctx.account_id
        ),
        region: wellscan_model::GLOBAL_REGION.into(),
        ..Default::default()
    };
    match iam.call("GetAccountPasswordPolicy", &[]).await {
        Ok(answer) => {
            let Some(p) = answer.child("PasswordPolicy") else {
                return Partial::called(Some(base), Vec::new());
            };
            let flag = |name| crate::query::flag(p, name);
            let days = |name| Some(whole(p, name)).filter(|d| *d > 0);
            let policy = PasswordPolicy {
                present: true,
                minimum_length: whole(p, "MinimumPasswordLength"),
                require_uppercase: flag("RequireUppercaseCharacters"),
                require_lowercase: flag("RequireLowercaseCharacters"),
                require_numbers: flag("RequireNumbers"),
                require_symbols: flag("RequireSymbols"),
                max_age_days: days("MaxPasswordAge"),
                reuse_prevention: days("PasswordReusePrevention"),
                ..base
            };
            Partial::called(Some(policy), Vec::new())
        }
        // No policy at all is a fact about the account, not a failure.
        Err(e) if error::code(&e) == Some("NoSuchEntity") => {
            Partial::called(Some(base), Vec::new())
        }
        Err(e) => Partial::called(None, vec![ctx.gap("GetAccountPasswordPolicy", &e)]),
    }
}

async fn account_public_access_block(ctx: &UnitCtx) -> Partial<Option<PublicAccessBlock>> {
    let s3control = ctx.client::<aws_sdk_s3control::Client>();
    match s3control
        .get_public_access_block()
        .account_id(ctx.account_id.as_ref())
        .send()
        .await
    {
        Ok(answer) => {
            let block = answer
                .public_access_block_configuration()
                .map(|c| PublicAccessBlock {
                    block_public_acls: c.block_public_acls().unwrap_or(false),
                    ignore_public_acls: c.ignore_public_acls().unwrap_or(false),
                    block_public_policy: c.block_public_policy().unwrap_or(false),
                    restrict_public_buckets: c.restrict_public_buckets().unwrap_or(false),
                });
            Partial::called(block, Vec::new())
        }
        Err(e) if error::code(&e) == Some("NoSuchPublicAccessBlockConfiguration") => {
            Partial::called(None, Vec::new())
        }
        // The account-wide block is S3's setting: its gap is S3's.
        Err(e) => Partial::called(
            None,
            vec![ctx.as_service("s3").gap("GetPublicAccessBlock", &e)],
        ),
    }
}
