//! DynamoDB: tables with billing mode, capacity, encryption, point-in-time recovery and tags.

use wellscan_model::{DynamodbTable, Fact, Unknown};

use crate::unit::{Collected, Partial, UnitCtx};

#[tracing::instrument(skip_all, fields(region = %ctx.region, service = "dynamodb"))]
pub async fn collect(ctx: &UnitCtx) -> Collected {
    let ddb = ctx.client::<aws_sdk_dynamodb::Client>();
    let mut out = Collected::default();
    let mut names = Vec::new();
    let read = ctx
        .pages(
            "ListTables",
            ddb.list_tables().into_paginator().send(),
            |page| names.extend(page.table_names().iter().cloned()),
        )
        .await;
    out.absorb(read);
    let described = !names.is_empty();
    ctx.describe_each(&mut out, names, |name| {
        let ddb = ddb.clone();
        async move { table(ctx, &ddb, name).await }
    })
    .await;
    // The describing call, then the calls made side by side after it.
    out.depth += u32::from(described);
    out
}

/// DescribeTable, then point-in-time recovery and tags side by side.
async fn table(
    ctx: &UnitCtx,
    ddb: &aws_sdk_dynamodb::Client,
    name: String,
) -> Partial<Option<DynamodbTable>> {
    let mut gaps = Vec::new();
    let described = match ddb.describe_table().table_name(&name).send().await {
        Ok(answer) => match answer.table {
            Some(t) => t,
            None => return Partial::called(None, gaps),
        },
        Err(e) => {
            gaps.push(ctx.gap("DescribeTable", &e));
            return Partial::called(None, gaps);
        }
    };
    let arn = described
        .table_arn()
        .map(String::from)
        .unwrap_or_else(|| ctx.arn("dynamodb", &format!("table/{name}")));
    let (backups, tags) = tokio::join!(
        ddb.describe_continuous_backups().table_name(&name).send(),
        ddb.list_tags_of_resource().resource_arn(&arn).send(),
    );
    let mut unknown = Unknown::default();
    let point_in_time_recovery = match backups {
        Ok(b) => b
            .continuous_backups_description()
            .and_then(|d| d.point_in_time_recovery_description())
            .and_then(|p| p.point_in_time_recovery_status())
            .is_some_and(|s| s.as_str() == "ENABLED"),
        Err(e) => {
            gaps.push(ctx.gap("DescribeContinuousBackups", &e));
            unknown.mark(Fact::PointInTimeRecovery);
            false
        }
    };
    let tags = match tags {
        Ok(t) => crate::unit::tags(
            t.tags()
                .iter()
                .map(|t| (t.key().to_string(), t.value().to_string())),
        ),
        Err(e) => {
            gaps.push(ctx.gap("ListTagsOfResource", &e));
            unknown.mark(Fact::Tags);
            Default::default()
        }
    };
    let provisioned = described.provisioned_throughput();
    let table = DynamodbTable {
        arn,
        id: name,
        region: ctx.region.clone(),
        tags,
        unknown,
        billing_mode: described
            .billing_mode_summary()
            .and_then(|b| b.billing_mode())
            .map(|m| m.as_str().to_string())
            .unwrap_or_else(|| "PROVISIONED".to_string()),
        point_in_time_recovery,
        encryption: described
            .sse_description()
            .and_then(|s| s.sse_type())
            .map(|t| {
                if t.as_str() == "KMS" {
                    "AWS_MANAGED".to_string()
                } else {
                    t.as_str().to_string()
                }
            })
            .unwrap_or_else(|| "AWS_OWNED".to_string()),
        table_class: described
            .table_class_summary()
            .and_then(|c| c.table_class())
            .map(|c| c.as_str().to_string())
            .unwrap_or_else(|| "STANDARD".to_string()),
        read_capacity: provisioned
            .and_then(|p| p.read_capacity_units())
            .filter(|c| *c > 0),
        write_capacity: provisioned
            .and_then(|p| p.write_capacity_units())
            .filter(|c| *c > 0),
        item_count: described.item_count().unwrap_or(0),
        size_bytes: described.table_size_bytes().unwrap_or(0),
        consumed_reads: None,
        consumed_writes: None,
    };
    Partial::called(Some(table), gaps)
}
