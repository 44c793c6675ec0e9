//! One contract, run against `server.db` and against DynamoDB (moto, through the real SDK
//! client): what the service relies on holds wherever its records live.

use chrono::{DateTime, Duration, Utc};

use super::*;
use crate::jobs::ScanRequest;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("time")
        .with_timezone(&Utc)
}

fn token(id: &str, role: Role, created_at: DateTime<Utc>) -> TokenInfo {
    TokenInfo {
        id: id.into(),
        name: format!("token {id}"),
        role,
        created_at,
        created_by: "cli:test".into(),
        revoked_at: None,
        last_used_at: None,
    }
}

fn job(id: &str, created_at: DateTime<Utc>) -> JobRow {
    JobRow {
        id: id.into(),
        requested_by: "token:a (ci)".into(),
        request: ScanRequest {
            demo: true,
            ..ScanRequest::default()
        },
        account_id: None,
        status: JobStatus::Queued,
        created_at,
        started_at: None,
        finished_at: None,
        error: None,
        progress: None,
    }
}

fn schedule(id: &str, next_run_at: DateTime<Utc>) -> Schedule {
    Schedule {
        id: id.into(),
        cron: "0 2 * * *".into(),
        time_zone: "Europe/Paris".into(),
        scan: ScanRequest {
            demo: true,
            ..ScanRequest::default()
        },
        created_by: "token:a (ci)".into(),
        created_at: next_run_at - Duration::days(1),
        next_run_at,
        last_run_at: None,
        last_scan_id: None,
        eventbridge: Some(format!("wellscan-{id}")),
    }
}

async fn tokens_are_found_by_hash_until_revoked(db: &dyn Records) {
    let t0 = at("2026-12-03T10:00:00Z");
    assert!(!db.any_token().await.expect("any"), "a new store has none");
    db.insert_token(&token("a", Role::Admin, t0), "hash-a")
        .await
        .expect("insert a");
    db.insert_token(
        &token("v", Role::Viewer, t0 + Duration::seconds(1)),
        "hash-v",
    )
    .await
    .expect("insert v");
    assert!(db.any_token().await.expect("any"));

    let used = db
        .token_by_hash("hash-a", t0)
        .await
        .expect("read")
        .expect("live");
    assert_eq!((used.id.as_str(), used.role), ("a", Role::Admin));
    assert_eq!(used.last_used_at, Some(t0));
    // Marked at most once a minute.
    db.token_by_hash("hash-a", t0 + Duration::seconds(10))
        .await
        .expect("read");
    let listed = db.token("a").await.expect("read").expect("a");
    assert_eq!(listed.last_used_at, Some(t0));
    db.token_by_hash("hash-a", t0 + Duration::seconds(120))
        .await
        .expect("read");
    let listed = db.token("a").await.expect("read").expect("a");
    assert_eq!(listed.last_used_at, Some(t0 + Duration::seconds(120)));
    assert_eq!(
        db.token_by_hash("hash-unknown", t0).await.expect("read"),
        None
    );

    let ids: Vec<String> = db
        .tokens()
        .await
        .expect("list")
        .into_iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(ids, ["a", "v"], "oldest first");

    let t1 = t0 + Duration::hours(1);
    assert!(db.revoke_token("a", t1).await.expect("revoke"));
    assert!(!db.revoke_token("a", t1).await.expect("again"), "once");
    assert!(!db.revoke_token("nope", t1).await.expect("unknown"));
    assert_eq!(
        db.token_by_hash("hash-a", t1).await.expect("read"),
        None,
        "a revoked token no longer signs in"
    );
    let revoked = db.token("a").await.expect("read").expect("still listed");
    assert_eq!(revoked.revoked_at, Some(t1));
    assert!(
        db.token_by_hash("hash-v", t1)
            .await
            .expect("read")
            .is_some()
    );
}

