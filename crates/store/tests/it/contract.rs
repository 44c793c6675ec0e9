//! What every `ScanStore` must do. Each function takes a fresh, empty store.

use chrono::{Duration, TimeZone, Utc};
use wellscan_model::{
    Pillar, PillarScore, ResourceKey, ScanRecord, ScanStatus, Severity, StoredFinding,
};
use wellscan_store::{ScanStore, StoreError};

pub const ACCOUNT: &str = "123456789012";

pub fn at(minutes: i64) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0)
        .single()
        .expect("date")
        + Duration::minutes(minutes)
}

pub fn findings(n: usize) -> Vec<StoredFinding> {
    (0..n)
        .map(|i| StoredFinding {
            resource_kind: "ec2_instance".into(),
            check_id: format!("check.{}", i % 65),
            resource_id: format!("i-{i:08x}"),
            region: ["eu-west-1", "us-east-1", "ap-northeast-1"][i % 3].into(),
            pillar: Pillar::ALL[i % 6],
            severity: Severity::ALL[i % 5],
            title: format!("finding {i}"),
            resource_name: if i % 100 == 0 {
                format!("本番サーバー-{i}")
            } else {
                format!("web-{i}")
            },
            monthly_savings_usd: (i % 7 == 0).then_some(i as f64 / 4.0),
        })
        .collect()
}

pub fn resources(findings: &[StoredFinding]) -> Vec<ResourceKey> {
    let mut keys: Vec<ResourceKey> = findings
        .iter()
        .map(|f| ResourceKey {
            kind: f.resource_kind.clone(),
            resource_id: f.resource_id.clone(),
            region: f.region.clone(),
        })
        .collect();
    keys.sort();
    keys
}

pub fn finished(id: &str, account: &str, minute: i64, n: usize) -> ScanRecord {
    let mut r = ScanRecord::running(id, account, at(minute));
    r.finished_at = Some(at(minute) + Duration::seconds(30));
    r.status = ScanStatus::Succeeded;
    r.overall_score = Some(66);
    r.pillars = Pillar::ALL
        .iter()
        .map(|&pillar| PillarScore { pillar, score: 60 })
        .collect();
    r.findings = n;
    r.monthly_savings_usd = 4077.5;
    r.reports = vec![
        "/tmp/out/report.pdf".into(),
        "s3://audit/wellscan/report.pdf".into(),
    ];
    r
}

/// Records a complete scan of `n` findings.
pub async fn record(store: &dyn ScanStore, id: &str, account: &str, minute: i64, n: usize) {
    let record = finished(id, account, minute, n);
    store
        .begin(&ScanRecord::running(id, account, at(minute)))
        .await
        .expect("begin");
    let f = findings(n);
    store
        .complete(&record, &f, &resources(&f))
        .await
        .expect("complete");
}

pub async fn a_scan_moves_from_running_to_succeeded_with_everything_kept(store: &dyn ScanStore) {
    let running = ScanRecord::running("s1", ACCOUNT, at(0));
    store.begin(&running).await.expect("begin");
    assert_eq!(store.get("s1").await.expect("get"), Some(running.clone()));

    let mut f = findings(20_000);
    // An IAM user and an IAM role may share a name: both are kept.
    for kind in ["iam_user", "iam_role"] {
        f.push(StoredFinding {
            check_id: "tags.missing_required".into(),
            resource_id: "deploy".into(),
            region: "global".into(),
            resource_kind: kind.into(),
            ..f[0].clone()
        });
    }
    let res = resources(&f);
    let mut done = finished("s1", ACCOUNT, 0, f.len());
    done.scope = Some(wellscan_model::ScanScope {
        source: wellscan_model::ScanSource::Live,
        regions: vec!["eu-west-1".into(), "us-east-1".into()],
        gaps: vec![wellscan_model::CoverageGap {
            region: "us-east-1".into(),
            service: "s3".into(),
            operation: "GetBucketPolicy".into(),
            error: "access denied".into(),
        }],
    });
    store.complete(&done, &f, &res).await.expect("complete");

    assert_eq!(store.get("s1").await.expect("get"), Some(done));
    let mut back = store.findings("s1").await.expect("findings");
    let mut expected = f.clone();
    let order = |x: &StoredFinding, y: &StoredFinding| {
        (&x.check_id, &x.region, &x.resource_kind, &x.resource_id).cmp(&(
            &y.check_id,
            &y.region,
            &y.resource_kind,
            &y.resource_id,
        ))
    };
    back.sort_by(order);
    expected.sort_by(order);
    assert_eq!(back.len(), 20_002);
    assert_eq!(
        back, expected,
        "20,000 findings round-trip, Japanese names included"
    );
    let mut back_res = store.resources("s1").await.expect("resources");
    back_res.sort();
    assert_eq!(back_res, res);
}

