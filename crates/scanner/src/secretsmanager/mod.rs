//! Secrets Manager: every secret's rotation, last use and key, from one listing. Values are
//! never read.

use serde_json::Value;
use wellscan_aws::json as api;
use wellscan_model::Secret;

use crate::json::{NEXT_TOKEN, flag, items, pairs, str, time};
use crate::unit::{Collected, UnitCtx};

/// Secrets Manager's client.
type SecretsManager = api::Client<api::SecretsManager>;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "secretsmanager"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let sm = ctx.client::<SecretsManager>();
    let mut secrets = Vec::new();
    let read = crate::json::pages(ctx, &sm, "ListSecrets", &Value::Null, NEXT_TOKEN, |page| {
        secrets.extend(items(&page, "SecretList").filter_map(|s| {
            Some(Secret {
                id: str(s, "Name")?.to_string(),
                arn: str(s, "ARN")?.to_string(),
                region: ctx.region.clone(),
                tags: crate::unit::tags(pairs(s, "Tags", "Key", "Value")),
                rotation_enabled: flag(s, "RotationEnabled"),
                last_rotated: time(s, "LastRotatedDate"),
                last_accessed: time(s, "LastAccessedDate"),
                kms_key_id: str(s, "KmsKeyId").map(String::from),
                created_at: time(s, "CreatedDate"),
                ..Default::default()
            })
        }))
    })
    .await;
    read.map(|()| secrets.into_iter().map(Into::into).collect())
}
