//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "wellscan",
    version,
    about = "Assess an AWS account against the six pillars of the AWS Well-Architected Framework",
    long_about = "Assess an AWS account against the six pillars of the AWS Well-Architected Framework.\n\n\
        wellscan reads an account's resources, runs deterministic checks, has an analyst write a \
        narrative and recommendations per pillar, and writes the reports into a folder.\n\n\
        Try it without AWS:  wellscan scan --demo\n\
        Scan your account:   wellscan scan --regions all --out report/",
    after_help = "Exit codes: 0 done, 1 failed, 2 usage error, 3 findings at or above --fail-on.\n\
        Set RUST_LOG (e.g. RUST_LOG=wellscan=debug) for detailed logs on stderr."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Assess an account: inventory, checks, analysis, reports.
    #[command(after_help = "Exit codes:\n  \
        0  done\n  \
        1  the run failed (the reports and inventory.json written before the failure are kept)\n  \
        2  usage error: a flag, file, region or credential to fix; nothing was scanned\n  \
        3  findings at or above --fail-on (the reports are written)")]
    Scan(Box<ScanArgs>),
    /// Discover a live account and write its inventory, for replay with `scan --inventory`.
    #[command(after_help = "Exit codes:\n  \
        0  done\n  \
        1  the discovery failed\n  \
        2  usage error: a flag, file, region or credential to fix; nothing was read")]
    Inventory(InventoryArgs),
    /// The scans recorded in the history, newest first.
    History(HistoryArgs),
    /// One recorded scan: its summary and where its reports are.
    Show(ShowArgs),
    /// What changed between two scans of an account (default: its latest against the one before).
    Diff(DiffArgs),
    /// Organisation-wide work: `wellscan org rollup`.
    Org(OrgArgs),
    /// Every check wellscan runs: pillar, severity, the Well-Architected best practice, question
    /// and choice it evidences, and the IAM actions it needs.
    Checks(ChecksArgs),
    /// The team's HTTP API: start scans, follow them live, download and compare reports.
    #[command(
        after_help = "The first start with no API token makes an admin token and prints it \
        once on stderr; `wellscan token` makes more.\n\n\
        Exit codes: 0 stopped (SIGINT or SIGTERM), 1 failed, 2 usage error."
    )]
    Serve(Box<ServeArgs>),
    /// The API tokens of `wellscan serve`: create, list, revoke.
    Token(TokenArgs),
    /// Publish the history as a static site (every account's scores and trend, a page per
    /// scan) to S3 for static hosting, or to a folder; no server needed.
    PublishDashboard(DashboardArgs),
    /// The AWS Well-Architected Tool: `wellscan wa-tool sync` answers a workload's review from
    /// a scan's evidence.
    WaTool(WaToolArgs),
    /// Answer an assistant (Amazon Q Developer CLI, Claude, an IDE agent) over the Model
    /// Context Protocol on stdin and stdout: the accounts, scans, findings, diffs and checks of
    /// the history, read-only; with --allow-scans, it may start scans too. docs/mcp.md says how
    /// to add it to an assistant.
    #[command(
        after_help = "Exit codes: 0 the assistant closed the session, 1 the session failed, \
        2 usage error (the history cannot be opened: nothing was served)."
    )]
    Mcp(Box<McpArgs>),
}

#[derive(Debug, Args)]
pub struct McpArgs {
    /// Offer start_scan: the assistant may start a demo scan or a scan through a role, one at a
    /// time, run as `wellscan serve` runs them (its queue in --data-dir, the reports under
    /// reports/<scan-id>/ there) and recorded in the history.
    #[arg(env = "WELLSCAN_MCP_ALLOW_SCANS", long)]
    pub allow_scans: bool,

