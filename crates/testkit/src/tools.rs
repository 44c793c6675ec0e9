//! The system tools the report tests look through: poppler (pdftotext, pdftoppm, pdfinfo) and
//! Chromium. `cargo xtask setup` installs them; a test that cannot find one fails and says so.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `tool` with `args` and returns its output; panics naming the setup command when the
/// tool is not installed, and with its stderr when it fails.
pub fn run_tool(tool: &str, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let output = match Command::new(tool).args(args).output() {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "{tool} is not installed: run `cargo xtask setup` (or `cargo xtask test`, which runs it) \
             to install poppler-utils and chromium from Debian's packages"
        ),
        Err(e) => panic!("cannot run {tool}: {e}"),
    };
    assert!(
        output.status.success(),
        "{tool} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The text of a PDF, laid out as on the page (`pdftotext -layout`).
pub fn pdf_text(pdf: &Path) -> String {
    let out = run_tool("pdftotext", &[&"-layout", &pdf, &"-"]);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `pdfinfo`'s fields, e.g. `Pages` and `Page size`.
pub fn pdf_info(pdf: &Path) -> Vec<(String, String)> {
    let out = run_tool("pdfinfo", &[&pdf]);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}
