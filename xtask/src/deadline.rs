//! Every process xtask starts for the tests (apt-get, pip, the test run itself) runs under a
//! deadline: one that hangs is killed with everything it started, and xtask fails naming it.

use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// Runs `cmd` to the end; past `deadline` kills it and its descendants and fails naming `what`.
pub fn run_within(cmd: &mut Command, deadline: Duration, what: &str) -> Result<()> {
    let mut child = cmd
        .spawn()
        .with_context(|| format!("could not run {what} ({cmd:?})"))?;
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().context("waiting")? {
            if !status.success() {
                bail!("{what} failed: {status} ({cmd:?})");
            }
            return Ok(());
        }
        if started.elapsed() >= deadline {
            kill_tree(child.id());
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "{what} hung: still running after {} min, so it and everything it started were killed ({cmd:?})",
                deadline.as_secs() / 60
            );
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Kills `pid`'s descendants, deepest first, as `/proc` shows them (a process group would
/// take Ctrl-C away from the child, so none is made).
fn kill_tree(pid: u32) {
    for child in children(pid) {
        kill_tree(child);
        let _ = Command::new("kill")
            .args(["-KILL", &child.to_string()])
            .status();
    }
}

fn children(pid: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|p| parent(*p) == Some(pid))
        .collect()
}

/// The parent pid from `/proc/PID/stat` (the field after the parenthesised command name).
fn parent(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 1..];
    after.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hanging_command_and_what_it_started_are_killed_and_named() {
        let started = Instant::now();
        let err = run_within(
            Command::new("sh").args(["-c", "sleep 60 & sleep 60; wait"]),
            Duration::from_millis(300),
            "the sleeper",
        )
        .expect_err("it hangs");
        assert!(err.to_string().starts_with("the sleeper hung"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn a_command_that_finishes_is_judged_by_its_status() {
        assert!(run_within(&mut Command::new("true"), Duration::from_secs(30), "true").is_ok());
        let err = run_within(&mut Command::new("false"), Duration::from_secs(30), "false")
            .expect_err("fails");
        assert!(err.to_string().starts_with("false failed"), "{err}");
    }
}
