//! An organisation-wide scan's memory: 50 member accounts of about 2,000 resources each on moto
//! (1,000 instances, each with its root volume), scanned four at a time with every report
//! written and every scan recorded, against the same run over one account.
//!
//! `cargo bench -p wellscan-e2e --bench org` (needs `cargo xtask setup` first);
//! `WELLSCAN_BENCH_ACCOUNTS=N` changes the number of accounts.
//!
//! Prints the seeding time, each run's wall time and the process's peak memory (target: the
//! organisation's peak under twice the single account's: an account's inventory and assessment
//! are dropped once its reports are written).

use std::sync::Arc;
use std::time::{Duration, Instant};

use aws_sdk_organizations::types::OrganizationFeatureSet;
use wellscan_model::OrgAccount;
use wellscan_orchestrator::aws::Access;
use wellscan_orchestrator::org::{OrgRun, OrgServices};
use wellscan_orchestrator::{InventorySource, ScanPlan};
use wellscan_report::{Format, LocalDir, Publisher};
use wellscan_testkit::{MotoServer, sdk_config, sdk_config_assumed};

const ACCOUNTS: usize = 50;
const INSTANCES: i32 = 1_000;
const ACCOUNT_CONCURRENCY: usize = 4;
const ROLE: &str = "OrganizationAccountAccessRole";

fn main() {
    wellscan_testkit::rerun_as_test_caller();
    let accounts = std::env::var("WELLSCAN_BENCH_ACCOUNTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(ACCOUNTS);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(bench(accounts));
}

async fn bench(count: usize) {
    let moto = MotoServer::start().expect("moto starts (run `cargo xtask setup` first)");
    let endpoint = moto.endpoint();
    let started = Instant::now();
    let accounts = seed(&endpoint, count).await;
    println!(
        "{count} accounts of {INSTANCES} instances and their volumes seeded on moto in {:.1?}",
        started.elapsed()
    );
    let tmp = tempfile::tempdir().expect("temp dir");
    let access = Access {
        profile: None,
        endpoint_url: Some(endpoint.clone()),
    };

    let (one_peak, one_wall) = run(&access, &tmp.path().join("one"), &accounts[..1]).await;
    println!("  one account:  peak memory {one_peak:.0} MiB, {one_wall:.1?}");
    let (all_peak, all_wall) = run(&access, &tmp.path().join("all"), &accounts).await;
    println!(
        "  {count} accounts, {ACCOUNT_CONCURRENCY} at a time: peak memory {all_peak:.0} MiB, {all_wall:.1?} ({:.1?} an account)",
        all_wall / u32::try_from(count).unwrap_or(1)
    );
    println!(
        "  {:.2}× the single account's peak (target: under 2×)",
        all_peak / one_peak
    );
}

/// An organisation of `count` members, each with its instances; their ids.
async fn seed(endpoint: &str, count: usize) -> Vec<OrgAccount> {
    let orgs = aws_sdk_organizations::Client::new(&sdk_config(endpoint, "us-east-1").await);
    orgs.create_organization()
        .feature_set(OrganizationFeatureSet::All)
        .send()
        .await
        .expect("organisation");
    let mut accounts = Vec::with_capacity(count);
    for i in 0..count {
        let name = format!("member-{i:03}");
        let status = orgs
            .create_account()
            .account_name(&name)
            .email(format!("{name}@example.com"))
            .send()
            .await
            .expect("account");
        let id = status
            .create_account_status()
            .and_then(|s| s.account_id())
            .expect("id")
            .to_string();
        let role = format!("arn:aws:iam::{id}:role/{ROLE}");
        let ec2 = aws_sdk_ec2::Client::new(&sdk_config_assumed(endpoint, "us-east-1", &role).await);
        ec2.run_instances()
            .image_id(wellscan_testkit::TEST_AMI)
            .min_count(INSTANCES)
            .max_count(INSTANCES)
            .send()
            .await
            .expect("instances");
        accounts.push(OrgAccount { id, name });
    }
    accounts
}

/// The organisation run over `accounts`, into `out`: the peak memory (MiB) and wall time.
async fn run(access: &Access, out: &std::path::Path, accounts: &[OrgAccount]) -> (f64, Duration) {
    let store = wellscan_store::SqliteStore::open(&out.join("history.db")).expect("history");
    let root = out.to_path_buf();
    let org = OrgRun {
        run_id: wellscan_orchestrator::new_scan_id(),
        role_name: ROLE.to_string(),
        external_id: None,
        filter: Default::default(),
        account_concurrency: ACCOUNT_CONCURRENCY,
        discovery_concurrency: wellscan_orchestrator::DEFAULT_DISCOVERY_CONCURRENCY,
        deadline: None,
        plan: ScanPlan {
            scan_id: String::new(),
            source: InventorySource::Demo,
            regions: Some(vec!["us-east-1".to_string()]),
            checks: Default::default(),
            prices: Arc::new(wellscan_checks::PriceTable::embedded().clone()),
            formats: Format::ALL.to_vec(),
            render: Default::default(),
            analyst_timeout: Duration::from_secs(120),
            agent_concurrency: wellscan_orchestrator::DEFAULT_AGENT_CONCURRENCY,
            brief_tokens: wellscan_agents::DEFAULT_BRIEF_TOKENS,
        },
    };
    let services = OrgServices {
        analyst: Arc::new(wellscan_agents::Offline),
        history: Some(Arc::new(store)),
        upload: None,
        publisher_for: Arc::new(move |folder: &str| -> Arc<dyn Publisher> {
            Arc::new(LocalDir::new(root.join(folder)))
        }),
    };
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let drain = tokio::spawn(async move { while rx.recv().await.is_some() {} });
    // Resets the process's peak resident memory (Linux) so each run is measured alone.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let started = Instant::now();
    let outcome =
        wellscan_orchestrator::org::run(access, "aws", &org, accounts.to_vec(), &services, &tx)
            .await
            .expect("the run");
    let wall = started.elapsed();
    let peak = wellscan_testkit::peak_rss_mib();
    drop(tx);
    let _ = drain.await;
    assert_eq!(
        outcome.rollup.accounts.len(),
        accounts.len(),
        "every account scanned: {:?}",
        outcome.rollup.unscanned
    );
    (peak, wall)
}