pub async fn writes_that_would_corrupt_a_record_are_refused(store: &dyn ScanStore) {
    let running = ScanRecord::running("s1", ACCOUNT, at(0));
    store.begin(&running).await.expect("begin");
    let again = store.begin(&running).await;
    assert!(
        matches!(again, Err(StoreError::Conflict { .. })),
        "{again:?}"
    );

    let unknown = store
        .complete(&finished("nope", ACCOUNT, 0, 0), &[], &[])
        .await;
    assert!(
        matches!(unknown, Err(StoreError::Conflict { .. })),
        "{unknown:?}"
    );

    store
        .fail("s1", "AccessDenied on sts:GetCallerIdentity", at(1))
        .await
        .expect("fail");
    let failed = store.get("s1").await.expect("get").expect("kept");
    assert_eq!(failed.status, ScanStatus::Failed);
    assert_eq!(
        failed.error.as_deref(),
        Some("AccessDenied on sts:GetCallerIdentity")
    );
    assert_eq!(failed.finished_at, Some(at(1)));

    let late = store
        .complete(&finished("s1", ACCOUNT, 0, 0), &[], &[])
        .await;
    assert!(
        matches!(late, Err(StoreError::Conflict { .. })),
        "a failed scan stays failed: {late:?}"
    );
    assert_eq!(
        store.get("s1").await.expect("get").expect("kept").status,
        ScanStatus::Failed
    );
}

pub async fn stale_running_scans_become_failed(store: &dyn ScanStore) {
    store
        .begin(&ScanRecord::running("old", ACCOUNT, at(0)))
        .await
        .expect("begin");
    store
        .begin(&ScanRecord::running("current", ACCOUNT, at(50)))
        .await
        .expect("begin");
    record(store, "done", ACCOUNT, 10, 3).await;

    let recovered = store.recover_stale(at(30), at(60)).await.expect("recover");
    assert_eq!(recovered, vec!["old".to_string()]);
    let old = store.get("old").await.expect("get").expect("kept");
    assert_eq!(old.status, ScanStatus::Failed);
    assert!(
        old.error
            .as_deref()
            .unwrap_or_default()
            .contains("interrupted"),
        "{old:?}"
    );
    assert_eq!(
        store
            .get("current")
            .await
            .expect("get")
            .expect("kept")
            .status,
        ScanStatus::Running
    );
    assert_eq!(
        store.get("done").await.expect("get").expect("kept").status,
        ScanStatus::Succeeded
    );
}

pub async fn history_lists_newest_first_per_account(store: &dyn ScanStore) {
    for (i, id) in ["a1", "a2", "a3"].iter().enumerate() {
        record(store, id, ACCOUNT, i as i64 * 10, 2).await;
    }
    record(store, "b1", "210987654321", 5, 2).await;

    let all = store.list(None, 10).await.expect("list");
    let ids: Vec<&str> = all.iter().map(|r| r.scan_id.as_str()).collect();
    assert_eq!(ids, ["a3", "a2", "b1", "a1"]);
    let mine = store.list(Some(ACCOUNT), 2).await.expect("list");
    let ids: Vec<&str> = mine.iter().map(|r| r.scan_id.as_str()).collect();
    assert_eq!(ids, ["a3", "a2"]);
    assert!(
        store
            .list(Some("000000000000"), 10)
            .await
            .expect("list")
            .is_empty()
    );
    assert_eq!(store.get("missing").await.expect("get"), None);
}