    /// Where the scans --allow-scans starts keep their queue and reports. Default:
    /// `wellscan/server` in your data directory, as `wellscan serve`.
    #[arg(
        env = "WELLSCAN_DATA_DIR",
        long,
        value_name = "DIR",
        requires = "allow_scans"
    )]
    pub data_dir: Option<PathBuf>,

    #[command(flatten)]
    pub scans: ScanFlags,

    #[command(flatten)]
    pub history: StoreArgs,
}

#[derive(Debug, Args)]
pub struct WaToolArgs {
    #[command(subcommand)]
    pub command: WaToolCommand,
}

#[derive(Debug, Subcommand)]
pub enum WaToolCommand {
    /// Answer a workload's `wellarchitected` lens review from a scan's evidence, in all six
    /// pillars: the choices the checks support selected, those they contradict unselected, the
    /// rest as they are; notes citing the failing checks, resources and the scan; then a
    /// milestone named after the scan. Uses your own credentials (the standard chain or
    /// --profile).
    #[command(after_help = "Exit codes:\n  \
        0  done (or nothing to change)\n  \
        1  the Tool refused a call (each named with its question) or its lens has ids wellscan does not know\n  \
        2  usage error: a flag, file, scan or credential to fix; nothing was written")]
    Sync(Box<WaSyncArgs>),
}

#[derive(Debug, Args)]
pub struct WaSyncArgs {
    /// The evidence of this scan from the history (its assessment.json, beside its reports).
    #[arg(long, value_name = "SCAN_ID", conflicts_with_all = ["inventory", "demo"])]
    pub scan: Option<String>,

    /// The evidence of the checks over a recorded inventory.
    #[arg(long, value_name = "FILE", conflicts_with = "demo")]
    pub inventory: Option<PathBuf>,

    /// The evidence of the checks over the demo account. Without --scan, --inventory or
    /// --demo, the account your credentials reach is discovered first.
    #[arg(long)]
    pub demo: bool,

    /// The workload to answer, found by its exact name or created on the wellarchitected
    /// lens. Without it, --dry-run prints what the evidence says and calls no API.
    #[arg(long, value_name = "NAME", required_unless_present = "dry_run")]
    pub workload: Option<String>,

    /// The workload's region (default: the session's).
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,

    /// Read, compare and print; write nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Print JSON: {"answers": [{pillar, question_id, selected, unselected, notes}], ...}.
    #[arg(long)]
    pub json: bool,

    /// Make each answer with evidence exactly what the evidence supports (choices without
    /// evidence cleared) and replace its notes whole, instead of leaving a person's choices and
    /// notes where wellscan has no evidence.
    #[arg(long)]
    pub overwrite: bool,

    #[command(flatten)]
    pub live: LiveArgs,

    #[command(flatten)]
    pub rules: RulesArgs,

    #[command(flatten)]
    pub history: StoreArgs,
}

impl Command {
    /// `--quiet`: errors only.
    pub fn quiet(&self) -> bool {
        match self {
            Command::Scan(a) => a.quiet,
            Command::Inventory(a) => a.quiet,
            Command::Org(OrgArgs {
                command: OrgCommand::Rollup(a),
            }) => a.quiet,
            Command::History(_)
            | Command::Show(_)
            | Command::Diff(_)
            | Command::Checks(_)
            | Command::Serve(_)
            | Command::Token(_)
            | Command::PublishDashboard(_)
            | Command::WaTool(_)
            | Command::Mcp(_) => false,
        }
    }
}