async fn a_setting_is_made_once(db: &dyn Records) {
    assert_eq!(
        db.setting_or("share_key", "first".into())
            .await
            .expect("make"),
        "first"
    );
    assert_eq!(
        db.setting_or("share_key", "second".into())
            .await
            .expect("read"),
        "first",
        "the stored value is kept"
    );
}

async fn schedules_are_due_by_their_next_run(db: &dyn Records) {
    let now = at("2026-12-03T10:00:00Z");
    db.put_schedule(&schedule("later", now + Duration::hours(1)))
        .await
        .expect("put");
    db.put_schedule(&schedule("due", now - Duration::minutes(1)))
        .await
        .expect("put");
    db.put_schedule(&schedule("exactly", now))
        .await
        .expect("put");
    let ids = |list: Vec<Schedule>| list.into_iter().map(|s| s.id).collect::<Vec<_>>();
    assert_eq!(
        ids(db.schedules(None).await.expect("all")),
        ["due", "exactly", "later"],
        "soonest first"
    );
    assert_eq!(
        ids(db.schedules(Some(now)).await.expect("due")),
        ["due", "exactly"]
    );
    // A run recorded moves the schedule on: it is not due again.
    let mut ran = schedule("due", now + Duration::days(1));
    ran.last_run_at = Some(now);
    ran.last_scan_id = Some("scan-1".into());
    db.put_schedule(&ran).await.expect("record the run");
    db.delete_schedule("exactly").await.expect("delete");
    assert!(db.schedules(Some(now)).await.expect("due").is_empty());
    let all = db.schedules(None).await.expect("all");
    assert_eq!(ids(all.clone()), ["later", "due"]);
    assert_eq!(all[1], ran, "kept whole");
    assert!(db.delete_schedule("later").await.expect("delete"));
    assert!(!db.delete_schedule("later").await.expect("again"));
}

async fn sessions_end_when_they_expire_or_are_deleted(db: &dyn Records) {
    let now = at("2026-12-03T10:00:00Z");
    let who = Principal {
        actor: "oidc:alice (Alice)".into(),
        key: "oidc:alice".into(),
        role: Role::Auditor,
    };
    db.insert_session("short", &who, now, now + Duration::seconds(1))
        .await
        .expect("insert");
    db.insert_session("long", &who, now, now + Duration::hours(12))
        .await
        .expect("insert");
    assert_eq!(
        db.session("long", now).await.expect("read"),
        Some(who.clone())
    );
    assert_eq!(
        db.session("short", now + Duration::seconds(2))
            .await
            .expect("read"),
        None,
        "expired"
    );
    // A later sign-in forgets the sessions that have ended.
    db.insert_session(
        "later",
        &who,
        now + Duration::hours(1),
        now + Duration::hours(13),
    )
    .await
    .expect("insert");
    assert_eq!(db.session("short", now).await.expect("read"), None);
    db.delete_session("long").await.expect("delete");
    assert_eq!(db.session("long", now).await.expect("read"), None);
    assert_eq!(db.session("unknown", now).await.expect("read"), None);
}

async fn the_audit_log_reads_newest_first(db: &dyn Records) {
    let t0 = at("2026-12-03T10:00:00Z");
    for (i, action) in ["token.create", "scan.start", "scan.cancel"]
        .into_iter()
        .enumerate()
    {
        db.audit(&AuditEntry {
            at: t0 + Duration::seconds(i as i64),
            actor: "token:a (ci)".into(),
            action: action.into(),
            target: format!("scan:{i}"),
            detail: "日本語の説明".into(),
        })
        .await
        .expect("audit");
    }
    let log = db.audit_log(2).await.expect("log");
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["scan.cancel", "scan.start"]);
    assert_eq!(log[0].detail, "日本語の説明");
    assert_eq!(db.audit_log(50).await.expect("log").len(), 3);
}

