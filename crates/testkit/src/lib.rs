//! Test infrastructure for wellscan. Never a dependency of a shipped crate.
//!
//! - [`MotoServer`]: starts moto's server on a free loopback port, waits until it answers,
//!   and kills it when dropped.
//! - [`sdk_config`]: an `SdkConfig` with static credentials and a loopback endpoint, so no
//!   test ever asks the instance-metadata address or a real AWS endpoint.
//! - [`LatencyProxy`]: a loopback proxy in front of moto that adds a fixed delay, answers a
//!   share of requests with throttling or server errors, or never answers a service; it can
//!   record answers and replay them.
//! - [`FakeBedrock`]: the Bedrock runtime's Converse API on loopback, answering as each test
//!   scripts it (tool answers, prose, malformed JSON, throttling, errors) and keeping every
//!   request.
//! - [`FakeWellArchitected`]: the Well-Architected Tool's REST-JSON API on loopback
//!   (workloads, lens reviews, answers, milestones, its error shapes), which moto lacks.
//! - [`Webhook`]: an incoming webhook (as Slack's) on loopback that keeps what it is sent and
//!   answers with the status a test chose.
//! - [`pdf_text`], [`pdf_info`], [`run_tool`], [`browse`], [`fonts_used`]: poppler and headless
//!   Chromium, for looking at reports as a person would.
//! - [`output_within`]: every process a test starts runs under a deadline and is killed, named,
//!   when it hangs.

mod browser;
mod converse;
mod devtools;
mod http;
mod moto;
pub mod oidc;
mod process;
mod proxy;
mod scaled;
mod serve;
mod shell;
mod tools;
mod watool;
mod webhook;

pub use browser::{BrowsedPage, browse};
pub use converse::{ConverseRequest, FakeBedrock, Reply, plain_answer};
pub use devtools::{Driver, UsedFont, fonts_used};
pub use http::{HttpResponse, SseEvent, http_get, http_request, sse_events};
pub use moto::{EMULATOR_SCRIPT, MotoServer, python_path};
pub use process::{RunError, TOOL_DEADLINE, kill_group, output_within, wait_within};
pub use proxy::{Fault, LatencyProxy, ProxyConfig};
pub use scaled::{peak_rss_mib, scaled_demo};
pub use shell::{Pasted, paste_into_shell};
pub use tools::{lint, pdf_info, pdf_text, run_tool};
pub use watool::{
    Answer as WaAnswer, Call as WaCall, FakeWellArchitected, Question as WaQuestion,
    Workload as WaWorkload,
};
pub use webhook::{Delivery, Webhook};

use aws_config::{BehaviorVersion, SdkConfig};
use aws_credential_types::Credentials;

/// An image id for `RunInstances` against moto, which starts without images (see [`MotoServer`]).
pub const TEST_AMI: &str = "ami-0123456789abcdef0";

/// How long one SDK call of a test may take, retries included.
pub const SDK_CALL_DEADLINE: std::time::Duration = std::time::Duration::from_secs(120);

/// The static credentials every test uses.
pub const TEST_ACCESS_KEY_ID: &str = "AKIAWELLSCANTEST0000";
pub const TEST_SECRET_ACCESS_KEY: &str = "wellscan-test-secret-not-a-real-key";

/// Why the test infrastructure could not start.
#[derive(Debug, thiserror::Error)]
pub enum TestkitError {
    #[error(
        "the Python with moto was not found at {path}: run `cargo xtask setup` (or `cargo xtask test`, \
         which runs it) to install moto into .venv/, or set WELLSCAN_PYTHON to a Python that has moto[server] and cbor2"
    )]
    MotoMissing { path: String },
    #[error("could not start moto_server: {0}")]
    Spawn(#[source] std::io::Error),
    #[error("the emulator failed ({status}); its log: {log}")]
    Exited { status: String, log: String },
    #[error("HTTP {url}: {problem}")]
    Http { url: String, problem: String },
    #[error("the emulator did not answer on {endpoint} within {seconds} s; its log: {log}")]
    NoAnswer {
        endpoint: String,
        seconds: u64,
        log: String,
    },
}

/// For benchmarks, which run outside `cargo xtask test`: when `AWS_EC2_METADATA_DISABLED` is not
/// set, runs this program again with it set (so no SDK client ever asks the instance-metadata
/// address, which is not loopback) and exits with its status.
pub fn rerun_without_instance_metadata() {
    if std::env::var_os("AWS_EC2_METADATA_DISABLED").is_some() {
        return;
    }
    let status = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .status()
    });
    match status {
        Ok(status) => std::process::exit(status.code().unwrap_or(1)),
        Err(e) => panic!("cannot run the benchmark again with AWS_EC2_METADATA_DISABLED=true: {e}"),
    }
}

