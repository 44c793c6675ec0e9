//! `wellscan mcp`: the MCP server of `wellscan-mcp` on stdin and stdout, over the history the
//! flags name; with `--allow-scans`, its scans run on the service's queue in this process.
//! Nothing may be printed on stdout here: it is the protocol's channel.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use wellscan_mcp::{Archive, Caller, Mcp, Reports};

use crate::args::McpArgs;
use crate::{Exit, Failure};

/// How long a scan still running when the assistant closes the session may take to finish.
const FINISH: Duration = Duration::from_secs(30);

pub async fn run(args: McpArgs) -> Result<Exit, Failure> {
    crate::history::validate(&args.history)?;
    let caller = Arc::new(crate::aws::Caller::new(crate::serve::access(
        &args.scans.caller,
    )));
    // With scans allowed, their flags and files are checked before the history is touched.
    let settings = match args.allow_scans {
        true => {
            crate::scan::refuse_unbuilt(&args.scans.analysis)?;
            Some(crate::serve::scan_settings(&args.scans, &caller).await?)
        }
        false => None,
    };
    let history = if args.allow_scans {
        // Scans will be recorded: the history is made if there is none.
        crate::history::open(&args.history, &caller).await?
    } else {
        crate::history::open_to_read(&args.history)
            .await?
            .ok_or_else(|| {
                Failure::usage(format!(
                    "no history at {}: record a scan first (`wellscan scan --demo`), or name one with --db or --store",
                    crate::history::default_db().display()
                ))
            })?
    };
    history
        .list(None, 1)
        .await
        .map_err(|e| Failure::usage(format!("the history cannot be read: {e}")))?;
    let reports = Arc::new(CliReports {
        caller: caller.clone(),
    });
    let archive = Arc::new(Archive::new(history.clone(), reports));
    archive.preload_latest();
    let local = Caller {
        actor: local_actor(),
        may_start_scans: args.allow_scans,
    };
    let mut mcp = Mcp::new(archive, local);
    let scans = match settings {
        Some(settings) => {
            let data_dir = crate::serve::data_dir(args.data_dir.clone());
            let scans = Arc::new(
                wellscan_server::mcp::LocalScans::open(&data_dir, history, settings)
                    .await
                    .map_err(|e| Failure::Usage(e.into()))?,
            );
            mcp = mcp.with_launcher(scans.clone());
            Some(scans)
        }
        None => None,
    };
    let served = wellscan_mcp::serve_stdio(mcp).await;
    if let Some(scans) = scans {
        scans.finish(FINISH).await;
    }
    served.map_err(|e| Failure::Run(e.into()))?;
    Ok(Exit::Done)
}

/// Who the service's records name as having started a scan.
fn local_actor() -> String {
    let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
    format!("mcp:{user}")
}

/// A recorded report on this machine, or in S3 with the caller's credentials.
struct CliReports {
    caller: Arc<crate::aws::Caller>,
}

#[async_trait]
impl Reports for CliReports {
    async fn read(&self, location: &str) -> Result<String, String> {
        match location.strip_prefix("s3://") {
            Some(rest) => crate::upload::read_s3(rest, &self.caller).await,
            None => tokio::fs::read_to_string(location)
                .await
                .map_err(|e| format!("{location}: {e}")),
        }
    }
}