/// Where the history of scans is kept.
#[derive(Debug, Clone, Args)]
pub struct StoreArgs {
    /// The history database file (default: `wellscan/history.db` in your data directory,
    /// `$XDG_DATA_HOME` or `~/.local/share`).
    #[arg(env = "WELLSCAN_DB", long, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// A deployed history store instead of the file, as `dynamodb://TABLE` (credentials and
    /// region from the standard chain).
    #[arg(
        env = "WELLSCAN_STORE",
        long,
        value_name = "URL",
        conflicts_with = "db"
    )]
    pub store: Option<String>,

    /// Create the DynamoDB table of --store if it does not exist.
    #[arg(long, requires = "store")]
    pub create_table: bool,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    #[command(flatten)]
    pub store: StoreArgs,

    /// Only this account's scans.
    #[arg(long, value_name = "ID")]
    pub account: Option<String>,

    /// At most this many scans.
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = bounded(1, 100_000))]
    pub limit: usize,

    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ChecksArgs {
    /// Only this pillar's checks.
    #[arg(long, value_enum, value_name = "PILLAR")]
    pub pillar: Option<PillarArg>,

    /// Only this service's checks (`ec2`, `s3`, `iam`, …).
    #[arg(long, value_name = "SERVICE")]
    pub service: Option<String>,

    /// Print `{"checks": [...]}` instead of text.
    #[arg(long)]
    pub json: bool,
}

/// A pillar as the command line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PillarArg {
    #[value(name = "operational-excellence", alias = "ops")]
    OperationalExcellence,
    #[value(alias = "sec")]
    Security,
    #[value(alias = "rel")]
    Reliability,
    #[value(name = "performance-efficiency", alias = "perf")]
    PerformanceEfficiency,
    #[value(name = "cost-optimization", alias = "cost")]
    CostOptimization,
    #[value(alias = "sus")]
    Sustainability,
}

impl PillarArg {
    pub fn pillar(self) -> wellscan_model::Pillar {
        use wellscan_model::Pillar;
        match self {
            PillarArg::OperationalExcellence => Pillar::OperationalExcellence,
            PillarArg::Security => Pillar::Security,
            PillarArg::Reliability => Pillar::Reliability,
            PillarArg::PerformanceEfficiency => Pillar::PerformanceEfficiency,
            PillarArg::CostOptimization => Pillar::CostOptimization,
            PillarArg::Sustainability => Pillar::Sustainability,
        }
    }
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub store: StoreArgs,

    /// The scan's id, as `history` lists it.
    pub scan_id: String,

    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub store: StoreArgs,

    /// `OLDER NEWER`: compare two scans; `NEWER` alone: compare it with the finished scan
    /// before it; none: the account's latest two finished scans.
    #[arg(value_name = "SCAN", num_args = 0..=2)]
    pub scans: Vec<String>,

    /// The account, when no scan is named (default: the account of the latest scan).
    #[arg(long, value_name = "ID")]
    pub account: Option<String>,

    /// Print the diff as JSON: new, resolved, still_open, gone and score deltas.
    #[arg(long)]
    pub json: bool,
}

/// Which live account to read and how.
#[derive(Debug, Args)]
pub struct LiveArgs {
    /// AWS profile to read credentials from (default: the standard chain: environment, SSO,
    /// instance or task role).
    #[arg(env = "WELLSCAN_PROFILE", long, value_name = "NAME")]
    pub profile: Option<String>,

    /// Role to assume in the target account.
    #[arg(env = "WELLSCAN_ROLE_ARN", long, value_name = "ARN")]
    pub role_arn: Option<String>,

    /// External id to pass when assuming --role-arn (or --org-role in each account).
    #[arg(
        env = "WELLSCAN_EXTERNAL_ID",
        hide_env_values = true,
        long,
        value_name = "ID"
    )]
    pub external_id: Option<String>,

    /// Regions to read: `all` enabled regions, or a comma-separated list such as
    /// `us-east-1,eu-west-1`.
    #[arg(
        env = "WELLSCAN_REGIONS",
        long,
        value_name = "all|LIST",
        default_value = "all"
    )]
    pub regions: String,

    /// Send AWS API calls to this endpoint instead of AWS (an emulator, a proxy). The standard
    /// AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> variables work too.
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,

    #[command(flatten)]
    pub bounds: DiscoveryArgs,
}

