//! A small harness: run the binary in a fresh temporary folder and capture what it says.

use std::path::Path;
use std::process::Command;
use std::rc::Rc;

pub struct Run {
    /// The folder the command ran in; shared with commands run [`again`](Run::again).
    pub tmp: Rc<tempfile::TempDir>,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `wellscan ARGS` in a new temporary folder; `{tmp}` in an argument is that folder.
pub fn wellscan(args: &[&str]) -> Run {
    wellscan_in(args, |_| {})
}

/// Like [`wellscan`], after `setup` has prepared the folder.
pub fn wellscan_in(args: &[&str], setup: impl FnOnce(&Path)) -> Run {
    let tmp = tempfile::tempdir().expect("temp dir");
    setup(tmp.path());
    execute(Rc::new(tmp), args, &[])
}

/// Like [`wellscan`], with environment changes (`None` removes a variable).
pub fn wellscan_env(args: &[&str], env: &[(&str, Option<&str>)]) -> Run {
    execute(Rc::new(tempfile::tempdir().expect("temp dir")), args, env)
}

fn execute(tmp: Rc<tempfile::TempDir>, args: &[&str], env: &[(&str, Option<&str>)]) -> Run {
    let mut cmd = command(tmp.path(), args);
    for (key, value) in env {
        match value {
            Some(v) => cmd.env(key, v),
            None => cmd.env_remove(key),
        };
    }
    let output = within_deadline(&mut cmd, "wellscan");
    Run {
        tmp,
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// How long one `wellscan` command a test runs may take; a scan of moto takes seconds.
const DEADLINE: std::time::Duration = std::time::Duration::from_secs(600);

/// Runs `cmd` to the end, or kills it at [`DEADLINE`] and fails naming it and what it printed.
pub fn within_deadline(cmd: &mut Command, what: &str) -> std::process::Output {
    match wellscan_testkit::output_within(cmd, DEADLINE) {
        Ok(output) => output,
        Err(wellscan_testkit::RunError::Spawn(e)) => panic!("cannot run {what}: {e}"),
        Err(wellscan_testkit::RunError::Hung {
            seconds, stderr, ..
        }) => panic!(
            "{what} hung: still running after {seconds} s, so it was killed ({cmd:?}); it said: {}",
            String::from_utf8_lossy(&stderr)
        ),
    }
}

/// `wellscan ARGS` to run in `dir`, with the environment every test gets.
pub fn command(dir: &Path, args: &[&str]) -> Command {
    let root = dir.display().to_string();
    let args: Vec<String> = args.iter().map(|a| a.replace("{tmp}", &root)).collect();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_wellscan"));
    cmd.args(&args).current_dir(dir).env_remove("RUST_LOG");
    // Options a user set in their environment (WELLSCAN_REGIONS, ...) never reach a test run.
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("WELLSCAN_") {
            cmd.env_remove(key);
        }
    }
    // Nothing reaches beyond loopback: no instance metadata, no profile files, test keys only.
    cmd.env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env("AWS_ACCESS_KEY_ID", wellscan_testkit::TEST_ACCESS_KEY_ID)
        .env(
            "AWS_SECRET_ACCESS_KEY",
            wellscan_testkit::TEST_SECRET_ACCESS_KEY,
        )
        .env("AWS_REGION", "us-east-1")
        // The history goes into the test folder, never the user's data directory.
        .env("XDG_DATA_HOME", &root)
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_PROFILE");
    cmd
}

impl Run {
    pub fn assert_code(&self, expected: i32) {
        assert_eq!(
            self.code,
            Some(expected),
            "exit code\nstdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
    }

    /// Runs another command in the same folder.
    pub fn again(&self, args: &[&str]) -> Run {
        execute(Rc::clone(&self.tmp), args, &[])
    }

    /// [`Run::again`] with `env` set (or, for `None`, removed).
    pub fn again_env(&self, args: &[&str], env: &[(&str, Option<&str>)]) -> Run {
        execute(Rc::clone(&self.tmp), args, env)
    }

    pub fn json(&self, path: &Path) -> serde_json::Value {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()))
    }
}
