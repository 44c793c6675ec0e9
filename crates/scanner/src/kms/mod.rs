//! KMS: customer managed keys, their state and rotation, and tags.

use serde_json::{Value, json};
use wellscan_aws::json as api;
use wellscan_model::{Fact, KmsKey, Unknown};

use crate::json::{NEXT_MARKER, flag, items, pairs, str, text};
use crate::unit::{Collected, Partial, UnitCtx};

/// KMS's client.
type Kms = api::Client<api::Kms>;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "kms"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let kms = ctx.client::<Kms>();
    let mut out = Collected::default();
    let mut ids = Vec::new();
    let read = crate::json::pages(ctx, &kms, "ListKeys", &Value::Null, NEXT_MARKER, |page| {
        ids.extend(items(&page, "Keys").filter_map(|k| str(k, "KeyId").map(String::from)))
    })
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
async fn key(ctx: &UnitCtx, kms: &Kms, id: String) -> Partial<Option<KmsKey>> {
    let mut gaps = Vec::new();
    let by_id = json!({ "KeyId": id });
    let meta = match kms.call("DescribeKey", &by_id).await {
        Ok(mut answer) => match answer.get_mut("KeyMetadata").map(Value::take) {
            Some(meta) => meta,
            None => return Partial::called(None, gaps),
        },
        Err(e) => {
            gaps.push(ctx.gap("DescribeKey", &e));
            return Partial::called(None, gaps);
        }
    };
    if str(&meta, "KeyManager") != Some("CUSTOMER") {
        return Partial::called(None, gaps);
    }
    let spec = text(&meta, "KeySpec");
    let symmetric = spec == "SYMMETRIC_DEFAULT";
    let (rotation, tags) = tokio::join!(
        async {
            if symmetric {
                Some(kms.call("GetKeyRotationStatus", &by_id).await)
            } else {
                None
            }
        },
        kms.call("ListResourceTags", &by_id),
    );
    let mut unknown = Unknown::default();
    let rotation_enabled = match rotation {
        Some(Ok(r)) => Some(flag(&r, "KeyRotationEnabled")),
        Some(Err(e)) => {
            unknown.mark(Fact::RotationEnabled);
            gaps.push(ctx.gap("GetKeyRotationStatus", &e));
            None
        }
        None => None,
    };
    let tags = match tags {
        Ok(t) => crate::unit::tags(pairs(&t, "Tags", "TagKey", "TagValue")),
        Err(e) => {
            gaps.push(ctx.gap("ListResourceTags", &e));
            unknown.mark(Fact::Tags);
            Default::default()
        }
    };
    let key = KmsKey {
        arn: str(&meta, "Arn")
            .map(String::from)
            .unwrap_or_else(|| ctx.arn("kms", &format!("key/{id}"))),
        id,
        region: ctx.region.clone(),
        tags,
        unknown,
        description: text(&meta, "Description"),
        state: text(&meta, "KeyState"),
        spec,
        rotation_enabled,
    };
    Partial::called(Some(key), gaps)
}