/// How hard and how long a live discovery may go.
#[derive(Debug, Args)]
pub struct DiscoveryArgs {
    /// How many AWS API requests are in flight at once, across every region and service.
    #[arg(env = "WELLSCAN_CONCURRENCY", long, value_name = "N", default_value_t = wellscan_orchestrator::DEFAULT_DISCOVERY_CONCURRENCY,
          value_parser = bounded(1, 4_096))]
    pub concurrency: usize,

    /// Stop discovery after this many seconds (at most a week); what has not finished becomes
    /// coverage gaps.
    #[arg(env = "WELLSCAN_DEADLINE", long, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=604_800))]
    pub deadline: Option<u64>,
}

#[derive(Debug, Args)]
pub struct InventoryArgs {
    #[command(flatten)]
    pub live: LiveArgs,

    /// File to write the inventory to.
    #[arg(long, value_name = "FILE", default_value = "inventory.json")]
    pub out: PathBuf,

    /// Replace the --out file if it exists.
    #[arg(long)]
    pub force: bool,

    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Scan the recorded demo account (a fictional company in four regions); no AWS needed.
    /// With --demo or --inventory, --regions keeps only those recorded regions.
    #[arg(long, conflicts_with_all = ["inventory", "profile", "role_arn", "external_id", "endpoint_url"])]
    pub demo: bool,

    /// Scan a recorded inventory file instead of a live account.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["profile", "role_arn", "external_id", "endpoint_url"])]
    pub inventory: Option<PathBuf>,

    #[command(flatten)]
    pub live: LiveArgs,

    /// Scan every active account of the organisation, from its management account or a
    /// delegated administrator: --org-role is assumed in each, each account's reports go to
    /// --out/<account-id>/ and the organisation rollup to --out/org/.
    #[arg(long, requires = "org_role", conflicts_with_all = ["demo", "inventory", "role_arn", "account"])]
    pub org: bool,

    /// The name of the role to assume in each account with --org or --account (the same name
    /// in every account, e.g. the scan role infra/scan-role.yaml deploys).
    #[arg(env = "WELLSCAN_ORG_ROLE", long, value_name = "NAME")]
    pub org_role: Option<String>,

    /// Scan this one account of the organisation, assuming --org-role in it (what each task of
    /// a scheduled organisation scan runs).
    #[arg(env = "WELLSCAN_ACCOUNT", long, value_name = "ID", requires = "org_role",
          conflicts_with_all = ["demo", "inventory", "role_arn"])]
    pub account: Option<String>,

    /// With --org, only these accounts: account ids, or organisational unit or root ids
    /// (ou-…, r-…) for every account under them, comma-separated.
    #[arg(
        env = "WELLSCAN_ACCOUNTS",
        long,
        value_name = "LIST",
        value_delimiter = ',',
        requires = "org"
    )]
    pub accounts: Vec<String>,

    /// With --org, leave out these accounts: ids or organisational unit ids, comma-separated.
    #[arg(
        env = "WELLSCAN_EXCLUDE",
        long,
        value_name = "LIST",
        value_delimiter = ',',
        requires = "org"
    )]
    pub exclude: Vec<String>,

    /// With --org, how many accounts are scanned at once.
    #[arg(env = "WELLSCAN_ACCOUNT_CONCURRENCY", long, value_name = "N",
          default_value_t = wellscan_orchestrator::org::DEFAULT_ACCOUNT_CONCURRENCY,
          value_parser = bounded(1, 64))]
    pub account_concurrency: usize,

    #[command(flatten)]
    pub analysis: AnalysisArgs,

    /// Folder to write the reports into. Default: wellscan-out/<scan-id>/.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Write into an --out folder that holds another scan's reports, removing them first.
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub upload: UploadArgs,

    /// Also import the findings into AWS Security Hub in the scanned account (each in its
    /// resource's region, an account-wide one in the session's region), and archive those
    /// imported before that this scan finds resolved. Needs securityhub:BatchImportFindings and
    /// securityhub:GetFindings.
    #[arg(env = "WELLSCAN_SECURITY_HUB", long, conflicts_with_all = ["demo", "org"])]
    pub security_hub: bool,

    /// After the scan, send one message (the scores and their change since the last scan, the
    /// new critical and high findings, where the report is) to each TARGET: sns:TOPIC_ARN,
    /// slack (the webhook URL in WELLSCAN_SLACK_WEBHOOK_URL) or slack:FILE (the URL in that
    /// file); comma-separated or repeated. A message that cannot be sent is a warning.
    #[arg(
        env = "WELLSCAN_NOTIFY",
        long,
        value_name = "TARGET",
        value_delimiter = ',',
        conflicts_with = "org"
    )]
    pub notify: Vec<String>,

    #[command(flatten)]
    pub reports: ReportArgs,

    #[command(flatten)]
    pub history: StoreArgs,

    /// Do not record this scan in the history.
    #[arg(long, conflicts_with_all = ["db", "store", "create_table"])]
    pub no_history: bool,

    /// Exit with code 3 when any finding is at or above this severity (for CI gates).
    #[arg(env = "WELLSCAN_FAIL_ON", long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,

    /// Exit with code 3 when a finding at or above this severity is new since the account's
    /// previous scan in the history (every finding is new in a first or unrecorded scan): what a
    /// scheduled scan alerts on.
    #[arg(
        env = "WELLSCAN_FAIL_ON_NEW",
        long,
        value_enum,
        value_name = "SEVERITY"
    )]
    pub fail_on_new: Option<FailOn>,

    #[command(flatten)]
    pub rules: RulesArgs,

    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Who analyses the findings.
