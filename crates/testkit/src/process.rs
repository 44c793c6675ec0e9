//! Every process a test starts runs under a deadline: one that hangs is killed, and the test
//! fails naming it, instead of the suite waiting forever.

use std::io::Read;
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

/// How long a tool a test runs (poppler, Chromium, the `wellscan` binary) may take.
pub const TOOL_DEADLINE: Duration = Duration::from_secs(180);

/// Why a process did not give its output.
#[derive(Debug)]
pub enum RunError {
    /// The program could not be started (`NotFound` when it is not installed).
    Spawn(std::io::Error),
    /// It was still running at the deadline and was killed; what it had printed so far.
    Hung {
        seconds: u64,
        stdout: Vec<u8>,
        stderr: Vec<u8>,
    },
}

/// Runs `cmd` to the end with stdout and stderr captured (stdin closed) and returns its output;
/// kills it, and everything it started in its process group, at `deadline`.
pub fn output_within(cmd: &mut Command, deadline: Duration) -> Result<Output, RunError> {
    use std::os::unix::process::CommandExt;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // Its own process group, so the kill reaches what it started (Chromium's renderers).
        .process_group(0)
        .spawn()
        .map_err(RunError::Spawn)?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = wait_within(&mut child, deadline);
    let out = |h: std::thread::JoinHandle<Vec<u8>>| h.join().unwrap_or_default();
    match status {
        Some(status) => Ok(Output {
            status,
            stdout: out(stdout),
            stderr: out(stderr),
        }),
        None => Err(RunError::Hung {
            seconds: deadline.as_secs(),
            stdout: out(stdout),
            stderr: out(stderr),
        }),
    }
}

/// Waits for `child` until `deadline`; past it, kills its process group and returns `None`.
pub fn wait_within(child: &mut Child, deadline: Duration) -> Option<ExitStatus> {
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if started.elapsed() < deadline => {
                std::thread::sleep(Duration::from_millis(20));
            }
            _ => {
                kill_group(child);
                return None;
            }
        }
    }
}

/// Kills `child` and its process group (it was started with `process_group(0)`), then reaps it.
pub fn kill_group(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .stderr(Stdio::null())
        .status();
    let _ = child.kill();
    let _ = child.wait();
}

fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut buf);
        }
        buf
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_process_that_hangs_is_killed_at_its_deadline_with_what_it_printed() {
        let started = Instant::now();
        let result = output_within(
            Command::new("sh").args(["-c", "echo started; sleep 30 & wait"]),
            Duration::from_millis(500),
        );
        match result {
            Err(RunError::Hung { stdout, .. }) => {
                assert_eq!(String::from_utf8_lossy(&stdout), "started\n")
            }
            other => panic!("expected a hang, got {other:?}"),
        }
        // The grandchild (`sleep`) died with the group, so its pipe closed and nothing waited on it.
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn a_process_that_finishes_gives_its_output() {
        let out = output_within(
            Command::new("sh").args(["-c", "echo out; echo err >&2; exit 3"]),
            Duration::from_secs(30),
        )
        .expect("finished");
        assert_eq!(out.status.code(), Some(3));
        assert_eq!(out.stdout, b"out\n");
        assert_eq!(out.stderr, b"err\n");
    }
}
