//! Installs the Python side of the test infrastructure into `.venv/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::run;

/// What pip installs: moto's server with the services wellscan's tests use.
const REQUIREMENTS: &[&str] = &["moto[server]>=5.2,<5.3"];

/// Makes sure `.venv/bin/moto_server` exists and works; returns its path.
pub fn install(root: &Path) -> Result<PathBuf> {
    let venv = root.join(".venv");
    let moto = venv.join("bin/moto_server");
    let python = venv.join("bin/python");
    if moto.is_file() && works(&python) {
        return Ok(moto);
    }
    eprintln!("xtask: installing moto into {}", venv.display());
    if !python.is_file() {
        run(Command::new(python3()).args(["-m", "venv"]).arg(&venv))
            .context("creating .venv needs Python 3 with the venv module")?;
    }
    run(Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .args(REQUIREMENTS))
    .context("installing moto from PyPI")?;
    if !moto.is_file() || !works(&python) {
        bail!("moto was installed but {} does not run", moto.display());
    }
    Ok(moto)
}

fn works(python: &Path) -> bool {
    Command::new(python)
        .args(["-c", "import moto.server"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn python3() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string())
}