#[derive(Debug, Args)]
pub struct AnalysisArgs {
    /// Who writes the per-pillar analysis and the executive summary.
    #[arg(env = "WELLSCAN_AI", long, value_enum, default_value_t = Ai::Offline)]
    pub ai: Ai,

    /// Bedrock model id, inference profile id or ARN (with --ai bedrock).
    #[arg(env = "WELLSCAN_MODEL", long, value_name = "MODEL_ID")]
    pub model: Option<String>,

    /// Region of the Bedrock endpoint, when it is not the scan's (with --ai bedrock).
    #[arg(env = "WELLSCAN_BEDROCK_REGION", long, value_name = "REGION")]
    pub bedrock_region: Option<String>,

    /// How many pillar agents run at once.
    #[arg(long, value_name = "N", default_value_t = wellscan_orchestrator::DEFAULT_AGENT_CONCURRENCY,
          value_parser = bounded(1, 64))]
    pub agent_concurrency: usize,

    /// Token budget of each pillar brief sent to the model; the least severe findings are left
    /// out first to fit. Default: 32000, less for models with a small context.
    #[arg(long, value_name = "TOKENS",
          value_parser = bounded(wellscan_agents::MIN_BRIEF_TOKENS as u64, 1_000_000))]
    pub brief_tokens: Option<usize>,

    /// How long one pillar agent may take before its pillar falls back to offline analysis.
    #[arg(long, value_name = "SECONDS", default_value_t = 120,
          value_parser = clap::value_parser!(u64).range(1..=3_600))]
    pub agent_timeout: u64,
}

/// The checks' configuration and prices.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Configuration file, TOML: a [checks] table with required_tags, skip, [checks.thresholds]
    /// and [[checks.suppress]] entries (wellscan.example.toml, beside the README, shows every
    /// key).
    #[arg(env = "WELLSCAN_CONFIG", long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Price table for savings estimates instead of the embedded one: JSON with taken_on,
    /// currency and per-service prices (ec2_hourly, ebs_gb_month, ...); a key it lacks or does
    /// not know is an error naming the key.
    #[arg(env = "WELLSCAN_PRICES", long, value_name = "FILE")]
    pub prices: Option<PathBuf>,
}

