//! The service's records as items in the history's DynamoDB table (`--store dynamodb://TABLE`),
//! beside the scans, on the table's own keys and indexes (`wellscan_store::DynamoStore`):
//!
//! | item | `pk` | `sk` | index keys |
//! |---|---|---|---|
//! | token | `TOKEN#<id>` | `TOKEN` | `timeline`: `gsi3pk = TOKENS`, `gsi3sk = <created_at>#<id>` |
//! | token hash | `TOKENHASH#<sha256>` | `TOKEN` | — (holds the token's id) |
//! | setting | `SETTING#<name>` | `SETTING` | — |
//! | schedule | `SCHEDULE#<id>` | `SCHEDULE` | `timeline`: `gsi3pk = SCHEDULES`, `gsi3sk = <next_run_at>#<id>` |
//! | session | `SESSION#<sha256>` | `SESSION` | `running`: `gsi2pk = SESSIONS`, `gsi2sk = <expires_at>` |
//! | audit entry | `AUDIT` | `<at>#<random>` | — |
//! | job | `JOB#<id>` | `JOB` | `timeline`: `gsi3pk = JOBS`, `gsi3sk = <created_at>#<id>`; `running` (until it ends): `gsi2pk = JOBS#UNFINISHED`, `gsi2sk = <created_at>` |
//!
//! What decides is read with strongly consistent reads of the item itself: a token by its hash,
//! a session, a job, a schedule found due through the index. Indexes only list (eventually
//! consistent, which a listing can be). The rules the SQLite file keeps with `WHERE` clauses are
//! conditions here: a finished job never changes again, a revoked token stays revoked.

use std::collections::HashMap;

use async_trait::async_trait;
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::DisplayErrorContext;
use aws_sdk_dynamodb::types::{AttributeValue, Put, ReturnValue, TransactWriteItem};
use chrono::{DateTime, Utc};

use super::{
    AuditEntry, DbError, JobRow, Records, TokenInfo, parse_opt_time, parse_time, stale_use, time,
};
use crate::auth::Principal;
use crate::jobs::JobStatus;
use crate::schedules::Schedule;

type Item = HashMap<String, AttributeValue>;

/// The service's records in a DynamoDB table the history already uses.
#[derive(Clone)]
pub struct DynamoRecords {
    client: Client,
    table: String,
}

impl std::fmt::Debug for DynamoRecords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DynamoRecords")
            .field("table", &self.table)
            .finish()
    }
}

fn s(v: impl Into<String>) -> AttributeValue {
    AttributeValue::S(v.into())
}

fn key(pk: String, sk: &str) -> Item {
    HashMap::from([("pk".to_string(), s(pk)), ("sk".to_string(), s(sk))])
}

fn text(item: &Item, name: &str) -> Option<String> {
    item.get(name).and_then(|v| v.as_s().ok()).cloned()
}

fn required(item: &Item, name: &str) -> Result<String, DbError> {
    text(item, name).ok_or_else(|| DbError::Corrupt(format!("an item without `{name}`")))
}

fn json<T: serde::Serialize>(what: &str, value: &T) -> Result<String, DbError> {
    serde_json::to_string(value).map_err(|e| DbError::Corrupt(format!("{what}: {e}")))
}

fn from_json<T: serde::de::DeserializeOwned>(what: &str, text: &str) -> Result<T, DbError> {
    serde_json::from_str(text).map_err(|e| DbError::Corrupt(format!("{what}: {e}")))
}

/// Whether a write was refused by its condition (rather than failing).
fn condition_failed<E, R>(e: &aws_sdk_dynamodb::error::SdkError<E, R>) -> bool
where
    E: aws_sdk_dynamodb::error::ProvideErrorMetadata,
{
    e.as_service_error()
        .and_then(|e| e.code())
        .is_some_and(|code| {
            code == "ConditionalCheckFailedException" || code == "TransactionCanceledException"
        })
}

fn token_item(item: &Item) -> Result<TokenInfo, DbError> {
    let mut info: TokenInfo = from_json("token", &required(item, "body")?)?;
    info.revoked_at = parse_opt_time(text(item, "revoked_at"))?;
    info.last_used_at = parse_opt_time(text(item, "last_used_at"))?;
    Ok(info)
}

