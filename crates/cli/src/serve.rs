//! `wellscan serve` and `wellscan token`: the flags read into `wellscan_server`'s configuration;
//! the service itself is that crate.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use wellscan_orchestrator::aws::Access;
use wellscan_server::{Config, DynamoRecords, Records, ScanSettings, ServeError, Server};

use crate::args::{CallerArgs, DataDirArg, ScanFlags, ServeArgs, TokenArgs, TokenCommand};
use crate::term::{say, warn_line};
use crate::{Exit, Failure, scan};

/// The service's folder when `--data-dir` is not given: beside the CLI's history.
fn default_data_dir() -> PathBuf {
    crate::history::default_db()
        .parent()
        .map(|p| p.join("server"))
        .unwrap_or_else(|| PathBuf::from("wellscan-server"))
}

pub fn data_dir(given: Option<PathBuf>) -> PathBuf {
    crate::out::absolute(&given.unwrap_or_else(default_data_dir))
}

fn serve_failure(e: ServeError) -> Failure {
    match e {
        ServeError::DataDir { .. }
        | ServeError::Listen { .. }
        | ServeError::Db(_)
        | ServeError::Oidc(_) => Failure::Usage(e.into()),
        other => Failure::Run(other.into()),
    }
}

pub async fn run(args: ServeArgs) -> Result<Exit, Failure> {
    scan::refuse_unbuilt(&args.scans.analysis)?;
    let data_dir = data_dir(args.data_dir.clone());
    let caller = crate::aws::Caller::new(access(&args.scans.caller));
    let mut store = args.history.clone();
    if store.store.is_none() && store.db.is_none() {
        store.db = Some(data_dir.join("history.db"));
    }
    crate::history::validate(&store)?;
    // Flags, files and the analyst are checked before the data folder or the history is touched.
    let settings = scan_settings(&args.scans, &caller).await?;
    let history = crate::history::open(&store, &caller).await?;
    let records = records(store.store.as_deref(), &data_dir, &caller).await?;
    let eventbridge = match &args.schedule_target {
        Some(json) => {
            let target = wellscan_server::schedules::eventbridge::TaskTarget::parse(json)
                .map_err(Failure::usage)?;
            let session = caller.session().await?;
            Some(wellscan_server::schedules::eventbridge::EventBridge::new(
                session.client(),
                target,
            ))
        }
        None => None,
    };
    let server = Server::bind(Config {
        listen: args.listen,
        data_dir: data_dir.clone(),
        demo_only: args.demo_only,
        max_concurrent_scans: args.max_concurrent_scans,
        shutdown_deadline: Duration::from_secs(args.shutdown_deadline),
        requests_per_minute: args.rate_limit,
        https: args.https,
        history,
        records,
        scans: settings,
        eventbridge,
        mcp_allow_scans: args.mcp_allow_scans,
        oidc: args
            .oidc_issuer
            .clone()
            .map(|issuer| wellscan_server::auth::oidc::OidcConfig {
                issuer,
                audience: args.oidc_audience.clone().unwrap_or_default(),
                role_claim: args.oidc_role_claim.clone(),
                client_id: args
                    .oidc_client_id
                    .clone()
                    .or_else(|| args.oidc_audience.clone())
                    .unwrap_or_default(),
                client_secret: std::env::var("WELLSCAN_OIDC_CLIENT_SECRET")
                    .ok()
                    .filter(|s| !s.is_empty()),
            }),
    })
    .await
    .map_err(serve_failure)?;
    if let Some(first) = &server.first_token {
        // Said once, on stderr: only its hash is kept.
        eprintln!(
            "wellscan: the first admin API token (shown once; keep it in a secret store):\n  {}\n\
             Use it as `Authorization: Bearer <token>`; `wellscan token create` makes more.",
            first.token
        );
    }
    for id in &server.recovered {
        warn_line!("wellscan: scan {id} was interrupted by the last stop; it is marked failed");
    }
    let addr = server
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_else(|| args.listen.to_string());
    warn_line!(
        "wellscan: serving on http://{addr} (data in {}); stop with Ctrl-C",
        data_dir.display()
    );
    server.run(stop_signal()).await;
    warn_line!("wellscan: stopped");
    Ok(Exit::Done)
}

/// Whose credentials the command's own calls use, as `CallerArgs` say.
pub fn access(caller: &CallerArgs) -> Access {
    Access {
        profile: caller.profile.clone(),
        endpoint_url: caller.endpoint_url.clone(),
    }
}