/// Which reports are written, and how.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Report formats to write, comma-separated: pdf, xlsx, html, json, ocsf (every finding as
    /// an OCSF Detection Finding).
    #[arg(
        env = "WELLSCAN_FORMAT",
        long,
        value_name = "LIST",
        value_delimiter = ',',
        default_value = "pdf,xlsx,html,json"
    )]
    pub format: Vec<String>,

    /// Paper size of the PDF report: a4 (the default) or letter.
    #[arg(env = "WELLSCAN_PAPER", long, value_name = "a4|letter")]
    pub paper: Option<String>,
}

/// Where reports are uploaded besides the local folder.
#[derive(Debug, Args)]
pub struct UploadArgs {
    /// Also upload the reports to S3, under PREFIX/<account>/<yyyy>/<mm>/<scan-id>/, and print
    /// a presigned download link for each.
    #[arg(env = "WELLSCAN_S3", long, value_name = "s3://BUCKET/PREFIX")]
    pub s3: Option<String>,

    /// How long the download links of --s3 live: 900s, 15m, 2h, 7d (at most 7 days).
    #[arg(long, value_name = "DURATION", default_value = "15m", requires = "s3")]
    pub link_expiry: String,

    /// Encrypt the uploads of --s3 with this KMS key (SSE-KMS) instead of S3-managed keys
    /// (SSE-S3).
    #[arg(
        env = "WELLSCAN_KMS_KEY_ID",
        long,
        value_name = "KEY_ID_OR_ARN",
        requires = "s3"
    )]
    pub kms_key_id: Option<String>,
}

#[derive(Debug, Args)]
pub struct OrgArgs {
    #[command(subcommand)]
    pub command: OrgCommand,
}

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// The organisation rollup from the history: each account's latest scan since --since,
    /// and every account without one. A scheduled organisation scan runs it after its accounts.
    #[command(after_help = "Exit codes:\n  \
        0  done (accounts without a scan are listed in the rollup)\n  \
        1  the rollup could not be written, or no account has a scan\n  \
        2  usage error\n  \
        3  findings at or above --fail-on in some account")]
    Rollup(RollupArgs),
}

#[derive(Debug, Args)]
pub struct RollupArgs {
    #[command(flatten)]
    pub store: StoreArgs,

    /// Only scans started at or after this time (RFC 3339, e.g. 2026-12-03T02:00:00Z): the
    /// start of the scheduled run. Default: 24 hours ago.
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,

