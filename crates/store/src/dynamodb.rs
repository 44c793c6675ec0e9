//! The deployed history: one DynamoDB table (single-table design).
//!
//! Items and keys (`pk`, `sk` are the table's keys):
//!
//! | item | `pk` | `sk` | index keys |
//! |---|---|---|---|
//! | scan record | `ACCOUNT#<account>` | `SCAN#<started_at>#<scan_id>` | `by_id`: `gsi1pk = SCAN#<scan_id>`; `timeline`: `gsi3pk = SCANS`, `gsi3sk = <started_at>#<scan_id>`; `running` (only while running): `gsi2pk = RUNNING`, `gsi2sk = <started_at>` |
//! | id guard | `SCANID#<scan_id>` | `GUARD` | — |
//! | findings chunk | `SCAN#<scan_id>` | `FINDINGS#<n>` | — |
//! | resources chunk | `SCAN#<scan_id>` | `RESOURCES#<n>` | — |
//!
//! Access patterns: an account's scans newest first (query `pk`, descending); every account's
//! scans newest first (query `timeline`); a scan by id (query `by_id`); scans still running that
//! started before a time (query the sparse `running` index); a scan's findings or resources
//! (query `SCAN#<id>` by `sk` prefix). Findings and resources are JSON chunks of at most
//! [`CHUNK_BYTES`], so a scan of any size fits under DynamoDB's 400 KB item limit.
//!
//! Writes are conditional: `begin` puts the record and the id guard in one transaction, each
//! only if absent; `complete` first claims the running record (`status = running` and no claim
//! yet), then writes the chunks, then sets the final status, so two writers can never both
//! complete a scan and a finished record always has all its findings.

use std::collections::HashMap;

use async_trait::async_trait;
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, GlobalSecondaryIndex, KeySchemaElement,
    KeyType, Projection, ProjectionType, Put, ScalarAttributeType, TransactWriteItem,
};
use chrono::{DateTime, SecondsFormat, Utc};
use wellscan_model::{ResourceKey, ScanRecord, ScanStatus, StoredFinding};

use crate::{ScanStore, StoreError};

/// The largest findings or resources chunk, in bytes of JSON.
pub const CHUNK_BYTES: usize = 300_000;

/// What must hold for a record to be finalized.
#[derive(Debug, Clone, Copy)]
enum Guard {
    /// Running and claimed by this writer's `complete`.
    Claimed,
    /// Running and not being completed by anyone (`fail`).
    Unclaimed,
    /// Running, claimed or not (stale-scan recovery: the claimer is gone).
    Running,
}

impl Guard {
    fn condition(self) -> &'static str {
        match self {
            Guard::Claimed => "#status = :running AND claimed = :yes",
            Guard::Unclaimed => "#status = :running AND attribute_not_exists(claimed)",
            Guard::Running => "#status = :running",
        }
    }
}

/// The history in a DynamoDB table.
#[derive(Clone)]
pub struct DynamoStore {
    client: Client,
    table: String,
}

fn time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn s(v: impl Into<String>) -> AttributeValue {
    AttributeValue::S(v.into())
}

fn backend(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Backend(format!("DynamoDB {what}: {e}"))
}

fn conflict(scan_id: &str, reason: &str) -> StoreError {
    StoreError::Conflict {
        scan_id: scan_id.to_string(),
        reason: reason.to_string(),
    }
}

/// The primary key of a scan's record.
fn record_key(r: &ScanRecord) -> (String, String) {
    (
        format!("ACCOUNT#{}", r.account_id),
        format!("SCAN#{}#{}", time(r.started_at), r.scan_id),
    )
}

fn key_of(pk: String, sk: String) -> HashMap<String, AttributeValue> {
    HashMap::from([("pk".to_string(), s(pk)), ("sk".to_string(), s(sk))])
}

fn parse_record(item: &HashMap<String, AttributeValue>) -> Result<ScanRecord, StoreError> {
    let json = item
        .get("record")
        .and_then(|v| v.as_s().ok())
        .ok_or_else(|| StoreError::Corrupt("a scan item without its record".into()))?;
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("scan record: {e}")))
}

/// JSON arrays of `items`, each at most [`CHUNK_BYTES`] long.
fn chunks<T: serde::Serialize>(items: &[T]) -> Result<Vec<String>, StoreError> {
    let mut out = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut size = 2;
    for item in items {
        let json = serde_json::to_string(item).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        if size + json.len() + 1 > CHUNK_BYTES && !current.is_empty() {
            out.push(format!("[{}]", current.join(",")));
            current.clear();
            size = 2;
        }
        size += json.len() + 1;
        current.push(json);
    }
    if !current.is_empty() || out.is_empty() {
        out.push(format!("[{}]", current.join(",")));
    }
    Ok(out)
}