/// What every scan the service queues runs with (and those `wellscan mcp --allow-scans`
/// starts): the checks, prices, reports, analyst, uploads and discovery bounds the flags name.
pub async fn scan_settings(
    flags: &ScanFlags,
    caller: &crate::aws::Caller,
) -> Result<ScanSettings, Failure> {
    let formats = scan::formats(&flags.reports.format)?;
    let paper = scan::paper(flags.reports.paper.as_deref(), &formats)?;
    let (checks, prices) = scan::rules(&flags.rules)?;
    let upload = crate::upload::publisher(&flags.upload, caller)
        .await?
        .map(|u| Arc::new(u) as Arc<dyn wellscan_report::Publisher>);
    let analyst = scan::analyst(&flags.analysis, caller).await?;
    Ok(ScanSettings {
        checks,
        prices,
        formats,
        render: wellscan_report::RenderOptions { paper },
        analyst_timeout: Duration::from_secs(flags.analysis.agent_timeout),
        agent_concurrency: flags.analysis.agent_concurrency,
        brief_tokens: scan::brief_tokens(&flags.analysis),
        analyst,
        upload,
        access: access(&flags.caller),
        discovery_concurrency: flags.bounds.concurrency,
        deadline: flags.bounds.deadline.map(Duration::from_secs),
    })
}

/// Resolves at SIGINT or SIGTERM (what ECS sends before it stops a task).
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// The service's records for `wellscan token`: where `serve` with the same flags keeps them.
async fn open(place: &DataDirArg) -> Result<Arc<dyn Records>, Failure> {
    let caller = crate::aws::Caller::new(Access::default());
    records(
        place.store.as_deref(),
        &data_dir(place.data_dir.clone()),
        &caller,
    )
    .await
}

/// The service's records: in the history's DynamoDB table when the history is one (`--store`),
/// otherwise `server.db` in the data folder.
pub async fn records(
    store: Option<&str>,
    data_dir: &std::path::Path,
    caller: &crate::aws::Caller,
) -> Result<Arc<dyn Records>, Failure> {
    match store {
        Some(url) => {
            let table = crate::history::existing_table(url, caller).await?;
            let session = caller.session().await?;
            Ok(Arc::new(DynamoRecords::new(session.client(), table)))
        }
        None => Ok(Arc::new(
            wellscan_server::open_db(data_dir).map_err(serve_failure)?,
        )),
    }
}

/// Who the audit log says made a change from the command line.
fn local_actor() -> String {
    let user = std::env::var("USER").unwrap_or_else(|_| "unknown".into());
    format!("cli:{user}")
}

pub async fn token(args: TokenArgs) -> Result<Exit, Failure> {
    match args.command {
        TokenCommand::Create { place, name, role } => {
            let name = wellscan_server::auth::check_token_name(&name)
                .map_err(|e| Failure::usage(format!("--name: {e}")))?;
            let db = open(&place).await?;
            let made = wellscan_server::auth::create_token(db.as_ref(), name, role, &local_actor())
                .await
                .map_err(serve_failure)?;
            warn_line!(
                "wellscan: token {} ({role}) made; it is shown once, only its hash is kept:",
                made.info.id
            );
            say!("{}", made.token);
        }
        TokenCommand::List { place, json } => {
            let tokens = open(&place)
                .await?
                .tokens()
                .await
                .map_err(|e| Failure::Run(e.into()))?;
            if json {
                let text =
                    serde_json::to_string_pretty(&tokens).map_err(|e| Failure::Run(e.into()))?;
                say!("{text}");
                return Ok(Exit::Done);
            }
            say!(
                "{:<12} {:<8} {:<17} {:<17} {:<8} NAME",
                "ID",
                "ROLE",
                "CREATED (UTC)",
                "LAST USED (UTC)",
                "STATE"
            );
            for t in tokens {
                say!(
                    "{:<12} {:<8} {:<17} {:<17} {:<8} {}",
                    t.id,
                    t.role,
                    t.created_at.format("%Y-%m-%d %H:%M"),
                    t.last_used_at
                        .map(|u| u.format("%Y-%m-%d %H:%M").to_string())
                        .unwrap_or_else(|| "-".into()),
                    if t.revoked_at.is_some() {
                        "revoked"
                    } else {
                        "live"
                    },
                    t.name
                );
            }
        }
        TokenCommand::Revoke { place, id } => {
            let db = open(&place).await?;
            if !wellscan_server::auth::revoke_token(db.as_ref(), &id, &local_actor())
                .await
                .map_err(serve_failure)?
            {
                return Err(Failure::usage(format!(
                    "no live token {id}: `wellscan token list` shows them"
                )));
            }
            warn_line!("wellscan: token {id} revoked");
        }
    }
    Ok(Exit::Done)
}
