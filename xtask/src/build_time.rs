//! `cargo xtask build-time [--tests]`: what a newcomer's first build costs. Builds into a new,
//! empty target folder (the registry cache is kept: downloading is the network's time, not the
//! build's) and prints the wall time, the peak memory of the whole build (every rustc and
//! build script at once, sampled from `/proc`, with what was running at that moment), and the slowest crates from cargo's timings.
//!
//! Without `--tests` it builds what `cargo run --release -p wellscan` builds; with `--tests`,
//! what `cargo xtask test` builds (`cargo build --workspace --all-targets`).

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// How many of the slowest crates to name.
const SLOWEST: usize = 10;

pub fn run(root: &Path, args: &[String]) -> Result<()> {
    let tests = match args {
        [] => false,
        [flag] if flag == "--tests" => true,
        _ => bail!("usage: cargo xtask build-time [--tests]"),
    };
    let target = std::env::temp_dir().join(format!("wellscan-build-time-{}", std::process::id()));
    if target.exists() {
        std::fs::remove_dir_all(&target).context("clear the build folder")?;
    }
    let mut cmd = crate::cargo_command();
    cmd.current_dir(root).env("CARGO_TARGET_DIR", &target);
    let what = if tests {
        cmd.args(["build", "--workspace", "--all-targets", "--timings"]);
        "cargo build --workspace --all-targets (what cargo xtask test builds)"
    } else {
        cmd.args(["build", "--release", "-p", "wellscan", "--timings"]);
        "cargo build --release -p wellscan (what cargo run --release -p wellscan builds)"
    };
    eprintln!(
        "build-time: {what}, into the empty folder {}",
        target.display()
    );
    let started = Instant::now();
    let mut child = cmd.spawn().context("start cargo")?;
    let mut peak = Snapshot::default();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        let now = snapshot(child.id());
        if now.total() > peak.total() {
            peak = Snapshot {
                at: started.elapsed(),
                ..now
            };
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let wall = started.elapsed();
    if !status.success() {
        bail!("the build failed: {status}");
    }
    println!("build-time: {what}");
    println!(
        "build-time: {} min {:02} s wall, peak memory {:.1} GB (all processes at once), {} cores",
        wall.as_secs() / 60,
        wall.as_secs() % 60,
        peak.total() as f64 / 1e9,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "build-time: at the peak ({} s in), what was running:",
        peak.at.as_secs()
    );
    let mut running = peak.processes;
    running.sort_by_key(|p| std::cmp::Reverse(p.1));
    for (name, bytes) in running.iter().filter(|(_, b)| *b >= 100_000_000) {
        println!("build-time: {:>7.2} GB  {name}", *bytes as f64 / 1e9);
    }
    let timings = target.join("cargo-timings/cargo-timing.html");
    match std::fs::read_to_string(&timings) {
        Ok(html) => {
            let units = slowest(&html);
            let total: f64 = units.iter().map(|(_, secs)| secs).sum();
            println!(
                "build-time: {total:>7.0} s  of compiling in all (every crate's own time, added up), of which:"
            );
            for (group, secs) in groups(&units) {
                println!("build-time: {secs:>7.0} s  {group}");
            }
            for (name, secs) in units.into_iter().take(SLOWEST) {
                println!("build-time: {secs:>7.1} s  {name}");
            }
        }
        Err(e) => eprintln!("build-time: no timings at {}: {e}", timings.display()),
    }
    std::fs::remove_dir_all(&target).ok();
    Ok(())
}

/// The processes of the build at one moment: what each is (the crate a rustc compiles, or the
/// program's name) and its resident memory in bytes.
#[derive(Default)]
struct Snapshot {
    at: Duration,
    processes: Vec<(String, u64)>,
}

impl Snapshot {
    fn total(&self) -> u64 {
        self.processes.iter().map(|(_, b)| b).sum()
    }
}

/// `pid` and every process below it.
fn snapshot(pid: u32) -> Snapshot {
    let processes = tree_rss_bytes(pid)
        .into_iter()
        .map(|(id, bytes)| (process_name(id), bytes))
        .collect();
    Snapshot {
        at: Duration::ZERO,
        processes,
    }
}

/// The crate a rustc process compiles (`--crate-name`, with its `--crate-type`), else the
/// program's own name.
fn process_name(pid: u32) -> String {
    let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
    let args: Vec<String> = cmdline
        .split(|b| *b == 0)
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect();
    let after = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
    };
    match (after("--crate-name"), after("--crate-type")) {
        (Some(name), Some(kind)) => format!("rustc {name} ({kind})"),
        (Some(name), None) => format!("rustc {name}"),
        _ => args
            .first()
            .and_then(|a| a.rsplit('/').next())
            .unwrap_or("?")
            .to_string(),
    }
}