/// For benchmarks that build their clients from the standard credential chain, as wellscan
/// does: like [`rerun_without_instance_metadata`], and the test keys and region come from the
/// environment, no profile or credentials file is read.
pub fn rerun_as_test_caller() {
    if std::env::var_os("WELLSCAN_BENCH_CALLER").is_some() {
        return;
    }
    let status = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .args(std::env::args_os().skip(1))
            .env("WELLSCAN_BENCH_CALLER", "1")
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_ACCESS_KEY_ID", TEST_ACCESS_KEY_ID)
            .env("AWS_SECRET_ACCESS_KEY", TEST_SECRET_ACCESS_KEY)
            .env("AWS_REGION", "us-east-1")
            .env("AWS_CONFIG_FILE", "/dev/null")
            .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
            .env_remove("AWS_PROFILE")
            .env_remove("AWS_SESSION_TOKEN")
            .env_remove("AWS_ENDPOINT_URL")
            .status()
    });
    match status {
        Ok(status) => std::process::exit(status.code().unwrap_or(1)),
        Err(e) => panic!("cannot run the benchmark again with the test credentials: {e}"),
    }
}

/// Every action `docs/iam-policy.json` (the read-only policy users attach) allows.
pub fn iam_policy_actions() -> std::collections::BTreeSet<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/iam-policy.json");
    let text = std::fs::read_to_string(path).expect("docs/iam-policy.json");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("the policy is JSON");
    doc["Statement"]
        .as_array()
        .expect("statements")
        .iter()
        .filter(|s| s["Effect"] == "Allow")
        .flat_map(|s| s["Action"].as_array().cloned().unwrap_or_default())
        .filter_map(|a| a.as_str().map(String::from))
        .collect()
}

/// A shared AWS configuration for clients that talk to `endpoint` on loopback with static
/// test credentials in `region`, each call bounded by [`SDK_CALL_DEADLINE`].
pub async fn sdk_config(endpoint: &str, region: &str) -> SdkConfig {
    sdk_config_as(endpoint, region, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY).await
}

/// Like [`sdk_config`], in the account of `role_arn`: the role is assumed with the test
/// credentials (on moto, an organisation member's role) and its session signs every call.
pub async fn sdk_config_assumed(endpoint: &str, region: &str, role_arn: &str) -> SdkConfig {
    let sts = aws_sdk_sts::Client::new(&sdk_config(endpoint, region).await);
    let assumed = sts
        .assume_role()
        .role_arn(role_arn)
        .role_session_name("wellscan-test")
        .send()
        .await
        .unwrap_or_else(|e| panic!("assume {role_arn}: {}", wellscan_model::error_chain(&e)));
    let credentials = assumed.credentials().expect("the session's credentials");
    loopback_config(
        endpoint,
        region,
        Credentials::new(
            credentials.access_key_id(),
            credentials.secret_access_key(),
            Some(credentials.session_token().to_string()),
            None,
            "wellscan-testkit-assumed",
        ),
    )
    .await
}

/// Like [`sdk_config`], signing as the given access key (an IAM user created in moto).
pub async fn sdk_config_as(
    endpoint: &str,
    region: &str,
    access_key_id: &str,
    secret_access_key: &str,
) -> SdkConfig {
    let credentials = Credentials::new(
        access_key_id,
        secret_access_key,
        None,
        None,
        "wellscan-testkit",
    );
    loopback_config(endpoint, region, credentials).await
}

async fn loopback_config(endpoint: &str, region: &str, credentials: Credentials) -> SdkConfig {
    aws_config::defaults(BehaviorVersion::latest())
        .credentials_provider(credentials)
        .region(aws_config::Region::new(region.to_string()))
        .endpoint_url(endpoint)
        // A call the emulator never answers fails the test instead of holding it forever.
        .timeout_config(
            aws_config::timeout::TimeoutConfig::builder()
                .operation_timeout(SDK_CALL_DEADLINE)
                .build(),
        )
        .load()
        .await
}

/// Creates the IAM user `name` in the emulator at `endpoint` with `policy` as its one inline
/// policy, and returns a configuration signing as that user. The emulator judges the policy
/// only once [`MotoServer::enforce_iam`] is on.
pub async fn iam_user(endpoint: &str, name: &str, policy: &str) -> SdkConfig {
    let iam = aws_sdk_iam::Client::new(&sdk_config(endpoint, "us-east-1").await);
    iam.create_user()
        .user_name(name)
        .send()
        .await
        .expect("create the user");
    iam.put_user_policy()
        .user_name(name)
        .policy_name("wellscan-test")
        .policy_document(policy)
        .send()
        .await
        .expect("attach the policy");
    let key = iam
        .create_access_key()
        .user_name(name)
        .send()
        .await
        .expect("create an access key");
    let key = key.access_key().expect("an access key");
    sdk_config_as(
        endpoint,
        "us-east-1",
        key.access_key_id(),
        key.secret_access_key(),
    )
    .await
}