    /// Only these accounts: ids, or organisational unit or root ids (ou-…, r-…).
    #[arg(
        env = "WELLSCAN_ACCOUNTS",
        long,
        value_name = "LIST",
        value_delimiter = ','
    )]
    pub accounts: Vec<String>,

    /// Leave out these accounts: ids or organisational unit ids.
    #[arg(
        env = "WELLSCAN_EXCLUDE",
        long,
        value_name = "LIST",
        value_delimiter = ','
    )]
    pub exclude: Vec<String>,

    #[command(flatten)]
    pub caller: CallerArgs,

    /// Folder to write the rollup into. Default: wellscan-out/<run-id>/org/.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Write into an --out folder that holds another rollup, removing it first.
    #[arg(long)]
    pub force: bool,

    #[command(flatten)]
    pub upload: UploadArgs,

    #[command(flatten)]
    pub reports: ReportArgs,

    /// Exit with code 3 when any account has a finding at or above this severity.
    #[arg(env = "WELLSCAN_FAIL_ON", long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<FailOn>,

    /// Print nothing but errors.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on. Behind a load balancer, 0.0.0.0:8080.
    #[arg(
        env = "WELLSCAN_LISTEN",
        long,
        value_name = "ADDR",
        default_value = "127.0.0.1:8080"
    )]
    pub listen: std::net::SocketAddr,

    /// The service's folder: its tokens, audit log and queue (server.db), each scan's reports
    /// (reports/<scan-id>/) and, unless --db or --store says otherwise, the history
    /// (history.db). Default: `wellscan/server` in your data directory.
    #[arg(env = "WELLSCAN_DATA_DIR", long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Allow only demo scans (for trying the service out).
    #[arg(env = "WELLSCAN_DEMO_ONLY", long)]
    pub demo_only: bool,

    /// How many scans run at once; more wait in the queue.
    #[arg(env = "WELLSCAN_MAX_CONCURRENT_SCANS", long, value_name = "N",
          default_value_t = wellscan_server::DEFAULT_MAX_CONCURRENT_SCANS, value_parser = bounded(1, 64))]
    pub max_concurrent_scans: usize,

    /// At shutdown, how long running scans may take to finish before they are cancelled.
    #[arg(env = "WELLSCAN_SHUTDOWN_DEADLINE", long, value_name = "SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(0..=3_600))]
    pub shutdown_deadline: u64,

    /// Requests per minute one token may make (429 with Retry-After beyond).
    #[arg(env = "WELLSCAN_RATE_LIMIT", long, value_name = "N", default_value_t = wellscan_server::DEFAULT_PER_MINUTE,
          value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub rate_limit: u32,

    /// The service is reached over HTTPS (a load balancer terminates TLS): answers carry
    /// Strict-Transport-Security.
    #[arg(env = "WELLSCAN_HTTPS", long)]
    pub https: bool,

    /// Accept JWTs from this OpenID Connect issuer (its https:// URL, exactly as tokens carry
    /// it in `iss`): signature against its JWKS, `iss`, `aud` and `exp` checked. No first admin
    /// token is made; API tokens from `wellscan token` still work.
    #[arg(
        env = "WELLSCAN_OIDC_ISSUER",
        long,
        value_name = "URL",
        requires = "oidc_audience"
    )]
    pub oidc_issuer: Option<String>,

    /// The audience (`aud`) a JWT must carry to reach this service.
    #[arg(
        env = "WELLSCAN_OIDC_AUDIENCE",
        long,
        value_name = "AUDIENCE",
        requires = "oidc_issuer"
    )]
    pub oidc_audience: Option<String>,

    /// The JWT claim that holds the caller's role: viewer, auditor or admin (or a list, of
    /// which the highest counts).
    #[arg(env = "WELLSCAN_OIDC_ROLE_CLAIM", long, value_name = "CLAIM",
          default_value = wellscan_server::auth::oidc::DEFAULT_ROLE_CLAIM, requires = "oidc_issuer")]
    pub oidc_role_claim: String,

    /// The client id browsers sign in as through the issuer (the authorization-code flow
    /// with PKCE; the ID token's audience). Default: --oidc-audience. A confidential client's
    /// secret is read from WELLSCAN_OIDC_CLIENT_SECRET, never from a flag.
    #[arg(
        env = "WELLSCAN_OIDC_CLIENT_ID",
        long,
        value_name = "ID",
        requires = "oidc_issuer"
    )]
    pub oidc_client_id: Option<String>,

    /// Run schedules with EventBridge Scheduler, which starts this scan task, as JSON:
    /// {"group", "role_arn", "cluster_arn", "task_definition_arn", "subnets", "security_groups",
    /// "assign_public_ip"} (infra/wellscan.yaml sets it). Without it, the service runs them
    /// itself while it is up.
    #[arg(env = "WELLSCAN_SCHEDULE_TARGET", long, value_name = "JSON")]
    pub schedule_target: Option<String>,

    /// `/mcp` lists start_scan, which a caller with the auditor role may use to queue a scan
    /// (without it, assistants only read).
    #[arg(env = "WELLSCAN_MCP_ALLOW_SCANS", long)]
    pub mcp_allow_scans: bool,

    #[command(flatten)]
    pub scans: ScanFlags,

    #[command(flatten)]
    pub history: StoreArgs,
}

/// What the scans a service queues run with: whose credentials, the discovery's bounds, the
/// analyst, the checks, the reports and where they are uploaded.
#[derive(Debug, Args)]
pub struct ScanFlags {
    #[command(flatten)]
    pub caller: CallerArgs,