/// The resident memory of `pid` and every process below it, in bytes, per process.
fn tree_rss_bytes(pid: u32) -> Vec<(u32, u64)> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    let mut parent_of = Vec::new();
    for entry in entries.flatten() {
        let Some(id) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // `pid (comm) state ppid ... rss` — comm may hold spaces, so read after its `)`.
        let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
            continue;
        };
        let fields: Vec<&str> = rest.split_whitespace().collect();
        let ppid = fields
            .get(1)
            .and_then(|f| f.parse::<u32>().ok())
            .unwrap_or(0);
        let pages = fields
            .get(21)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0);
        parent_of.push((id, ppid, pages));
    }
    let mut inside = vec![pid];
    let mut grew = true;
    while grew {
        grew = false;
        for (id, ppid, _) in &parent_of {
            if inside.contains(ppid) && !inside.contains(id) {
                inside.push(*id);
                grew = true;
            }
        }
    }
    parent_of
        .iter()
        .filter(|(id, ..)| inside.contains(id))
        .map(|(id, _, pages)| (*id, pages * 4096))
        .collect()
}

/// Crates by build time, slowest first, from cargo's timing report (`UNIT_DATA`).
fn slowest(html: &str) -> Vec<(String, f64)> {
    let Some(start) = html.find("const UNIT_DATA = ") else {
        return Vec::new();
    };
    let rest = &html[start + "const UNIT_DATA = ".len()..];
    let Some(end) = rest.find("];") else {
        return Vec::new();
    };
    let Ok(units) = serde_json::from_str::<serde_json::Value>(&rest[..=end]) else {
        return Vec::new();
    };
    let mut out: Vec<(String, f64)> = units
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|u| {
            let name = format!(
                "{} {}{}",
                u["name"].as_str()?,
                u["version"].as_str().unwrap_or_default(),
                u["target"].as_str().unwrap_or_default()
            );
            Some((name, u["duration"].as_f64()?))
        })
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out
}

/// The crates' time added up by what they are, largest first: the AWS SDK's service crates,
/// wellscan's own, build scripts (C compiled for SQLite and the TLS library among them), and
/// every other crate.
fn groups(units: &[(String, f64)]) -> Vec<(&'static str, f64)> {
    let mut out = vec![
        ("AWS SDK service crates (aws-sdk-*)", 0.0),
        ("wellscan's own crates", 0.0),
        ("build scripts", 0.0),
        ("other crates", 0.0),
    ];
    for (name, secs) in units {
        let i = if name.contains("build-script") {
            2
        } else if name.starts_with("aws-sdk-") {
            0
        } else if name.starts_with("wellscan") {
            1
        } else {
            3
        };
        out[i].1 += secs;
    }
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_slowest_units_from_cargos_timing_report() {
        let html = r#"<script>
const UNIT_DATA = [{"i":0,"name":"aws-sdk-ec2","version":"1.274.0","mode":"todo","target":"","start":1.0,"duration":212.5},
{"i":1,"name":"wellscan","version":"0.1.0","mode":"todo","target":" bin \"wellscan\"","start":9.0,"duration":30.25}];
const CONCURRENCY_DATA = [];
</script>"#;
        assert_eq!(
            slowest(html),
            [
                ("aws-sdk-ec2 1.274.0".to_string(), 212.5),
                ("wellscan 0.1.0 bin \"wellscan\"".to_string(), 30.25)
            ]
        );
        assert!(slowest("<html></html>").is_empty());
    }

    #[test]
    fn adds_crate_times_up_by_kind() {
        let units = [
            ("aws-sdk-ssm 1.133.0".to_string(), 60.0),
            ("aws-sdk-rds 1.159.0".to_string(), 50.0),
            ("aws-lc-sys 0.47.0 build-script (run)".to_string(), 80.0),
            ("wellscan-scanner 0.1.0".to_string(), 90.0),
            ("tokio 1.0.0".to_string(), 20.0),
        ];
        assert_eq!(
            groups(&units),
            [
                ("AWS SDK service crates (aws-sdk-*)", 110.0),
                ("wellscan's own crates", 90.0),
                ("build scripts", 80.0),
                ("other crates", 20.0),
            ]
        );
    }

    #[test]
    fn measures_this_process_tree() {
        let me = snapshot(std::process::id());
        assert!(me.total() > 0);
        assert!(me.processes.iter().any(|(name, _)| !name.is_empty()));
    }
}