fn job_item(item: &Item) -> Result<JobRow, DbError> {
    let mut job: JobRow = from_json("job", &required(item, "body")?)?;
    job.status = required(item, "status")?
        .parse()
        .map_err(DbError::Corrupt)?;
    job.started_at = parse_opt_time(text(item, "started_at"))?;
    job.finished_at = parse_opt_time(text(item, "finished_at"))?;
    job.error = text(item, "error");
    if let Some(account) = text(item, "account_id") {
        job.account_id = Some(account);
    }
    // Progress is shown, never decided on: an unreadable one is left out.
    job.progress = text(item, "progress").and_then(|p| serde_json::from_str(&p).ok());
    Ok(job)
}

impl DynamoRecords {
    /// The records in `table`, which the history store made (`--create-table`) or the
    /// deployment declares.
    pub fn new(client: Client, table: impl Into<String>) -> DynamoRecords {
        DynamoRecords {
            client,
            table: table.into(),
        }
    }

    fn fail(&self, what: &str, e: impl std::error::Error) -> DbError {
        DbError::Dynamo {
            table: self.table.clone(),
            what: what.to_string(),
            message: DisplayErrorContext(e).to_string(),
        }
    }

    async fn get(&self, what: &str, pk: String, sk: &str) -> Result<Option<Item>, DbError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .set_key(Some(key(pk, sk)))
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| self.fail(what, e))?;
        Ok(out.item)
    }

    /// Puts `item`; with `only_new`, only where no item has its key (false when one had).
    async fn put(&self, what: &str, item: Item, only_new: bool) -> Result<bool, DbError> {
        let mut put = self
            .client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item));
        if only_new {
            put = put.condition_expression("attribute_not_exists(pk)");
        }
        match put.send().await {
            Ok(_) => Ok(true),
            Err(e) if only_new && condition_failed(&e) => Ok(false),
            Err(e) => Err(self.fail(what, e)),
        }
    }

    /// Every item of a partition of `index` (or of the table itself, read consistently), in
    /// sort-key order (newest first when `newest_first`), paged until `limit` items.
    async fn query(
        &self,
        what: &str,
        index: Option<&str>,
        partition: (&str, &str),
        below: Option<(&str, String)>,
        newest_first: bool,
        limit: usize,
    ) -> Result<Vec<Item>, DbError> {
        let (pk_name, pk_value) = partition;
        let mut condition = format!("{pk_name} = :pk");
        let mut query = self
            .client
            .query()
            .table_name(&self.table)
            .set_index_name(index.map(String::from))
            .consistent_read(index.is_none())
            .expression_attribute_values(":pk", s(pk_value))
            .scan_index_forward(!newest_first);
        if let Some((sk_name, bound)) = below {
            condition.push_str(&format!(" AND {sk_name} <= :bound"));
            query = query.expression_attribute_values(":bound", s(bound));
        }
        let page = i32::try_from(limit.clamp(1, 1_000)).unwrap_or(1_000);
        let mut pages = query
            .key_condition_expression(condition)
            .limit(page)
            .into_paginator()
            .items()
            .send();
        let mut out = Vec::new();
        while out.len() < limit {
            let Some(item) = pages.next().await else {
                break;
            };
            out.push(item.map_err(|e| self.fail(what, e))?);
        }
        Ok(out)
    }
}

#[async_trait]
impl Records for DynamoRecords {
    // ---- tokens ----

    async fn insert_token(&self, info: &TokenInfo, hash: &str) -> Result<(), DbError> {
        let put = |item: Item| {
            Put::builder()
                .table_name(&self.table)
                .set_item(Some(item))
                .condition_expression("attribute_not_exists(pk)")
                .build()
                .map(|p| TransactWriteItem::builder().put(p).build())
                .map_err(|e| self.fail("TransactWriteItems token", e))
        };
        let mut token = key(format!("TOKEN#{}", info.id), "TOKEN");
        token.insert("body".into(), s(json("token", info)?));
        token.insert("gsi3pk".into(), s("TOKENS"));
        token.insert(
            "gsi3sk".into(),
            s(format!("{}#{}", time(info.created_at), info.id)),
        );
        let mut pointer = key(format!("TOKENHASH#{hash}"), "TOKEN");
        pointer.insert("id".into(), s(&info.id));
        self.client
            .transact_write_items()
            .transact_items(put(token)?)
            .transact_items(put(pointer)?)
            .send()
            .await
            .map_err(|e| self.fail("TransactWriteItems token", e))?;
        Ok(())
    }

