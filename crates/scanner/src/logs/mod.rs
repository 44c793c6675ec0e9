//! CloudWatch Logs: log groups with retention, encryption and stored bytes.

use serde_json::Value;
use wellscan_aws::json as api;
use wellscan_model::{LogGroup, Tags};

use crate::json::{int, str};
use crate::unit::{Collected, UnitCtx};

/// CloudWatch Logs' client.
type Logs = api::Client<api::CloudWatchLogs>;

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "logs"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let logs = ctx.client::<Logs>();
    let mut out = Collected::default();
    let read = crate::json::pages(
        ctx,
        &logs,
        "DescribeLogGroups",
        &Value::Null,
        crate::json::NEXT_TOKEN_LOWER,
        |page| {
            for g in crate::json::items(&page, "logGroups") {
                let Some(name) = str(g, "logGroupName") else {
                    continue;
                };
                out.found.push(
                    LogGroup {
                        unknown: Default::default(),
                        arn: ctx.arn("logs", &format!("log-group:{name}")),
                        id: name.to_string(),
                        region: ctx.region.clone(),
                        tags: Tags::new(),
                        retention_days: int(g, "retentionInDays")
                            .map(|d| u32::try_from(d.max(0)).unwrap_or(u32::MAX)),
                        kms_key_id: str(g, "kmsKeyId").map(String::from),
                        stored_bytes: int(g, "storedBytes")
                            .map_or(0, |b| u64::try_from(b.max(0)).unwrap_or(0)),
                        created_at: int(g, "creationTime")
                            .and_then(chrono::DateTime::from_timestamp_millis),
                    }
                    .into(),
                );
            }
        },
    )
    .await;
    out.absorb(read);
    out
}
