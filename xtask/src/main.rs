//! Repository automation for wellscan, run as `cargo xtask <command>`.
//!
//! - `setup`: installs what the tests need that cargo does not: moto into `.venv/`, poppler
//!   and Chromium from Debian's packages.
//! - `test [ARGS]`: `setup`, then the whole workspace suite with a test environment that never
//!   reaches beyond loopback (static credentials, no instance metadata).
//! - `lint`: `cargo fmt --check` and `cargo clippy --all-targets -- -D warnings`.
//! - `tidy`: the crate boundaries hold; every scanner unit has its service test and demo file; every check has a fixture test, a known best-practice id and remediation.
//! - `demo-fixture`: regenerates `fixtures/demo/inventory.json`, the recorded demo account.
//! - `build-time [--tests]`: a first build into an empty target folder, with its wall time, peak
//!   memory and slowest crates (`build_time.rs`).
//! - `emulator [--port N]`: runs the test emulator (moto with wellscan's protocol bridges) in
//!   the foreground, for trying wellscan against it by hand.

mod boundaries;
mod build_time;
mod deadline;
mod demo;
mod resource_files;
mod setup;
mod tidy;
mod unit_files;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = repo_root();
    match args.first().map(String::as_str) {
        Some("setup") => setup::install(&root).map(|_| ()),
        Some("test") => test(&root, &args[1..]),
        Some("lint") => lint(&root),
        Some("tidy") => tidy::run(&root),
        Some("demo-fixture") => demo::write(&root),
        Some("emulator") => emulator(&root, &args[1..]),
        Some("build-time") => build_time::run(&root, &args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask <setup | test [cargo test args] | lint | tidy | demo-fixture | emulator [--port N] | build-time [--tests]>"
            );
            std::process::exit(2);
        }
    }
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Runs the whole suite against loopback-only emulators.
fn test(root: &Path, extra: &[String]) -> Result<()> {
    let python = setup::install(root)?;
    let mut cmd = cargo_command();
    cmd.current_dir(root)
        .args(["test", "--workspace"])
        .args(extra);
    for (key, value) in test_env() {
        cmd.env(key, value);
    }
    cmd.env("WELLSCAN_PYTHON", &python);
    // CI allows 90 minutes. A fresh clone's whole run took 41 minutes on two cores (setup 2.5,
    // the test build 26, the tests 12) and 57 in CI. libtest's "has been running for over 60
    // seconds" lines above the failure name a test that hung.
    deadline::run_within(&mut cmd, SUITE_DEADLINE, "the test suite")
}

/// How long the whole test run may take before it is killed.
const SUITE_DEADLINE: Duration = Duration::from_secs(75 * 60);

/// The emulator in the foreground: `AWS_ENDPOINT_URL=http://127.0.0.1:PORT wellscan ...`.
fn emulator(root: &Path, args: &[String]) -> Result<()> {
    let python = setup::install(root)?;
    let port = match args {
        [flag, port] if flag == "--port" => port.clone(),
        [] => "5000".to_string(),
        _ => bail!("usage: cargo xtask emulator [--port N]"),
    };
    let script = root.join("crates/testkit/emulator/wellscan_emulator.py");
    run(Command::new(python)
        .arg(script)
        .args(["--host", "127.0.0.1", "--port", &port]))
}

/// The environment every test process gets: nothing may reach a real AWS endpoint or the
/// instance-metadata address.
fn test_env() -> [(&'static str, &'static str); 6] {
    [
        ("AWS_ACCESS_KEY_ID", "AKIAWELLSCANTEST0000"),
        (
            "AWS_SECRET_ACCESS_KEY",
            "wellscan-test-secret-not-a-real-key",
        ),
        ("AWS_REGION", "us-east-1"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("AWS_CONFIG_FILE", "/dev/null"),
        ("AWS_SHARED_CREDENTIALS_FILE", "/dev/null"),
    ]
}

fn lint(root: &Path) -> Result<()> {
    run(cargo_command()
        .current_dir(root)
        .args(["fmt", "--all", "--", "--check"]))?;
    run(cargo_command().current_dir(root).args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))
}

/// A cargo command without the variables `cargo run` set for xtask itself. Build scripts
/// watch some of them (ring reruns when `CARGO_MANIFEST_DIR` changes), so passing them on would
/// rebuild the SDK's TLS stack, and everything above it, every time one alternates between
/// `cargo build` and `cargo xtask test`.
fn cargo_command() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string()));
    for (key, _) in std::env::vars_os() {
        if key.to_str().is_some_and(set_for_xtask) {
            cmd.env_remove(key);
        }
    }
    cmd
}

/// What cargo sets for the binary it runs, as opposed to what a user set for cargo.
fn set_for_xtask(key: &str) -> bool {
    key.starts_with("CARGO_PKG_")
        || matches!(
            key,
            "CARGO_MANIFEST_DIR"
                | "CARGO_MANIFEST_PATH"
                | "CARGO_CRATE_NAME"
                | "CARGO_BIN_NAME"
                | "CARGO_PRIMARY_PACKAGE"
                | "CARGO_RUSTC_CURRENT_DIR"
        )
}

pub(crate) fn run(cmd: &mut Command) -> Result<()> {
    let status = cmd
        .status()
        .with_context(|| format!("could not run {cmd:?}"))?;
    if !status.success() {
        bail!("{cmd:?} failed: {status}");
    }
    Ok(())
}