    #[command(flatten)]
    pub bounds: DiscoveryArgs,

    #[command(flatten)]
    pub analysis: AnalysisArgs,

    #[command(flatten)]
    pub rules: RulesArgs,

    #[command(flatten)]
    pub reports: ReportArgs,

    #[command(flatten)]
    pub upload: UploadArgs,
}

/// Whose AWS credentials the command's own calls use (Organizations, the history, uploads,
/// Bedrock, assuming scan roles) and where the calls go.
#[derive(Debug, Args)]
pub struct CallerArgs {
    /// AWS profile to read credentials from (default: the standard chain: environment, SSO,
    /// instance or task role).
    #[arg(env = "WELLSCAN_PROFILE", long, value_name = "NAME")]
    pub profile: Option<String>,

    /// Send AWS API calls to this endpoint instead of AWS (an emulator, a proxy).
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct DashboardArgs {
    #[command(flatten)]
    pub store: StoreArgs,

    /// Upload the site under this S3 prefix (index.html at its top).
    #[arg(
        long,
        value_name = "s3://BUCKET/PREFIX",
        required_unless_present = "out"
    )]
    pub s3: Option<String>,

    /// Write the site into this folder.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// How many of the newest finished scans get a page of their own.
    #[arg(long, value_name = "N", default_value_t = 50, value_parser = bounded(1, 10_000))]
    pub scans: usize,

    /// Encrypt the uploaded pages with this KMS key (SSE-KMS) instead of S3-managed keys.
    #[arg(
        env = "WELLSCAN_KMS_KEY_ID",
        long,
        value_name = "KEY_ID_OR_ARN",
        requires = "s3"
    )]
    pub kms_key_id: Option<String>,

    #[command(flatten)]
    pub caller: CallerArgs,
}

#[derive(Debug, Args)]
pub struct TokenArgs {
    #[command(subcommand)]
    pub command: TokenCommand,
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Make an API token and print it (once: only its hash is kept).
    Create {
        #[command(flatten)]
        place: DataDirArg,
        /// A name to tell the token by (who or what uses it).
        #[arg(long, value_name = "NAME")]
        name: String,
        /// What the token may do: viewer reads, auditor also starts and cancels scans, admin
        /// also manages tokens.
        #[arg(long, value_name = "ROLE", value_parser = parse_role)]
        role: wellscan_server::Role,
    },
    /// The tokens, never their secrets.
    List {
        #[command(flatten)]
        place: DataDirArg,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Revoke a token by its id (as `token list` shows it).
    Revoke {
        #[command(flatten)]
        place: DataDirArg,
        /// The token's id.
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct DataDirArg {
    /// The service's folder, as `wellscan serve --data-dir`.
    #[arg(env = "WELLSCAN_DATA_DIR", long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// The deployed service's records, as `wellscan serve --store dynamodb://TABLE`: the
    /// tokens are then in that table, not in the folder.
    #[arg(env = "WELLSCAN_STORE", long, value_name = "URL")]
    pub store: Option<String>,
}

fn parse_role(text: &str) -> Result<wellscan_server::Role, String> {
    text.parse()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Ai {
    /// Amazon Bedrock pillar agents.
    Bedrock,
    /// The deterministic offline analyst (no model, no cost).
    Offline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Critical,
    High,
    Medium,
    Low,
    Informational,
}

impl FailOn {
    pub fn severity(self) -> wellscan_model::Severity {
        use wellscan_model::Severity;
        match self {
            FailOn::Critical => Severity::Critical,
            FailOn::High => Severity::High,
            FailOn::Medium => Severity::Medium,
            FailOn::Low => Severity::Low,
            FailOn::Informational => Severity::Informational,
        }
    }
}

/// A count between `min` and `max`, refused by clap with the range named.
fn bounded(min: u64, max: u64) -> clap::builder::RangedU64ValueParser<usize> {
    clap::builder::RangedU64ValueParser::<usize>::new().range(min..=max)
}
