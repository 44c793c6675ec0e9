//! Secrets Manager: every secret's rotation, last use and key, from one listing. Values are
//! never read.

use wellscan_model::Secret;

use crate::unit::{Collected, UnitCtx, time};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "secretsmanager"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let sm = ctx.client::<aws_sdk_secretsmanager::Client>();
    let mut secrets = Vec::new();
    let read = ctx
        .pages(
            "ListSecrets",
            sm.list_secrets().into_paginator().send(),
            |page| {
                secrets.extend(page.secret_list().iter().filter_map(|s| {
                    Some(Secret {
                        id: s.name()?.to_string(),
                        arn: s.arn()?.to_string(),
                        region: ctx.region.clone(),
                        tags: crate::unit::tags(s.tags().iter().filter_map(|t| {
                            Some((
                                t.key()?.to_string(),
                                t.value().unwrap_or_default().to_string(),
                            ))
                        })),
                        rotation_enabled: s.rotation_enabled().unwrap_or(false),
                        last_rotated: s.last_rotated_date().and_then(time),
                        last_accessed: s.last_accessed_date().and_then(time),
                        kms_key_id: s.kms_key_id().map(String::from),
                        created_at: s.created_date().and_then(time),
                        ..Default::default()
                    })
                }))
            },
        )
        .await;
    read.map(|()| secrets.into_iter().map(Into::into).collect())
}
