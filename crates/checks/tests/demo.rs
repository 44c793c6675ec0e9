//! Every finding on the demo account, as a reviewed snapshot: a change to any check shows up
//! here as a diff of which resources fail and why.

use std::fmt::Write;

use wellscan_checks::{Config, PriceTable, run};
use wellscan_model::Inventory;

const DEMO: &str = include_str!("../../../fixtures/demo/inventory.json");

#[test]
fn demo_findings() {
    let inventory = Inventory::from_json(DEMO).expect("demo inventory");
    let out = run(&inventory, &Config::default(), PriceTable::embedded());
    let mut text = String::new();
    for f in &out.findings {
        let savings = f
            .monthly_savings_usd
            .map(|s| format!(" ${s:.2}/mo"))
            .unwrap_or_default();
        let _ = writeln!(
            text,
            "{:<8} {:<40} {:<14} {} | {}{savings}",
            f.severity.id(),
            f.check_id,
            f.region,
            f.resource_id,
            f.evidence
        );
    }
    let _ = writeln!(text, "\nchecks (evaluated/failed):");
    for c in &out.summaries {
        let _ = writeln!(text, "{:<40} {}/{}", c.check_id, c.evaluated, c.failed);
    }
    insta::assert_snapshot!(text);
}
