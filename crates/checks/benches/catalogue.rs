//! Every check over an inventory of 50,000 resources, on one core: wall time and peak memory.
//!
//! `cargo bench -p wellscan-checks --bench catalogue`
//!
//! The inventory is the demo account copied until it holds 50,000 resources, each copy with
//! its own ids, so every check sees the demo's mix of healthy and failing resources.

use std::time::{Duration, Instant};

use wellscan_checks::{Config, PriceTable, run};

const TARGET: usize = 50_000;

fn main() {
    let (inventory, copy) = wellscan_testkit::scaled_demo(TARGET);
    let prices = PriceTable::embedded();
    let config = Config::default();
    let before = wellscan_testkit::peak_rss_mib();

    let mut times: Vec<Duration> = Vec::new();
    let mut findings = 0;
    for _ in 0..5 {
        let started = Instant::now();
        let out = run(&inventory, &config, prices);
        times.push(started.elapsed());
        findings = out.findings.len();
    }
    times.sort();
    println!(
        "{} checks over {} resources ({copy} copies of the demo account), one thread",
        wellscan_checks::catalogue().len(),
        inventory.resources.len()
    );
    println!(
        "  {findings} findings; fastest {:.2?}, median {:.2?}, slowest {:.2?} (target < 1 s)",
        times[0], times[2], times[4]
    );
    println!(
        "  peak memory {:.0} MiB (inventory loaded: {before:.0} MiB)",
        wellscan_testkit::peak_rss_mib()
    );
}