impl DynamoStore {
    pub fn new(client: Client, table: impl Into<String>) -> DynamoStore {
        DynamoStore {
            client,
            table: table.into(),
        }
    }

    /// Creates the table and its indexes (on-demand capacity) and waits until it is active.
    pub async fn create_table(&self) -> Result<(), StoreError> {
        let attr = |name: &str| {
            AttributeDefinition::builder()
                .attribute_name(name)
                .attribute_type(ScalarAttributeType::S)
                .build()
                .map_err(|e| backend("table definition", e))
        };
        let key = |name: &str, kind: KeyType| {
            KeySchemaElement::builder()
                .attribute_name(name)
                .key_type(kind)
                .build()
                .map_err(|e| backend("table definition", e))
        };
        let index = |name: &str,
                     hash: &str,
                     range: Option<&str>|
         -> Result<GlobalSecondaryIndex, StoreError> {
            let mut b = GlobalSecondaryIndex::builder()
                .index_name(name)
                .key_schema(key(hash, KeyType::Hash)?)
                .projection(
                    Projection::builder()
                        .projection_type(ProjectionType::All)
                        .build(),
                );
            if let Some(range) = range {
                b = b.key_schema(key(range, KeyType::Range)?);
            }
            b.build().map_err(|e| backend("table definition", e))
        };
        let mut create = self
            .client
            .create_table()
            .table_name(&self.table)
            .billing_mode(BillingMode::PayPerRequest)
            .key_schema(key("pk", KeyType::Hash)?)
            .key_schema(key("sk", KeyType::Range)?)
            .global_secondary_indexes(index("by_id", "gsi1pk", None)?)
            .global_secondary_indexes(index("running", "gsi2pk", Some("gsi2sk"))?)
            .global_secondary_indexes(index("timeline", "gsi3pk", Some("gsi3sk"))?);
        for name in ["pk", "sk", "gsi1pk", "gsi2pk", "gsi2sk", "gsi3pk", "gsi3sk"] {
            create = create.attribute_definitions(attr(name)?);
        }
        create.send().await.map_err(|e| {
            backend(
                "CreateTable",
                aws_sdk_dynamodb::error::DisplayErrorContext(e),
            )
        })?;
        for _ in 0..120 {
            let table = self
                .client
                .describe_table()
                .table_name(&self.table)
                .send()
                .await
                .map_err(|e| {
                    backend(
                        "DescribeTable",
                        aws_sdk_dynamodb::error::DisplayErrorContext(e),
                    )
                })?;
            if table
                .table()
                .and_then(|t| t.table_status())
                .map(|s| s.as_str())
                == Some("ACTIVE")
            {
                return Ok(());
            }
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        }
        Err(backend(
            "CreateTable",
            "the table did not become active within a minute",
        ))
    }

