//! The `wellscan` command. Only the command line and the glue live here; the work is in the
//! library crates.

mod args;
mod aws;
mod catalogue;
mod config;
mod dashboard;
mod display;
mod history;
mod inventory;
mod mcp;
mod notify;
mod org;
mod out;
mod scan;
mod securityhub;
mod serve;
mod term;
mod upload;
mod watool;

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::term::error_line;
use clap::Parser;

/// How a command ended, mapped to the documented exit codes.
pub enum Exit {
    /// 0: done.
    Done,
    /// 3: findings at or above `--fail-on`.
    FindingsAboveThreshold,
}

/// A failure: a usage error (exit 2) or a failed run (exit 1).
pub enum Failure {
    Usage(anyhow::Error),
    Run(anyhow::Error),
}

impl Failure {
    pub fn usage(message: impl std::fmt::Display) -> Failure {
        Failure::Usage(anyhow::anyhow!("{message}"))
    }

    /// The error and its causes, each said once.
    pub fn message(&self) -> String {
        let (Failure::Usage(e) | Failure::Run(e)) = self;
        let chain: &dyn std::error::Error = e.as_ref();
        wellscan_model::error_chain(chain)
    }
}

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    if cli.command.quiet() {
        term::set_quiet();
    }
    init_tracing();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            error_line!("error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let result = runtime.block_on(async {
        match cli.command {
            args::Command::Scan(scan_args) => scan::run(*scan_args).await,
            args::Command::Inventory(inventory_args) => inventory::run(inventory_args).await,
            args::Command::History(a) => history::list(a).await,
            args::Command::Show(a) => history::show(a).await,
            args::Command::Diff(a) => history::diff(a).await,
            args::Command::Checks(a) => catalogue::list(a),
            args::Command::Org(args::OrgArgs {
                command: args::OrgCommand::Rollup(a),
            }) => org::rollup(a).await,
            args::Command::Serve(a) => serve::run(*a).await,
            args::Command::Token(a) => serve::token(a).await,
            args::Command::PublishDashboard(a) => dashboard::publish(a).await,
            args::Command::WaTool(args::WaToolArgs {
                command: args::WaToolCommand::Sync(a),
            }) => watool::sync(*a).await,
            args::Command::Mcp(a) => mcp::run(*a).await,
        }
    });
    match result {
        Ok(Exit::Done) => ExitCode::SUCCESS,
        Ok(Exit::FindingsAboveThreshold) => ExitCode::from(3),
        Err(failure) => {
            error_line!("error: {}", failure.message());
            match failure {
                Failure::Usage(_) => ExitCode::from(2),
                Failure::Run(_) => ExitCode::from(1),
            }
        }
    }
}

/// Crates that log HTTP requests and responses at debug and trace level. Response bodies hold
/// tag values and environment variables before wellscan redacts them, so these never log below
/// info, whatever RUST_LOG asks for.
const WIRE_LEVEL_CRATES: &[&str] = &[
    "aws_smithy_runtime",
    "aws_smithy_runtime_api",
    "aws_smithy_http",
    "aws_smithy_http_client",
    "aws_smithy_types",
    "aws_smithy_xml",
    "aws_smithy_json",
    "aws_smithy_cbor",
    "aws_smithy_query",
    "aws_sigv4",
    "aws_runtime",
    "aws_config",
    "hyper",
    "hyper_util",
    "h2",
    "rustls",
];

fn init_tracing() {
    use tracing_subscriber::filter::{EnvFilter, filter_fn};
    use tracing_subscriber::prelude::*;
    // Without RUST_LOG nothing is logged: the terminal display already says every warning
    // once, in words (a fallen-back pillar, a coverage gap, a failed upload).
    let asked = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("off"));
    let colour = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    // A filter of its own, after RUST_LOG's: no directive, however specific its target
    // (`aws_smithy_runtime::client::orchestrator=trace`), can turn wire logging back on.
    let no_wire = filter_fn(|meta| !is_wire_level(meta.target(), *meta.level()));
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_ansi(colour)
                .with_target(false)
                .with_filter(asked)
                .with_filter(no_wire),
        )
        .init();
}

/// An event below info from a crate that logs HTTP traffic.
fn is_wire_level(target: &str, level: tracing::Level) -> bool {
    level > tracing::Level::INFO
        && WIRE_LEVEL_CRATES.iter().any(|c| {
            target == *c
                || target
                    .strip_prefix(c)
                    .is_some_and(|rest| rest.starts_with("::"))
        })
}
