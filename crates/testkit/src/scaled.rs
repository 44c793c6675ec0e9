//! Large accounts for benchmarks: the demo account copied until it holds as many resources as
//! asked, each copy with its own ids, so every check sees the demo's mix of healthy and failing
//! resources.

use wellscan_model::{Inventory, Resource};

const DEMO: &str = include_str!("../../../fixtures/demo/inventory.json");

/// The demo inventory grown (or cut) to exactly `resources` resources, and how many copies of
/// the demo that took.
pub fn scaled_demo(resources: usize) -> (Inventory, usize) {
    let demo = match Inventory::from_json(DEMO) {
        Ok(demo) => demo,
        Err(e) => panic!("the embedded demo inventory does not parse: {e}"),
    };
    let mut inventory = demo.clone();
    inventory.resources.clear();
    let mut copy = 0;
    while inventory.resources.len() < resources {
        for r in &demo.resources {
            if inventory.resources.len() == resources {
                break;
            }
            inventory.resources.push(renamed(r, copy));
        }
        copy += 1;
    }
    (inventory, copy)
}

/// `r` with ids and ARNs of copy `n`, and references between resources renamed alike.
fn renamed(r: &Resource, n: usize) -> Resource {
    if n == 0 {
        return r.clone();
    }
    let mut v = serde_json::to_value(r).unwrap_or_default();
    suffix(&mut v, n);
    serde_json::from_value(v).unwrap_or_else(|_| r.clone())
}

/// Appends `-cN` to every string that looks like an AWS id or an ARN.
fn suffix(v: &mut serde_json::Value, n: usize) {
    match v {
        serde_json::Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if key == "kind" || key == "region" || key == "tags" {
                    continue;
                }
                suffix(value, n);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|i| suffix(i, n)),
        serde_json::Value::String(s) if looks_like_id(s) => s.push_str(&format!("-c{n}")),
        _ => {}
    }
}

fn looks_like_id(s: &str) -> bool {
    [
        "i-",
        "vol-",
        "snap-",
        "sg-",
        "vpc-",
        "eipalloc-",
        "nat-",
        "arn:",
    ]
    .iter()
    .any(|p| s.starts_with(p))
}

/// The process's peak resident memory in MiB (Linux; NaN elsewhere), for benchmarks.
pub fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<f64>().ok())
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}