async fn a_finished_job_never_changes_again(db: &dyn Records) {
    let t0 = at("2026-12-03T10:00:00Z");
    db.insert_job(&job("j1", t0)).await.expect("insert");
    db.insert_job(&job("j2", t0 + Duration::seconds(1)))
        .await
        .expect("insert");
    let unfinished = |list: Vec<JobRow>| {
        let mut ids: Vec<String> = list.into_iter().map(|j| j.id).collect();
        ids.sort();
        ids
    };
    assert_eq!(
        unfinished(db.unfinished_jobs().await.expect("unfinished")),
        ["j1", "j2"]
    );

    db.job_started("j1", t0 + Duration::seconds(5))
        .await
        .expect("start");
    let progress = serde_json::json!({"stage": "discovery", "regions_done": 3});
    db.job_progress("j1", Some("123456789012"), &progress)
        .await
        .expect("progress");
    let running = db.job("j1").await.expect("read").expect("j1");
    assert_eq!(running.status, JobStatus::Running);
    assert_eq!(running.started_at, Some(t0 + Duration::seconds(5)));
    assert_eq!(running.account_id.as_deref(), Some("123456789012"));
    assert_eq!(running.progress, Some(progress));

    let t1 = t0 + Duration::minutes(2);
    assert!(
        db.job_finished("j1", JobStatus::Succeeded, None, t1)
            .await
            .expect("end")
    );
    assert!(
        !db.job_finished("j1", JobStatus::Failed, Some("late"), t1)
            .await
            .expect("again"),
        "a finished job is never changed again"
    );
    db.job_started("j1", t1).await.expect("a late start");
    let done = db.job("j1").await.expect("read").expect("j1");
    assert_eq!(
        (done.status, done.finished_at, done.error),
        (JobStatus::Succeeded, Some(t1), None)
    );
    assert!(
        db.job_finished("j2", JobStatus::Cancelled, Some("cancelled: by alice"), t1)
            .await
            .expect("cancel")
    );
    let cancelled = db.job("j2").await.expect("read").expect("j2");
    assert_eq!(cancelled.error.as_deref(), Some("cancelled: by alice"));
    assert!(db.unfinished_jobs().await.expect("unfinished").is_empty());

    let ids = |list: Vec<JobRow>| list.into_iter().map(|j| j.id).collect::<Vec<_>>();
    assert_eq!(ids(db.jobs(10, 0).await.expect("jobs")), ["j2", "j1"]);
    assert_eq!(ids(db.jobs(1, 1).await.expect("page")), ["j1"]);
    assert!(db.jobs(10, 5).await.expect("past the end").is_empty());
    assert_eq!(db.job("nope").await.expect("read"), None);
}

async fn contract(db: &dyn Records) {
    tokens_are_found_by_hash_until_revoked(db).await;
    a_setting_is_made_once(db).await;
    schedules_are_due_by_their_next_run(db).await;
    sessions_end_when_they_expire_or_are_deleted(db).await;
    the_audit_log_reads_newest_first(db).await;
    a_finished_job_never_changes_again(db).await;
}

#[tokio::test]
async fn server_db_keeps_the_contract() {
    let dir = tempfile::tempdir().expect("dir");
    contract(&SqliteRecords::open(dir.path()).expect("open")).await;
}

#[tokio::test]
async fn the_history_table_keeps_the_contract_beside_the_scans() {
    use wellscan_store::ScanStore;

    let moto = wellscan_testkit::MotoServer::start().expect("moto starts");
    let sdk = wellscan_testkit::sdk_config(&moto.endpoint(), "eu-west-1").await;
    let client = aws_sdk_dynamodb::Client::new(&sdk);
    let history = wellscan_store::DynamoStore::new(client.clone(), "wellscan-history");
    history.create_table().await.expect("create the table");
    contract(&DynamoRecords::new(client, "wellscan-history")).await;
    // The service's items are invisible to the history's own queries.
    assert!(history.list(None, 50).await.expect("list").is_empty());
    let now = Utc::now();
    assert!(
        history
            .recover_stale(now + Duration::days(30), now)
            .await
            .expect("recover")
            .is_empty()
    );
}
