//! The system tools the report tests look through: poppler (pdftotext, pdftoppm, pdfinfo) and
//! Chromium. `cargo xtask setup` installs them; a test that cannot find one fails and says so.

use std::path::Path;
use std::process::{Command, Output};

use crate::process::{RunError, TOOL_DEADLINE, output_within};

/// Runs `tool` with `args` and returns its output; panics naming the setup command when the
/// tool is not installed, with its stderr when it fails, and naming it when it is still running
/// after [`TOOL_DEADLINE`].
pub fn run_tool(tool: &str, args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let output = match output_within(Command::new(tool).args(args), TOOL_DEADLINE) {
        Ok(output) => output,
        Err(RunError::Spawn(e)) if e.kind() == std::io::ErrorKind::NotFound => not_installed(tool),
        Err(RunError::Spawn(e)) => panic!("cannot run {tool}: {e}"),
        Err(RunError::Hung {
            seconds, stderr, ..
        }) => panic!(
            "{tool} hung: still running after {seconds} s, so it was killed; it said: {}",
            String::from_utf8_lossy(&stderr)
        ),
    };
    assert!(
        output.status.success(),
        "{tool} failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// Panics saying how to install `tool`.
pub(crate) fn not_installed(tool: &str) -> ! {
    panic!(
        "{tool} is not installed: run `cargo xtask setup` (or `cargo xtask test`, which runs it) \
         to install poppler-utils and chromium from Debian's packages"
    )
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

/// Runs the linter `tool` that `cargo xtask setup` installs beside moto's Python (cfn-lint,
/// hadolint) over `args`, under [`TOOL_DEADLINE`]; panics naming the setup command when it is
/// missing, and with what it reported when it finds a problem.
pub fn lint(tool: &str, args: &[&dyn AsRef<std::ffi::OsStr>]) {
    let path = crate::python_path().with_file_name(tool);
    assert!(
        path.is_file(),
        "{tool} was not found at {}: run `cargo xtask setup` (or `cargo xtask test`, which runs it)",
        path.display()
    );
    let out = match output_within(Command::new(&path).args(args), TOOL_DEADLINE) {
        Ok(out) => out,
        Err(e) => panic!("{tool} did not finish: {e:?}"),
    };
    assert!(
        out.status.success(),
        "{tool}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
