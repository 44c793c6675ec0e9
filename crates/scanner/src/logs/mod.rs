//! CloudWatch Logs: log groups with retention, encryption and stored bytes.

use wellscan_model::{LogGroup, Tags};

use crate::unit::{Collected, UnitCtx};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "logs"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let logs = ctx.client::<aws_sdk_cloudwatchlogs::Client>();
    let mut out = Collected::default();
    let read = ctx
        .pages(
            "DescribeLogGroups",
            logs.describe_log_groups().into_paginator().send(),
            |page| {
                for g in page.log_groups() {
                    let Some(name) = g.log_group_name() else {
                        continue;
                    };
                    out.found.push(
                        LogGroup {
                            unknown: Default::default(),
                            arn: ctx.arn("logs", &format!("log-group:{name}")),
                            id: name.to_string(),
                            region: ctx.region.clone(),
                            tags: Tags::new(),
                            retention_days: g.retention_in_days().map(|d| d.max(0) as u32),
                            kms_key_id: g.kms_key_id().map(String::from),
                            stored_bytes: g.stored_bytes().unwrap_or(0).max(0) as u64,
                            created_at: g
                                .creation_time()
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