    /// Whether the table exists.
    pub async fn exists(&self) -> Result<bool, StoreError> {
        match self
            .client
            .describe_table()
            .table_name(&self.table)
            .send()
            .await
        {
            Ok(_) => Ok(true),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_resource_not_found_exception()) =>
            {
                Ok(false)
            }
            Err(e) => Err(backend(
                "DescribeTable",
                aws_sdk_dynamodb::error::DisplayErrorContext(e),
            )),
        }
    }

    pub fn table(&self) -> &str {
        &self.table
    }

    /// The record item of scan `scan_id`, found through the `by_id` index.
    async fn record_item(
        &self,
        scan_id: &str,
    ) -> Result<Option<HashMap<String, AttributeValue>>, StoreError> {
        let out = self
            .client
            .query()
            .table_name(&self.table)
            .index_name("by_id")
            .key_condition_expression("gsi1pk = :id")
            .expression_attribute_values(":id", s(format!("SCAN#{scan_id}")))
            .send()
            .await
            .map_err(|e| {
                backend(
                    "Query by_id",
                    aws_sdk_dynamodb::error::DisplayErrorContext(e),
                )
            })?;
        Ok(out.items.unwrap_or_default().into_iter().next())
    }

    /// Every chunk under `SCAN#<scan_id>` whose sort key starts with `prefix`, in order.
    async fn chunks_of(&self, scan_id: &str, prefix: &str) -> Result<Vec<String>, StoreError> {
        let mut pages = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("pk = :pk AND begins_with(sk, :prefix)")
            .expression_attribute_values(":pk", s(format!("SCAN#{scan_id}")))
            .expression_attribute_values(":prefix", s(prefix))
            .consistent_read(true)
            .into_paginator()
            .items()
            .send();
        let mut out = Vec::new();
        while let Some(item) = pages.next().await {
            let item = item.map_err(|e| {
                backend(
                    "Query chunks",
                    aws_sdk_dynamodb::error::DisplayErrorContext(e),
                )
            })?;
            if let Some(data) = item.get("data").and_then(|v| v.as_s().ok()) {
                out.push(data.clone());
            }
        }
        Ok(out)
    }

    async fn put_chunks(
        &self,
        scan_id: &str,
        prefix: &str,
        chunks: Vec<String>,
    ) -> Result<(), StoreError> {
        for (i, data) in chunks.into_iter().enumerate() {
            self.client
                .put_item()
                .table_name(&self.table)
                .item("pk", s(format!("SCAN#{scan_id}")))
                .item("sk", s(format!("{prefix}{i:05}")))
                .item("data", s(data))
                .send()
                .await
                .map_err(|e| {
                    backend(
                        "PutItem chunk",
                        aws_sdk_dynamodb::error::DisplayErrorContext(e),
                    )
                })?;
        }
        Ok(())
    }

    /// Moves a running record to its final state with `record`'s contents, if `guard` holds.
    async fn finalize(&self, r: &ScanRecord, guard: Guard) -> Result<bool, StoreError> {
        let (pk, sk) = record_key(r);
        let json = serde_json::to_string(r).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let update = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key_of(pk, sk)))
            .update_expression(
                "SET #status = :status, #record = :record REMOVE gsi2pk, gsi2sk, claimed",
            )
            .condition_expression(guard.condition())
            .expression_attribute_names("#status", "status")
            .expression_attribute_names("#record", "record")
            .expression_attribute_values(":status", s(r.status.id()))
            .expression_attribute_values(":record", s(json))
            .expression_attribute_values(":running", s(ScanStatus::Running.id()));
        let update = match guard {
            Guard::Claimed => {
                update.expression_attribute_values(":yes", AttributeValue::Bool(true))
            }
            Guard::Unclaimed | Guard::Running => update,
        };
        let result = update.send().await;
        match result {
            Ok(_) => Ok(true),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                Ok(false)
            }
            Err(e) => Err(backend(
                "UpdateItem",
                aws_sdk_dynamodb::error::DisplayErrorContext(e),
            )),
        }
    }
}