    async fn token_by_hash(
        &self,
        hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<TokenInfo>, DbError> {
        let Some(pointer) = self
            .get("GetItem token hash", format!("TOKENHASH#{hash}"), "TOKEN")
            .await?
        else {
            return Ok(None);
        };
        let id = required(&pointer, "id")?;
        let Some(mut info) = self.token(&id).await? else {
            return Ok(None);
        };
        if info.revoked_at.is_some() {
            return Ok(None);
        }
        if stale_use(info.last_used_at, now) {
            self.client
                .update_item()
                .table_name(&self.table)
                .set_key(Some(key(format!("TOKEN#{id}"), "TOKEN")))
                .update_expression("SET last_used_at = :now")
                .expression_attribute_values(":now", s(time(now)))
                .send()
                .await
                .map_err(|e| self.fail("UpdateItem token use", e))?;
            info.last_used_at = Some(now);
        }
        Ok(Some(info))
    }

    async fn token(&self, id: &str) -> Result<Option<TokenInfo>, DbError> {
        self.get("GetItem token", format!("TOKEN#{id}"), "TOKEN")
            .await?
            .as_ref()
            .map(token_item)
            .transpose()
    }

    async fn tokens(&self) -> Result<Vec<TokenInfo>, DbError> {
        self.query(
            "Query tokens",
            Some("timeline"),
            ("gsi3pk", "TOKENS"),
            None,
            false,
            usize::MAX,
        )
        .await?
        .iter()
        .map(token_item)
        .collect()
    }

    async fn revoke_token(&self, id: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
        let out = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(format!("TOKEN#{id}"), "TOKEN")))
            .update_expression("SET revoked_at = :now")
            .condition_expression("attribute_exists(pk) AND attribute_not_exists(revoked_at)")
            .expression_attribute_values(":now", s(time(now)))
            .send()
            .await;
        match out {
            Ok(_) => Ok(true),
            Err(e) if condition_failed(&e) => Ok(false),
            Err(e) => Err(self.fail("UpdateItem token revoke", e)),
        }
    }

    async fn any_token(&self) -> Result<bool, DbError> {
        Ok(!self
            .query(
                "Query tokens",
                Some("timeline"),
                ("gsi3pk", "TOKENS"),
                None,
                false,
                1,
            )
            .await?
            .is_empty())
    }

    // ---- settings ----

    async fn setting_or(&self, name: &str, value: String) -> Result<String, DbError> {
        let mut item = key(format!("SETTING#{name}"), "SETTING");
        item.insert("value".into(), s(value));
        // Made once: a value stored first (by any task) is kept.
        self.put("PutItem setting", item, true).await?;
        let stored = self
            .get("GetItem setting", format!("SETTING#{name}"), "SETTING")
            .await?
            .ok_or_else(|| DbError::Corrupt(format!("the setting {name} vanished")))?;
        required(&stored, "value")
    }

    // ---- schedules ----

    async fn put_schedule(&self, schedule: &Schedule) -> Result<(), DbError> {
        let mut item = key(format!("SCHEDULE#{}", schedule.id), "SCHEDULE");
        item.insert("body".into(), s(json("schedule", schedule)?));
        item.insert("gsi3pk".into(), s("SCHEDULES"));
        item.insert(
            "gsi3sk".into(),
            s(format!("{}#{}", time(schedule.next_run_at), schedule.id)),
        );
        self.put("PutItem schedule", item, false).await?;
        Ok(())
    }

    async fn delete_schedule(&self, id: &str) -> Result<bool, DbError> {
        let out = self
            .client
            .delete_item()
            .table_name(&self.table)
            .set_key(Some(key(format!("SCHEDULE#{id}"), "SCHEDULE")))
            .return_values(ReturnValue::AllOld)
            .send()
            .await
            .map_err(|e| self.fail("DeleteItem schedule", e))?;
        Ok(out.attributes.is_some_and(|a| !a.is_empty()))
    }

    async fn schedules(&self, due_by: Option<DateTime<Utc>>) -> Result<Vec<Schedule>, DbError> {
        // `~` sorts after every id character: a schedule due exactly at `due_by` is included.
        let below = due_by.map(|t| ("gsi3sk", format!("{}#~", time(t))));
        let listed = self
            .query(
                "Query schedules",
                Some("timeline"),
                ("gsi3pk", "SCHEDULES"),
                below,
                false,
                usize::MAX,
            )
            .await?;
        let mut out = Vec::new();
        for item in listed {
            let listed: Schedule = from_json("schedule", &required(&item, "body")?)?;
            let Some(due_by) = due_by else {
                out.push(listed);
                continue;
            };
            // The index may lag a run just recorded: what runs is decided on the item itself.
            let Some(item) = self
                .get(
                    "GetItem schedule",
                    format!("SCHEDULE#{}", listed.id),
                    "SCHEDULE",
                )
                .await?
            else {
                continue;
            };
            let current: Schedule = from_json("schedule", &required(&item, "body")?)?;
            if current.next_run_at <= due_by {
                out.push(current);
            }
        }
        Ok(out)
    }

    // ---- sessions ----

    async fn insert_session(
        &self,
        hash: &str,
        principal: &Principal,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), DbError> {
        let ended = self
            .query(
                "Query sessions",
                Some("running"),
                ("gsi2pk", "SESSIONS"),
                Some(("gsi2sk", time(now))),
                false,
                25,
            )
            .await?;
        for item in ended {
            if let Some(pk) = text(&item, "pk") {
                self.client
                    .delete_item()
                    .table_name(&self.table)
                    .set_key(Some(key(pk, "SESSION")))
                    .send()
                    .await
                    .map_err(|e| self.fail("DeleteItem session", e))?;
            }
        }
        let mut item = key(format!("SESSION#{hash}"), "SESSION");
        for (name, value) in [
            ("actor", principal.actor.clone()),
            ("key", principal.key.clone()),
            ("role", principal.role.id().to_string()),
            ("created_at", time(now)),
            ("expires_at", time(expires_at)),
            ("gsi2pk", "SESSIONS".to_string()),
            ("gsi2sk", time(expires_at)),
        ] {
            item.insert(name.into(), s(value));
        }
        self.put("PutItem session", item, false).await?;
        Ok(())
    }

    async fn session(&self, hash: &str, now: DateTime<Utc>) -> Result<Option<Principal>, DbError> {
        let Some(item) = self
            .get("GetItem session", format!("SESSION#{hash}"), "SESSION")
            .await?
        else {
            return Ok(None);
        };
        if parse_time(&required(&item, "expires_at")?)? <= now {
            return Ok(None);
        }
        Ok(Some(Principal {
            actor: required(&item, "actor")?,
            key: required(&item, "key")?,
            role: required(&item, "role")?.parse().map_err(DbError::Corrupt)?,
        }))
    }

    async fn delete_session(&self, hash: &str) -> Result<(), DbError> {
        self.client
            .delete_item()
            .table_name(&self.table)
            .set_key(Some(key(format!("SESSION#{hash}"), "SESSION")))
            .send()
            .await
            .map_err(|e| self.fail("DeleteItem session", e))?;
        Ok(())
    }

    // ---- audit ----

    async fn audit(&self, entry: &AuditEntry) -> Result<(), DbError> {
        let mut nonce = [0u8; 6];
        aws_lc_rs::rand::fill(&mut nonce)
            .map_err(|_| DbError::Corrupt("the random source failed".into()))?;
        let nonce: String = nonce.iter().map(|b| format!("{b:02x}")).collect();
        let mut item = HashMap::from([
            ("pk".to_string(), s("AUDIT")),
            ("sk".to_string(), s(format!("{}#{nonce}", time(entry.at)))),
        ]);
        item.insert("entry".into(), s(json("audit entry", entry)?));
        self.put("PutItem audit", item, true).await?;
        Ok(())
    }

    async fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>, DbError> {
        self.query("Query audit", None, ("pk", "AUDIT"), None, true, limit)
            .await?
            .iter()
            .map(|item| from_json("audit entry", &required(item, "entry")?))
            .collect()
    }

    // ---- jobs ----

    async fn insert_job(&self, job: &JobRow) -> Result<(), DbError> {
        let mut item = key(format!("JOB#{}", job.id), "JOB");
        let created = time(job.created_at);
        for (name, value) in [
            ("body", json("job", job)?),
            ("status", job.status.id().to_string()),
            ("gsi3pk", "JOBS".to_string()),
            ("gsi3sk", format!("{created}#{}", job.id)),
            ("gsi2pk", "JOBS#UNFINISHED".to_string()),
            ("gsi2sk", created),
        ] {
            item.insert(name.into(), s(value));
        }
        self.put("PutItem job", item, true).await?;
        Ok(())
    }

    async fn job_started(&self, id: &str, at: DateTime<Utc>) -> Result<(), DbError> {
        let out = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(format!("JOB#{id}"), "JOB")))
            .update_expression("SET #status = :running, started_at = :at")
            .condition_expression("#status = :queued")
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":running", s(JobStatus::Running.id()))
            .expression_attribute_values(":queued", s(JobStatus::Queued.id()))
            .expression_attribute_values(":at", s(time(at)))
            .send()
            .await;
        match out {
            Err(e) if !condition_failed(&e) => Err(self.fail("UpdateItem job start", e)),
            _ => Ok(()),
        }
    }

    async fn job_progress(
        &self,
        id: &str,
        account_id: Option<&str>,
        progress: &serde_json::Value,
    ) -> Result<(), DbError> {
        let mut update = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(format!("JOB#{id}"), "JOB")))
            .condition_expression("attribute_exists(pk)")
            .expression_attribute_values(":progress", s(progress.to_string()));
        update = match account_id {
            Some(account) => update
                .update_expression("SET progress = :progress, account_id = :account")
                .expression_attribute_values(":account", s(account)),
            None => update.update_expression("SET progress = :progress"),
        };
        match update.send().await {
            Err(e) if !condition_failed(&e) => Err(self.fail("UpdateItem job progress", e)),
            _ => Ok(()),
        }
    }

    async fn job_finished(
        &self,
        id: &str,
        status: JobStatus,
        error: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<bool, DbError> {
        let mut update = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(key(format!("JOB#{id}"), "JOB")))
            .condition_expression("#status IN (:queued, :running)")
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":status", s(status.id()))
            .expression_attribute_values(":queued", s(JobStatus::Queued.id()))
            .expression_attribute_values(":running", s(JobStatus::Running.id()))
            .expression_attribute_values(":at", s(time(at)));
        update = match error {
            Some(error) => update
                .update_expression(
                    "SET #status = :status, finished_at = :at, #error = :error REMOVE gsi2pk, gsi2sk",
                )
                .expression_attribute_names("#error", "error")
                .expression_attribute_values(":error", s(error)),
            None => update.update_expression(
                "SET #status = :status, finished_at = :at REMOVE gsi2pk, gsi2sk",
            ),
        };
        match update.send().await {
            Ok(_) => Ok(true),
            Err(e) if condition_failed(&e) => Ok(false),
            Err(e) => Err(self.fail("UpdateItem job end", e)),
        }
    }

    async fn unfinished_jobs(&self) -> Result<Vec<JobRow>, DbError> {
        self.query(
            "Query unfinished jobs",
            Some("running"),
            ("gsi2pk", "JOBS#UNFINISHED"),
            None,
            false,
            usize::MAX,
        )
        .await?
        .iter()
        .map(job_item)
        .collect()
    }

    async fn job(&self, id: &str) -> Result<Option<JobRow>, DbError> {
        self.get("GetItem job", format!("JOB#{id}"), "JOB")
            .await?
            .as_ref()
            .map(job_item)
            .transpose()
    }

    async fn jobs(&self, limit: usize, offset: usize) -> Result<Vec<JobRow>, DbError> {
        let items = self
            .query(
                "Query jobs",
                Some("timeline"),
                ("gsi3pk", "JOBS"),
                None,
                true,
                limit.saturating_add(offset),
            )
            .await?;
        items
            .iter()
            .skip(offset)
            .take(limit)
            .map(job_item)
            .collect()
    }
}
