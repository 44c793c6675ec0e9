//! What reaches the terminal: quiet when asked, no colour codes in a pipe or a log file, each
//! error once, and a closed pipe that changes nothing about how the run ends.

use std::process::Stdio;

use crate::util::{command, wellscan, wellscan_env, wellscan_in};

/// Runs `wellscan ARGS` in `dir` with its stdout a pipe nobody reads (`wellscan … | head -0`).
fn into_a_closed_pipe(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    let mut child = command(dir, args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .expect("spawn wellscan");
    drop(child.stdout.take());
    let mut pipe = child.stderr.take();
    let stderr = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(p) = pipe.as_mut() {
            let _ = p.read_to_string(&mut text);
        }
        text
    });
    let status = wellscan_testkit::wait_within(&mut child, std::time::Duration::from_secs(600))
        .unwrap_or_else(|| panic!("wellscan {args:?} into a closed pipe hung, so it was killed"));
    (status.code(), stderr.join().unwrap_or_default())
}

#[test]
fn a_closed_pipe_ends_quietly_with_the_exit_code_the_run_would_have_had() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (code, stderr) = into_a_closed_pipe(
        tmp.path(),
        &["scan", "--demo", "--fail-on", "critical", "--out", "a"],
    );
    assert_eq!(code, Some(3), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let (code, stderr) = into_a_closed_pipe(tmp.path(), &["scan", "--demo", "--out", "b"]);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, stderr) = into_a_closed_pipe(tmp.path(), &["diff", "--json"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn quiet_prints_errors_and_nothing_else() {
    // A warning (the history cannot be opened) and a note (--force) would both be printed.
    let run = wellscan_in(
        &[
            "scan",
            "--demo",
            "--quiet",
            "--force",
            "--out",
            "r",
            "--db",
            "blocker/h.db",
        ],
        |tmp| {
            std::fs::create_dir(tmp.join("r")).expect("r");
            std::fs::write(tmp.join("r/report.pdf"), "an older scan's").expect("stale");
            std::fs::write(tmp.join("blocker"), "a file, not a folder").expect("blocker");
        },
    );
    run.assert_code(0);
    assert_eq!(run.stderr, "");
    assert_eq!(run.stdout, "");
    let error = run.again(&["scan", "--demo", "--quiet", "--regions", "mars-1"]);
    error.assert_code(2);
    assert!(
        error.stderr.starts_with("error: unknown region `mars-1`"),
        "{}",
        error.stderr
    );
}

#[test]
fn a_fallback_is_said_once_in_words_without_log_lines_or_colour_codes() {
    let run = wellscan_env(
        &[
            "scan",
            "--demo",
            "--out",
            "{tmp}/r",
            "--ai",
            "bedrock",
            "--model",
            "us.anthropic.claude-sonnet-4-20250514-v1:0",
        ],
        &[(
            "AWS_ENDPOINT_URL_BEDROCK_RUNTIME",
            Some("http://127.0.0.1:1"),
        )],
    );
    run.assert_code(0);
    assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
    assert!(!run.stderr.contains(" WARN "), "{}", run.stderr);
    let said = run
        .stderr
        .lines()
        .filter(|l| l.contains("Operational Excellence: degraded"))
        .count();
    assert_eq!(said, 1, "{}", run.stderr);
    // Asked for, the log comes without colour codes too: stderr is not a terminal.
    let logged = wellscan_env(
        &["scan", "--demo", "--quiet", "--out", "{tmp}/r"],
        &[("RUST_LOG", Some("debug"))],
    );
    logged.assert_code(0);
    assert!(logged.stderr.contains("DEBUG"), "{}", logged.stderr);
    assert!(!logged.stderr.contains('\u{1b}'), "{}", logged.stderr);
}

#[test]
fn bedrock_without_credentials_is_one_line_and_exit_2_before_any_work() {
    let run = wellscan_env(
        &[
            "scan",
            "--demo",
            "--out",
            "{tmp}/r",
            "--ai",
            "bedrock",
            "--model",
            "us.anthropic.claude-sonnet-4-20250514-v1:0",
        ],
        &[("AWS_ACCESS_KEY_ID", None), ("AWS_SECRET_ACCESS_KEY", None)],
    );
    run.assert_code(2);
    assert_eq!(
        run.stderr.trim_end(),
        "error: --ai bedrock: no AWS credentials found: export AWS_ACCESS_KEY_ID and \
         AWS_SECRET_ACCESS_KEY, pass --profile, run `aws sso login`, or run where an instance \
         or task role applies"
    );
    assert!(!run.tmp.path().join("r").exists(), "work started");
}

#[test]
fn an_error_says_its_cause_once() {
    let run = wellscan_in(&["scan", "--inventory", "cut.json", "--out", "r"], |tmp| {
        std::fs::write(tmp.join("cut.json"), "{\"schema_version\": 1, ").expect("write");
    });
    run.assert_code(2);
    assert_eq!(
        run.stderr.matches("not valid JSON").count(),
        1,
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}

#[test]
fn help_lists_the_exit_codes_of_a_scan() {
    let run = wellscan(&["scan", "--help"]);
    run.assert_code(0);
    for code in ["0 ", "1 ", "2 ", "3 "] {
        assert!(
            run.stdout.contains(&format!("  {code}")),
            "scan --help lacks exit code {code}:\n{}",
            run.stdout
        );
    }
}

/// Runs `wellscan ARGS` in `dir` with stdout and stderr on a pseudo-terminal (util-linux
/// `script`), as a person at a terminal runs it; returns what the terminal showed.
fn on_a_terminal(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let inner = command(dir, args);
    let quote = |s: &std::ffi::OsStr| format!("'{}'", s.to_string_lossy().replace('\'', r"'\''"));
    let line: Vec<String> = std::iter::once(inner.get_program())
        .chain(inner.get_args())
        .map(quote)
        .collect();
    let mut outer = std::process::Command::new("script");
    outer
        .args(["--quiet", "--return", "--command"])
        .arg(line.join(" "))
        .arg("/dev/null")
        .current_dir(dir)
        .stdin(Stdio::null());
    for (key, value) in inner.get_envs() {
        match value {
            Some(v) => outer.env(key, v),
            None => outer.env_remove(key),
        };
    }
    outer
        .env("TERM", "xterm-256color")
        .envs(env.iter().copied());
    let out = crate::util::within_deadline(&mut outer, "wellscan under `script` (util-linux)");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A colour or other graphic rendition: ESC [ params m.
fn has_colour(text: &str) -> bool {
    text.split('\u{1b}').skip(1).any(|rest| {
        rest.strip_prefix('[').is_some_and(|params| {
            let end = params.find(|c: char| !c.is_ascii_digit() && c != ';');
            end.is_some_and(|i| params[i..].starts_with('m'))
        })
    })
}

#[test]
fn on_a_terminal_colour_follows_no_color() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let args = [
        "scan",
        "--demo",
        "--out",
        "{tmp}/r",
        "--force",
        "--ai",
        "bedrock",
        "--model",
        "us.anthropic.claude-sonnet-4-20250514-v1:0",
    ];
    // Unreachable Bedrock gives warnings worth a log line; the log is what is coloured.
    let env = [
        ("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://127.0.0.1:1"),
        ("RUST_LOG", "warn"),
    ];
    let coloured = on_a_terminal(tmp.path(), &args, &env);
    assert!(coloured.contains("WARN"), "{coloured}");
    assert!(
        has_colour(&coloured),
        "a terminal gets colour: {coloured:?}"
    );
    let plain = on_a_terminal(tmp.path(), &args, &[env[0], env[1], ("NO_COLOR", "1")]);
    assert!(plain.contains("WARN"), "{plain}");
    assert!(plain.contains("Overall score"), "{plain}");
    assert!(!has_colour(&plain), "NO_COLOR is honoured: {plain:?}");
}
