//! The HTML report: one self-contained file (no scripts, fonts or images from elsewhere; its
//! Content-Security-Policy forbids them). It carries the glyphs its non-ASCII text needs
//! (`fonts.rs`), so Japanese names render on a machine without CJK fonts. Every value from the account goes through maud's
//! escaping; nothing is inserted raw except the stylesheet, the chart (built here from numbers)
//! and the findings script (`findings.js`, allowed by its hash).

mod findings;
mod fonts;
mod org;
mod since;

pub use org::rollup;

use std::fmt::Write;

use maud::{DOCTYPE, Markup, PreEscaped, html};
use wellscan_model::{
    Assessment, Finding, Inventory, PillarAssessment, Recommendation, ResourceKind,
    best_practice_url, count, usd,
};

use crate::Rendered;

const STYLE: &str = r#"
:root { --ink:#1d2330; --muted:#5b6475; --line:#d9dee7; --bg:#f6f7f9; --accent:#2553a3;
  --critical:#8e1b1b; --high:#c2410c; --medium:#b7791f; --low:#3f6f4a; --informational:#5b6475; }
* { box-sizing:border-box; }
body { font:15px/1.5 CJK_FAMILY,system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK JP",TEXT_FAMILY,sans-serif;
  color:var(--ink); margin:0; background:var(--bg); }
main { max-width:1180px; margin:0 auto; padding:24px; background:#fff; }
h1 { font-size:28px; margin:0 0 4px; } h2 { margin-top:40px; border-bottom:2px solid var(--line); padding-bottom:4px; }
h3 { margin-bottom:4px; }
.meta { color:var(--muted); margin:0 0 16px; }
.score { font-size:44px; font-weight:700; }
.cards { display:flex; gap:16px; flex-wrap:wrap; align-items:center; }
table { border-collapse:collapse; width:100%; font-size:13px; margin:8px 0 16px; }
th, td { border-bottom:1px solid var(--line); padding:6px 8px; text-align:left; vertical-align:top; }
th { background:var(--bg); position:sticky; top:0; }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
.sev { font-weight:600; text-transform:uppercase; font-size:11px; letter-spacing:.04em; }
.sev-critical { color:var(--critical); } .sev-high { color:var(--high); } .sev-medium { color:var(--medium); }
.sev-low { color:var(--low); } .sev-informational { color:var(--informational); }
.evidence { color:var(--muted); }
.note { background:#fff7e6; border-left:4px solid var(--medium); padding:8px 12px; }
code { font-size:12px; word-break:break-all;
  font-family:CJK_FAMILY,ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",TEXT_FAMILY,monospace; }
details summary { cursor:pointer; color:var(--accent); }
.filters { position:sticky; top:0; z-index:2; display:flex; flex-wrap:wrap; gap:8px 14px; align-items:center;
  background:#fff; border:1px solid var(--line); border-radius:6px; padding:8px 12px; margin:24px 0 0; font-size:13px; }
.filters select, .filters input, .filters button { font:inherit; }
.filters output { color:var(--muted); margin-left:auto; }
th button { all:unset; cursor:pointer; font-weight:600; }
th button::after { content:" \2195"; color:var(--muted); font-weight:400; }
th[aria-sort=ascending] button::after { content:" \2191"; color:var(--ink); }
th[aria-sort=descending] button::after { content:" \2193"; color:var(--ink); }
[hidden] { display:none !important; }
@media print { .filters { display:none !important; } th button::after { content:none; }
  body { background:#fff; } main { padding:0; } th { position:static; } h2 { break-after:avoid; }
  tr { break-inside:avoid; } details { display:block; } details > summary { display:none; } }
"#;

/// Renders `report.html`.
pub fn report(a: &Assessment, inventory: &Inventory) -> Rendered {
    let title = format!(
        "wellscan · {} · {}",
        a.scan.account_id,
        a.scan.finished_at.format("%Y-%m-%d")
    );
    page(
        "report.html",
        &title,
        body(a, inventory),
        &findings::content_security_policy(),
    )
}

/// A whole page: `body` under the stylesheet, the inline fonts its text needs and `csp`.
fn page(file_name: &str, title: &str, body: Markup, csp: &str) -> Rendered {
    let body = body.into_string();
    let style = format!(
        "{}{}",
        STYLE
            .replace("CJK_FAMILY", fonts::CJK_FAMILY)
            .replace("TEXT_FAMILY", fonts::TEXT_FAMILY),
        fonts::font_faces(&format!("{title}{body}"))
    );
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content=(csp);
                link rel="icon" href="data:,";
                title { (title) }
                style { (PreEscaped(style)) }
            }
            (PreEscaped(body))
        }
    };
    Rendered {
        file_name: file_name.into(),
        content_type: "text/html; charset=utf-8",
        bytes: page.into_string().into_bytes(),
    }
}

fn body(a: &Assessment, inventory: &Inventory) -> Markup {
    html! {
            body {
                main {
                    (cover(a))
                    (executive_summary(a))
                    (since::section(a))
                    (plan(a))
                    (findings::filter_bar(a))
                    @for pillar in &a.pillars {
                        (pillar_section(a, pillar))
                    }
                    (savings(a))
                    (coverage(a))
                    (suppressed(a))
                    (appendix(inventory))
                    (method(a))
                }
                (findings::script())
            }
    }
}

fn cover(a: &Assessment) -> Markup {
    html! {
        header {
            h1 { "Well-Architected assessment" }
            p.meta {
                "Account " strong { (a.scan.account_id) } " · "
                (a.scan.regions.join(", ")) " · "
                (count(a.scan.resources, "resource", "resources")) " · "
                "scan " code { (a.scan.id) } " · "
                (a.scan.finished_at.format("%Y-%m-%d %H:%M UTC"))
            }
            div.cards {
                div { div.score { (a.overall_score) "/100" } div.meta { "overall score" } }
                (chart(&a.pillars))
            }
        }
    }
}

/// A horizontal bar chart of the pillar scores as inline SVG.
fn chart(pillars: &[PillarAssessment]) -> Markup {
    let row = 28;
    let height = row * pillars.len() + 8;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Pillar scores" width="560" height="{height}" viewBox="0 0 560 {height}">"#
    );
    for (i, p) in pillars.iter().enumerate() {
        let y = i * row + 4;
        let width = f64::from(p.score) * 3.0;
        let colour = format!("#{:06x}", super::score_rgb(p.score));
        // Pillar titles and numbers are ours, never account data.
        let _ = write!(
            svg,
            r##"<text x="0" y="{ty}" font-size="13" fill="#1d2330">{title}</text><rect x="190" y="{y}" width="300" height="18" fill="#eef0f4"/><rect x="190" y="{y}" width="{width:.0}" height="18" fill="{colour}"/><text x="500" y="{ty}" font-size="13" font-weight="600" fill="#1d2330">{score}</text>"##,
            ty = y + 14,
            title = p.pillar.title(),
            score = p.score,
        );
    }
    svg.push_str("</svg>");
    PreEscaped(svg)
}

fn executive_summary(a: &Assessment) -> Markup {
    let s = &a.executive_summary;
    html! {
        section {
            h2 { "Executive summary" }
            p { strong { (s.headline) } }
            @if let Some(m) = &s.model {
                p.meta { "Written by Amazon Bedrock (" code { (m.model_id) } ", prompts " (m.prompt_version) ") from the pillar analyses; scores and savings come from the checks." }
            }
            @if let Some(reason) = &s.degraded { p.note { (super::summary_degraded(reason)) } }
            @if !s.key_risks.is_empty() {
                h3 { "Key risks" }
                ul { @for risk in &s.key_risks { li { (risk) } } }
            }
            @if !s.top_actions.is_empty() {
                h3 { "Top actions" }
                ol { @for action in &s.top_actions { li { (action) } } }
            }
            p { "Estimated savings: " strong { (usd(s.monthly_savings_usd)) " per month" } }
            @if !a.scan.coverage_gaps.is_empty() {
                p.note { (a.scan.coverage_gaps.len()) " parts of the account could not be read; see "
                    a href="#coverage" { "coverage gaps" } "." }
            }
        }
    }
}

fn pillar_section(a: &Assessment, p: &PillarAssessment) -> Markup {
    let findings: Vec<&Finding> = a.findings.iter().filter(|f| f.pillar == p.pillar).collect();
    html! {
        section id=(p.pillar.id()) {
            h2 {
                (p.pillar.title()) " — " (p.score) "/100"
                @if let Some(rating) = p.rating { span.meta { " · analyst rating: " (rating) } }
            }
            p.meta {
                (count(p.checks_evaluated, "check", "checks")) " with evidence · " (count(p.findings, "finding", "findings")) " · "
                (p.high_risk_issues) " high-risk · " (p.medium_risk_issues) " medium-risk · analysis: "
                (super::source_label(p))
                @if let Some(m) = &p.model { " (" code { (m.model_id) } ", prompts " (m.prompt_version) ")" }
            }
            @if let Some(reason) = &p.degraded { p.note { "Degraded: " (reason) } }
            @if p.rating_disagrees {
                @if let Some(rating) = p.rating {
                    p.note { "The analyst rates this pillar " strong { (rating) } " while the checks score it "
                        (p.score) "/100. The score stands; read the findings before trusting either." }
                }
            }
            @if p.ungrounded_dropped > 0 {
                p.note { (p.ungrounded_dropped) " recommendations from the model cited nothing in this scan and were dropped." }
            }
            @if p.findings_not_shown() > 0 {
                p.note { "To fit the model's brief (" (p.brief.budget_tokens) " tokens), the " (p.findings_not_shown())
                    " least severe findings were not shown to the analyst; they are in the findings below and in the score." }
            }
            p { (p.summary) }
            @if !p.risks.is_empty() {
                h3 { "Risks" }
                ul { @for risk in &p.risks { li { (risk) } } }
            }
            @if !p.recommendations.is_empty() {
                h3 { "Recommendations" }
                ol {
                    @for r in &p.recommendations {
                        li { (recommendation(r)) }
                    }
                }
            }
            @if !findings.is_empty() {
                h3 { "Findings" }
                (findings::table(a, &findings))
            }
        }
    }
}

fn recommendation(r: &Recommendation) -> Markup {
    html! {
        span class=(format!("sev sev-{}", r.priority)) { (r.priority) } " "
        strong { (r.title) } " — " (r.rationale)
        @if !r.expected_benefit.is_empty() { " " em { (r.expected_benefit) } }
        @if let Some(effort) = r.effort { span.meta { " · effort " (effort) } }
        details {
            summary { (count(r.resource_ids.len(), "resource", "resources")) }
            p { code { (r.resource_ids.join(", ")) } }
        }
    }
}

/// The merged plan across pillars, and the trade-offs between them.
fn plan(a: &Assessment) -> Markup {
    html! {
        section id="plan" {
            h2 { "Plan" }
            @if a.plan.is_empty() {
                p { "No recommendations: every check passed." }
            } @else {
                p.meta { "Every pillar's recommendations in one list; advice several pillars gave is one item. Ordered by priority, savings, then effort." }
                table {
                    thead { tr { th { "Priority" } th { "Action" } th { "Pillars" } th { "Effort" } th.num { "Resources" } th.num { "Savings/month" } } }
                    tbody {
                        @for r in &a.plan {
                            tr {
                                td { span class=(format!("sev sev-{}", r.priority)) { (r.priority) } }
                                td { strong { (r.title) } @if !r.expected_benefit.is_empty() { br; span.evidence { (r.expected_benefit) } } }
                                td { (super::pillar_titles(&r.pillars)) }
                                td { @if let Some(e) = r.effort { (e) } }
                                td.num { (r.resource_ids.len()) }
                                td.num { @if let Some(s) = r.monthly_savings_usd { (usd(s)) } }
                            }
                        }
                    }
                }
            }
            @if !a.trade_offs.is_empty() {
                h3 { "Trade-offs" }
                p.meta { "Advice that pulls the same resources two ways. Both stay in the plan; the choice is yours." }
                ul {
                    @for t in &a.trade_offs {
                        li {
                            strong { (t.reduce.title) } " (" (super::pillar_titles(&t.reduce.pillars)) ") versus "
                            strong { (t.strengthen.title) } " (" (super::pillar_titles(&t.strengthen.pillars)) ") on "
                            (t.resources.iter().map(|r| format!("{} ({})", r.name, r.region)).collect::<Vec<_>>().join(", "))
                        }
                    }
                }
            }
        }
    }
}

fn savings(a: &Assessment) -> Markup {
    let rows = super::savings_by_title(a);
    html! {
        section id="savings" {
            h2 { "Savings" }
            @if rows.is_empty() { p { "No savings identified." } } @else {
                table {
                    thead { tr { th { "Finding" } th.num { "Resources" } th.num { "Per month" } } }
                    tbody {
                        @for (title, n, s) in &rows { tr { td { (title) } td.num { (n) } td.num { (usd(*s)) } } }
                    }
                }
                p.meta { "Total without double counting (one figure per resource): "
                    strong { (usd(a.executive_summary.monthly_savings_usd)) } " per month"
                    @if let Some(day) = &a.scan.prices_taken_on { ", at on-demand list prices of " (day) } "." }
            }
        }
    }
}

fn coverage(a: &Assessment) -> Markup {
    html! {
        section id="coverage" {
            h2 { "Coverage gaps" }
            @if !a.scan.regions_not_enabled.is_empty() {
                p { "Opt-in regions not enabled in this account, so not scanned: "
                    (a.scan.regions_not_enabled.join(", ")) "." }
            }
            @let unjudged = super::not_evaluated(a);
            @if !unjudged.is_empty() {
                p { (super::NOT_EVALUATED_NOTE) }
                table {
                    thead { tr { th { "Check" } th { "Pillar" } th.num { "Not evaluated" } th.num { "Evaluated" } } }
                    tbody {
                        @for c in &unjudged {
                            tr { td { code { (c.check_id) } br; (c.title) } td { (c.pillar.title()) }
                                 td.num { (c.not_evaluated) } td.num { (c.evaluated) } }
                        }
                    }
                }
            }
            @if a.scan.coverage_gaps.is_empty() {
                p { "None: every region and service in scope was read." }
            } @else {
                p { "These parts of the account could not be read, so findings there are missing, not absent." }
                table {
                    thead { tr { th { "Region" } th { "Service" } th { "Operation" } th { "Error" } } }
                    tbody {
                        @for g in &a.scan.coverage_gaps {
                            tr { td { (g.region) } td { (g.service) } td { (g.operation) } td { (g.error) } }
                        }
                    }
                }
            }
        }
    }
}

fn suppressed(a: &Assessment) -> Markup {
    if a.suppressed.is_empty() && a.expired_suppressions.is_empty() {
        return html! {};
    }
    html! {
        section id="suppressed" {
            h2 { "Suppressed findings" }
            p { "Set aside by this account's configuration, with the reasons given; not counted in any score." }
            @if !a.suppressed.is_empty() {
                table {
                    thead { tr { th { "Finding" } th { "Resource" } th { "Region" } th { "Reason" } th { "Until" } } }
                    tbody {
                        @for s in &a.suppressed {
                            tr {
                                td { (s.finding.title) br; code { (s.finding.check_id) } }
                                td { (s.finding.resource_name) @if s.finding.resource_name != s.finding.resource_id { br; code { (s.finding.resource_id) } } }
                                td { (s.finding.region) }
                                td { (s.reason) br; span.evidence { "matched " (s.matched) } }
                                td { (s.expires) }
                            }
                        }
                    }
                }
            }
            @if !a.expired_suppressions.is_empty() {
                h3 { "Expired suppressions (no longer applied)" }
                ul {
                    @for e in &a.expired_suppressions {
                        li { code { (e.check_id) } " on " (e.matched) ", expired " (e.expired_on) ": " (e.reason) }
                    }
                }
            }
        }
    }
}

fn appendix(inventory: &Inventory) -> Markup {
    let counts = inventory.counts();
    let kinds: Vec<ResourceKind> = ResourceKind::ALL
        .iter()
        .copied()
        .filter(|k| counts.values().any(|c| c.contains_key(k)))
        .collect();
    html! {
        section id="inventory" {
            h2 { "Appendix: inventory" }
            table {
                thead { tr { th { "Resource" } @for region in counts.keys() { th.num { (region) } } } }
                tbody {
                    @for kind in &kinds {
                        tr {
                            td { (kind.title()) }
                            @for per_region in counts.values() {
                                td.num { (per_region.get(kind).copied().unwrap_or(0)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn method(a: &Assessment) -> Markup {
    html! {
        section id="method" {
            h2 { "How the scores are computed" }
            p { "Each check has a severity weight (critical 10, high 5, medium 3, low 1). A pillar's score is the
                 weighted mean of its checks' pass rates, over the checks that evaluated at least one resource; the
                 overall score is the mean of the assessed pillars. Scores come from the checks alone: no model
                 output changes them. Suppressed findings count neither as passed nor as failed. Like the
                 Well-Architected Tool, findings of critical or high severity are high-risk issues (HRI) and
                 medium ones medium-risk issues (MRI)." }
            table {
                thead { tr { th { "Check" } th { "Pillar" } th { "Best practice" } th { "Severity" } th.num { "Evaluated" } th.num { "Failed" } th.num { "Suppressed" } th.num { "Not evaluated" } } }
                tbody {
                    @for c in &a.checks {
                        tr {
                            td { code { (c.check_id) } br; (c.title) }
                            td { (c.pillar.title()) }
                            td {
                                @match best_practice_url(&c.wa_choice) {
                                    Some(link) => { a href=(link) rel="noreferrer" { (c.best_practice) } }
                                    None => { (c.best_practice) }
                                }
                                @if !c.wa_question.is_empty() { br; small { "WA " (c.wa_question) } }
                            }
                            td { span class=(format!("sev sev-{}", c.severity)) { (c.severity) } }
                            td.num { (c.evaluated) }
                            td.num { (c.failed) }
                            td.num { (c.suppressed) }
                            td.num { (c.not_evaluated) }
                        }
                    }
                }
            }
            @if !a.timings.is_empty() {
                h3 { "Timing" }
                p.meta {
                    @for (i, t) in a.timings.iter().enumerate() {
                        @if i > 0 { " · " }
                        (t.stage) " " (format!("{:.1}", t.millis as f64 / 1000.0)) " s"
                    }
                }
            }
            @if a.usage.model_calls > 0 {
                p.meta { "Model usage: " (a.usage.model_calls) " calls, " (a.usage.input_tokens) " input and "
                    (a.usage.output_tokens) " output tokens, about $" (format!("{:.2}", a.usage.estimated_cost_usd)) "." }
            }
            p.meta { "wellscan assessment schema " (a.schema_version) "." }
        }
    }
}
