//! Installs the Python side of the test infrastructure into `.venv/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::run;

/// What pip installs: moto's server with the services wellscan's tests use, and the CBOR codec
/// the emulator's CloudWatch bridge needs.
const REQUIREMENTS: &[&str] = &["moto[server]>=5.2,<5.3", "cbor2>=5.6"];

/// Makes sure `.venv/bin/python` has moto and cbor2; returns that Python's path.
pub fn install(root: &Path) -> Result<PathBuf> {
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
    if !works(&python) {
        bail!(
            "moto was installed but `{} -c \"import moto.server, cbor2\"` fails",
            python.display()
        );
    }
    Ok(python)
}

fn works(python: &Path) -> bool {
    Command::new(python)
        .args(["-c", "import moto.server, cbor2"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn python3() -> String {
    std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_string())
}
