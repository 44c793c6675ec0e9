//! IAM and account-wide facts, read once: users, groups (with their members), roles and
//! customer managed policies from GetAccountAuthorizationDetails; console, MFA and root facts from the credential report;
//! access keys with their last use; the password policy; the account summary; and the
//! account-wide S3 Block Public Access setting.

mod credential_report;

use std::collections::HashMap;

use aws_sdk_iam::types::{EntityType, SummaryKeyType};
use wellscan_model::{
    AccessKey, AccountSummary, Fact, IamGroup, IamPolicy, IamRole, IamUser, PasswordPolicy,
    PublicAccessBlock, Resource, Tags, Unknown,
};

use crate::error;
use crate::policy;
use crate::unit::{Collected, Partial, UnitCtx, time};

#[tracing::instrument(skip_all, fields(region = "global", service = "iam"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let iam = ctx.client::<aws_sdk_iam::Client>();
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

fn tags(tags: &[aws_sdk_iam::types::Tag]) -> Tags {
    crate::unit::tags(
        tags.iter()
            .map(|t| (t.key().to_string(), t.value().to_string())),
    )
}

/// Users, groups, roles and customer managed policies, every page: the groups, roles and
/// policies as resources, the users apart (their access keys are still to be read).
async fn authorization_details(
    ctx: &UnitCtx,
    iam: &aws_sdk_iam::Client,
) -> Partial<(Vec<Resource>, Vec<IamUser>)> {
    let mut found: Vec<Resource> = Vec::new();
    let mut users = Vec::new();
    let mut groups = Vec::new();
    let pages = iam
        .get_account_authorization_details()
        .filter(EntityType::User)
        .filter(EntityType::Group)
        .filter(EntityType::Role)
        .filter(EntityType::LocalManagedPolicy)
        .into_paginator()
        .send();
    let read = ctx
        .pages("GetAccountAuthorizationDetails", pages, |page| {
            for u in page.user_detail_list() {
                let Some(name) = u.user_name() else { continue };
                users.push(IamUser {
                    id: name.to_string(),
                    arn: u.arn().unwrap_or_default().to_string(),
                    region: wellscan_model::GLOBAL_REGION.into(),
                    tags: tags(u.tags()),
                    created_at: u.create_date().and_then(time),
                    attached_policy_arns: u
                        .attached_managed_policies()
                        .iter()
                        .filter_map(|p| p.policy_arn().map(String::from))
                        .collect(),
                    inline_policy_names: u
                        .user_policy_list()
                        .iter()
                        .filter_map(|p| p.policy_name().map(String::from))
                        .collect(),
                    groups: u.group_list().to_vec(),
                    ..Default::default()
                });
            }
            groups.extend(page.group_detail_list().iter().filter_map(group));
            for r in page.role_detail_list() {
                let Some(name) = r.role_name() else { continue };
                let trust = r
                    .assume_role_policy_document()
                    .map(policy::parse)
                    .unwrap_or_default();
                found.push(
                    IamRole {
                        unknown: Default::default(),
                        id: name.to_string(),
                        arn: r.arn().unwrap_or_default().to_string(),
                        region: wellscan_model::GLOBAL_REGION.into(),
                        tags: tags(r.tags()),
                        created_at: r.create_date().and_then(time),
                        trust_principals: policy::principals(&trust),
                        last_used: r
                            .role_last_used()
                            .and_then(|l| l.last_used_date())
                            .and_then(time),
                        attached_policy_arns: r
                            .attached_managed_policies()
                            .iter()
                            .filter_map(|p| p.policy_arn().map(String::from))
                            .collect(),
                        service_linked: r
                            .path()
                            .is_some_and(|p| p.starts_with("/aws-service-role/")),
                    }
                    .into(),
                );
            }
            for p in page.policies() {
                // The name is the ARN's last part, where an answer leaves the name out.
                let name = p
                    .policy_name()
                    .or_else(|| p.arn().and_then(|a| a.rsplit('/').next()));
                let Some(name) = name.filter(|n| !n.is_empty()) else {
                    continue;
                };
                let default = p
                    .policy_version_list()
                    .iter()
                    .find(|v| v.is_default_version());
                found.push(
                    IamPolicy {
                        unknown: Default::default(),
                        id: name.to_string(),
                        arn: p.arn().unwrap_or_default().to_string(),
                        region: wellscan_model::GLOBAL_REGION.into(),
                        tags: Tags::new(),
                        attachment_count: p.attachment_count().unwrap_or(0).max(0) as u32,
                        default_version: p.default_version_id().unwrap_or_default().to_string(),
                        document: default
                            .and_then(|v| v.document())
                            .map(policy::parse)
                            .unwrap_or_default(),
                    }
                    .into(),
                );
            }
        })
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

fn group(g: &aws_sdk_iam::types::GroupDetail) -> Option<IamGroup> {
    let name = g.group_name()?;
    Some(IamGroup {
        id: name.to_string(),
        arn: g.arn().unwrap_or_default().to_string(),
        region: wellscan_model::GLOBAL_REGION.into(),
        created_at: g.create_date().and_then(time),
        attached_policy_arns: g
            .attached_managed_policies()
            .iter()
            .filter_map(|p| p.policy_arn().map(String::from))
            .collect(),
        inline_policies: g
            .group_policy_list()
            .iter()
            .filter_map(|p| {
                let name = p.policy_name()?.to_string();
                Some((
                    name,
                    p.policy_document().map(policy::parse).unwrap_or_default(),
                ))
            })
            .collect(),
        ..Default::default()
    })
}

/// A user's access keys, each with when it was last used, and what of that could not be read.
async fn access_keys(
    ctx: &UnitCtx,
    iam: &aws_sdk_iam::Client,
    user: String,
) -> Partial<(Vec<AccessKey>, Unknown)> {
    let mut gaps = Vec::new();
    let mut unknown = Unknown::default();
    let listed = match iam.list_access_keys().user_name(&user).send().await {
        Ok(answer) => answer.access_key_metadata().to_vec(),
        Err(e) => {
            gaps.push(ctx.gap("ListAccessKeys", &e));
            unknown.mark(Fact::AccessKeys);
            return Partial::called((Vec::new(), unknown), gaps);
        }
    };
    let mut keys = Vec::new();
    for k in listed {
        let Some(id) = k.access_key_id() else {
            continue;
        };
        let last_used = match iam
            .get_access_key_last_used()
            .access_key_id(id)
            .send()
            .await
        {
            Ok(answer) => answer
                .access_key_last_used()
                .and_then(|l| l.last_used_date())
                .and_then(time),
            Err(e) => {
                gaps.push(ctx.gap("GetAccessKeyLastUsed", &e));
                unknown.mark(Fact::AccessKeyLastUsed);
                None
            }
        };
        keys.push(AccessKey {
            id: id.to_string(),
            active: k.status().is_some_and(|s| s.as_str() == "Active"),
            created_at: k.create_date().and_then(time),
            last_used,
        });
    }
    Partial {
        found: (keys, unknown),
        gaps,
        depth: 2,
    }
}

async fn account_summary(
    ctx: &UnitCtx,
    iam: &aws_sdk_iam::Client,
) -> Partial<Option<AccountSummary>> {
    match iam.get_account_summary().send().await {
        Ok(answer) => {
            let map: HashMap<SummaryKeyType, i32> =
                answer.summary_map().cloned().unwrap_or_default();
            let get = |k: SummaryKeyType| map.get(&k).copied().unwrap_or(0).max(0) as u32;
            let summary = AccountSummary {
                id: "root".into(),
                arn: format!("arn:{}:iam::{}:root", ctx.partition, ctx.account_id),
                region: wellscan_model::GLOBAL_REGION.into(),
                tags: Tags::new(),
                root_mfa_enabled: get(SummaryKeyType::AccountMfaEnabled) > 0,
                root_access_keys: get(SummaryKeyType::AccountAccessKeysPresent),
                root_password_last_used: None,
                users: get(SummaryKeyType::Users),
                roles: get(SummaryKeyType::Roles),
                policies: get(SummaryKeyType::Policies),
                mfa_devices: get(SummaryKeyType::MfaDevices),
                s3_public_access_block: None,
                unknown: Unknown::default(),
            };
            Partial::called(Some(summary), Vec::new())
        }
        Err(e) => Partial::called(None, vec![ctx.gap("GetAccountSummary", &e)]),
    }
}

async fn password_policy(
    ctx: &UnitCtx,
    iam: &aws_sdk_iam::Client,
) -> Partial<Option<PasswordPolicy>> {
    let base = PasswordPolicy {
        id: "account-password-policy".into(),
        arn: format!(
            "arn:{}:iam::{}:account-password-policy",
            ctx.partition, ctx.account_id
        ),
        region: wellscan_model::GLOBAL_REGION.into(),
        ..Default::default()
    };
    match iam.get_account_password_policy().send().await {
        Ok(answer) => {
            let Some(p) = answer.password_policy() else {
                return Partial::called(Some(base), Vec::new());
            };
            let policy = PasswordPolicy {
                present: true,
                minimum_length: p.minimum_password_length().unwrap_or(0).max(0) as u32,
                require_uppercase: p.require_uppercase_characters(),
                require_lowercase: p.require_lowercase_characters(),
                require_numbers: p.require_numbers(),
                require_symbols: p.require_symbols(),
                max_age_days: p.max_password_age().filter(|d| *d > 0).map(|d| d as u32),
                reuse_prevention: p
                    .password_reuse_prevention()
                    .filter(|d| *d > 0)
                    .map(|d| d as u32),
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
