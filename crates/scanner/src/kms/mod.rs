//! KMS: customer managed keys, their state and rotation, and tags.

use aws_sdk_kms::types::{KeyManagerType, KeyMetadata};
use wellscan_model::{Fact, KmsKey, Unknown};

use crate::unit::{Collected, Partial, UnitCtx};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "kms"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let kms = ctx.client::<aws_sdk_kms::Client>();
    let mut out = Collected::default();
    let mut ids = Vec::new();
    let read = ctx
        .pages(
            "ListKeys",
            kms.list_keys().into_paginator().send(),
            |page| {
                ids.extend(
                    page.keys()
                        .iter()
                        .filter_map(|k| k.key_id().map(String::from)),
                )
            },
        )
        .await;
    out.absorb(read);
    let described = !ids.is_empty();
    ctx.describe_each(&mut out, ids, |id| {
        let kms = kms.clone();
        async move { key(ctx, &kms, id).await }
    })
    .await;
    // The describing call, then the calls made side by side after it.
    out.depth += u32::from(described);
    out
}

/// DescribeKey, then for customer managed keys the rotation status and tags.
async fn key(ctx: &UnitCtx, kms: &aws_sdk_kms::Client, id: String) -> Partial<Option<KmsKey>> {
    let mut gaps = Vec::new();
    let meta: KeyMetadata = match kms.describe_key().key_id(&id).send().await {
        Ok(answer) => match answer.key_metadata {
            Some(meta) => meta,
            None => return Partial::called(None, gaps),
        },
        Err(e) => {
            gaps.push(ctx.gap("DescribeKey", &e));
            return Partial::called(None, gaps);
        }
    };
    if meta.key_manager() != Some(&KeyManagerType::Customer) {
        return Partial::called(None, gaps);
    }
    let spec = meta
        .key_spec()
        .map(|s| s.as_str().to_string())
        .unwrap_or_default();
    let symmetric = spec == "SYMMETRIC_DEFAULT";
    let (rotation, tags) = tokio::join!(
        async {
            if symmetric {
                Some(kms.get_key_rotation_status().key_id(&id).send().await)
            } else {
                None
            }
        },
        kms.list_resource_tags().key_id(&id).send(),
    );
    let mut unknown = Unknown::default();
    let rotation_enabled = match rotation {
        Some(Ok(r)) => Some(r.key_rotation_enabled()),
        Some(Err(e)) => {
            unknown.mark(Fact::RotationEnabled);
            gaps.push(ctx.gap("GetKeyRotationStatus", &e));
            None
        }
        None => None,
    };
    let tags = match tags {
        Ok(t) => crate::unit::tags(
            t.tags()
                .iter()
                .map(|t| (t.tag_key().to_string(), t.tag_value().to_string())),
        ),
        Err(e) => {
            gaps.push(ctx.gap("ListResourceTags", &e));
            unknown.mark(Fact::Tags);
            Default::default()
        }
    };
    let key = KmsKey {
        arn: meta
            .arn()
            .map(String::from)
            .unwrap_or_else(|| ctx.arn("kms", &format!("key/{id}"))),
        id,
        region: ctx.region.clone(),
        tags,
        unknown,
        description: meta.description().unwrap_or_default().to_string(),
        state: meta
            .key_state()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        spec,
        rotation_enabled,
    };
    Partial::called(Some(key), gaps)
}