#[async_trait]
impl ScanStore for DynamoStore {
    async fn begin(&self, r: &ScanRecord) -> Result<(), StoreError> {
        let (pk, sk) = record_key(r);
        let json = serde_json::to_string(r).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let started = time(r.started_at);
        let mut record = Put::builder()
            .table_name(&self.table)
            .item("pk", s(pk))
            .item("sk", s(sk))
            .item("status", s(r.status.id()))
            .item("record", s(json))
            .item("gsi1pk", s(format!("SCAN#{}", r.scan_id)))
            .item("gsi3pk", s("SCANS"))
            .item("gsi3sk", s(format!("{started}#{}", r.scan_id)))
            .condition_expression("attribute_not_exists(pk)");
        if r.status == ScanStatus::Running {
            record = record
                .item("gsi2pk", s("RUNNING"))
                .item("gsi2sk", s(started));
        }
        let guard = Put::builder()
            .table_name(&self.table)
            .item("pk", s(format!("SCANID#{}", r.scan_id)))
            .item("sk", s("GUARD"))
            .condition_expression("attribute_not_exists(pk)");
        let result = self
            .client
            .transact_write_items()
            .transact_items(
                TransactWriteItem::builder()
                    .put(record.build().map_err(|e| backend("Put", e))?)
                    .build(),
            )
            .transact_items(
                TransactWriteItem::builder()
                    .put(guard.build().map_err(|e| backend("Put", e))?)
                    .build(),
            )
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_transaction_canceled_exception()) =>
            {
                Err(conflict(&r.scan_id, "already recorded"))
            }
            Err(e) => Err(backend(
                "TransactWriteItems",
                aws_sdk_dynamodb::error::DisplayErrorContext(e),
            )),
        }
    }

    async fn complete(
        &self,
        r: &ScanRecord,
        findings: &[StoredFinding],
        resources: &[ResourceKey],
    ) -> Result<(), StoreError> {
        let not_running = || conflict(&r.scan_id, "is not running (unknown, finished or failed)");
        // Claim the record so no other writer completes it at the same time.
        let (pk, sk) = record_key(r);
        let claim = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key_of(pk, sk)))
            .update_expression("SET claimed = :yes")
            .condition_expression("#status = :running AND attribute_not_exists(claimed)")
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":running", s(ScanStatus::Running.id()))
            .expression_attribute_values(":yes", AttributeValue::Bool(true))
            .send()
            .await;
        match claim {
            Ok(_) => {}
            Err(e)
                if e.as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                return Err(not_running());
            }
            Err(e) => {
                return Err(backend(
                    "UpdateItem",
                    aws_sdk_dynamodb::error::DisplayErrorContext(e),
                ));
            }
        }
        self.put_chunks(&r.scan_id, "FINDINGS#", chunks(findings)?)
            .await?;
        self.put_chunks(&r.scan_id, "RESOURCES#", chunks(resources)?)
            .await?;
        if self.finalize(r, Guard::Claimed).await? {
            Ok(())
        } else {
            Err(not_running())
        }
    }

    async fn fail(&self, scan_id: &str, error: &str, at: DateTime<Utc>) -> Result<(), StoreError> {
        let item = self
            .record_item(scan_id)
            .await?
            .ok_or_else(|| conflict(scan_id, "is not running (unknown, finished or failed)"))?;
        let mut record = parse_record(&item)?;
        record.status = ScanStatus::Failed;
        record.error = Some(error.to_string());
        record.finished_at = Some(at);
        if self.finalize(&record, Guard::Unclaimed).await? {
            Ok(())
        } else {
            Err(conflict(
                scan_id,
                "is not running (unknown, finished or failed)",
            ))
        }
    }

    async fn recover_stale(
        &self,
        started_before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>, StoreError> {
        let out = self
            .client
            .query()
            .table_name(&self.table)
            .index_name("running")
            .key_condition_expression("gsi2pk = :running AND gsi2sk < :cutoff")
            .expression_attribute_values(":running", s("RUNNING"))
            .expression_attribute_values(":cutoff", s(time(started_before)))
            .send()
            .await
            .map_err(|e| {
                backend(
                    "Query running",
                    aws_sdk_dynamodb::error::DisplayErrorContext(e),
                )
            })?;
        let mut recovered = Vec::new();
        for item in out.items.unwrap_or_default() {
            let mut record = parse_record(&item)?;
            record.status = ScanStatus::Failed;
            record.finished_at = Some(now);
            record.error =
                Some("interrupted: the scan stopped without finishing (Ctrl-C or a crash)".into());
            if self.finalize(&record, Guard::Running).await? {
                recovered.push(record.scan_id);
            }
        }
        Ok(recovered)
    }

    async fn get(&self, scan_id: &str) -> Result<Option<ScanRecord>, StoreError> {
        self.record_item(scan_id)
            .await?
            .as_ref()
            .map(parse_record)
            .transpose()
    }

    async fn list(
        &self,
        account_id: Option<&str>,
        limit: usize,
    ) -> Result<Vec<ScanRecord>, StoreError> {
        // Pages no larger than what is asked for: `history` wants the newest few.
        let page = i32::try_from(limit.clamp(1, 1_000)).unwrap_or(1_000);
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .scan_index_forward(false)
            .limit(page);
        let query = match account_id {
            Some(account) => query
                .key_condition_expression("pk = :pk AND begins_with(sk, :scan)")
                .expression_attribute_values(":pk", s(format!("ACCOUNT#{account}")))
                .expression_attribute_values(":scan", s("SCAN#")),
            None => query
                .index_name("timeline")
                .key_condition_expression("gsi3pk = :all")
                .expression_attribute_values(":all", s("SCANS")),
        };
        let mut pages = query.into_paginator().items().send();
        let mut out = Vec::new();
        while out.len() < limit {
            let Some(item) = pages.next().await else {
                break;
            };
            let item = item.map_err(|e| {
                backend(
                    "Query scans",
                    aws_sdk_dynamodb::error::DisplayErrorContext(e),
                )
            })?;
            out.push(parse_record(&item)?);
        }
        Ok(out)
    }

    async fn findings(&self, scan_id: &str) -> Result<Vec<StoredFinding>, StoreError> {
        let mut out = Vec::new();
        for chunk in self.chunks_of(scan_id, "FINDINGS#").await? {
            let part: Vec<StoredFinding> = serde_json::from_str(&chunk)
                .map_err(|e| StoreError::Corrupt(format!("findings of {scan_id}: {e}")))?;
            out.extend(part);
        }
        Ok(out)
    }

    async fn resources(&self, scan_id: &str) -> Result<Vec<ResourceKey>, StoreError> {
        let mut out = Vec::new();
        for chunk in self.chunks_of(scan_id, "RESOURCES#").await? {
            let part: Vec<ResourceKey> = serde_json::from_str(&chunk)
                .map_err(|e| StoreError::Corrupt(format!("resources of {scan_id}: {e}")))?;
            out.extend(part);
        }
        Ok(out)
    }
}
