//! The findings tables and the bar that filters and sorts them (by pillar, severity, region,
//! service or any text). Without the script every finding is simply shown; the script and the
//! page's Content-Security-Policy come from here so the policy always names this script's hash.

use std::collections::{BTreeSet, HashMap};

use base64::Engine;
use maud::{Markup, PreEscaped, html};
use sha2::{Digest, Sha256};
use wellscan_model::{Assessment, Finding, ResourceKind, Risk, Severity, best_practice_url, usd};

const SCRIPT: &str = include_str!("findings.js");

/// The page's policy: nothing from the network, only our own stylesheet and this script.
pub fn content_security_policy() -> String {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(SCRIPT.as_bytes()));
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; script-src 'sha256-{hash}'; base-uri 'none'; form-action 'none'"
    )
}

pub fn script() -> Markup {
    html! { script { (PreEscaped(SCRIPT)) } }
}

/// The AWS service a finding's resource belongs to, e.g. `ec2`.
fn service(f: &Finding) -> &str {
    ResourceKind::ALL
        .iter()
        .find(|k| k.id() == f.resource_kind)
        .map(|k| k.service())
        .unwrap_or_else(|| f.resource_kind.split('_').next().unwrap_or_default())
}

/// The filter bar, hidden until the script shows it.
pub fn filter_bar(a: &Assessment) -> Markup {
    let regions: BTreeSet<&str> = a.findings.iter().map(|f| f.region.as_str()).collect();
    let services: BTreeSet<&str> = a.findings.iter().map(service).collect();
    html! {
        form #filters .filters hidden aria-label="Filter the findings" {
            strong { "Findings" }
            label { "Pillar " select name="pillar" {
                option value="" { "all" }
                @for p in &a.pillars { option value=(p.pillar.id()) { (p.pillar.title()) } }
            } }
            label { "Severity " select name="severity" {
                option value="" { "all" }
                @for s in Severity::ALL.iter().rev() { option value=(s.id()) { (s) } }
            } }
            label { "Region " select name="region" {
                option value="" { "all" }
                @for r in &regions { option value=(r) { (r) } }
            } }
            label { "Service " select name="service" {
                option value="" { "all" }
                @for s in &services { option value=(s) { (s) } }
            } }
            label { "Search " input type="search" name="q" placeholder="resource, title, evidence"; }
            button type="reset" { "Clear" }
            output #shown aria-live="polite" {}
        }
    }
}

/// One sortable header cell.
fn head(key: &str, title: &str, number: bool) -> Markup {
    html! {
        th .num[number] data-key=(key) data-type=[number.then_some("number")] {
            button type="button" { (title) }
        }
    }
}

/// A findings table whose rows carry what the filter bar matches on; each finding's best
/// practice links to its page in the framework.
pub fn table(a: &Assessment, findings: &[&Finding]) -> Markup {
    let choices: HashMap<&str, &str> = a
        .checks
        .iter()
        .map(|c| (c.check_id.as_str(), c.wa_choice.as_str()))
        .collect();
    let partition = a.scan.partition.as_str();
    html! {
        table.findings {
            thead { tr {
                (head("severity", "Severity", true))
                (head("finding", "Finding", false))
                (head("resource", "Resource", false))
                (head("region", "Region", false))
                (head("practice", "Best practice", false))
                (head("savings", "Savings/mo", true))
            } }
            tbody {
                @for f in findings {
                    (row(partition, choices.get(f.check_id.as_str()).copied().unwrap_or(""), f))
                }
            }
        }
    }
}

fn row(partition: &str, wa_choice: &str, f: &Finding) -> Markup {
    html! {
        tr data-pillar=(f.pillar.id()) data-severity=(f.severity.id()) data-region=(f.region) data-service=(service(f)) {
            td data-sort=(f.severity as u8) {
                span class=(format!("sev sev-{}", f.severity)) { (f.severity) }
                @match f.risk() { Risk::High => { br; small { "HRI" } } Risk::Medium => { br; small { "MRI" } } Risk::None => {} }
            }
            td {
                (f.title) br;
                span.evidence { (f.evidence) }
                details { summary { "Remediation" } p { (f.remediation) } }
            }
            td data-sort=(f.resource_name) {
                @match crate::console::url(partition, f) {
                    Some(link) => { a href=(link) rel="noreferrer" { (f.resource_name) } }
                    None => { (f.resource_name) }
                }
                @if f.resource_name != f.resource_id { br; code { (f.resource_id) } }
            }
            td { (f.region) }
            td data-sort=(f.best_practice) {
                @match best_practice_url(wa_choice) {
                    Some(link) => { a href=(link) rel="noreferrer" title=(wa_choice) { (f.best_practice) } }
                    None => { (f.best_practice) }
                }
            }
            td.num data-sort=(f.monthly_savings_usd.unwrap_or(0.0)) {
                @if let Some(s) = f.monthly_savings_usd { (usd(s)) }
            }
        }
    }
}
