//! What the PDF says, section by section; the same contents as the HTML report.

use wellscan_model::count;
use wellscan_model::{
    Assessment, Finding, Inventory, PillarAssessment, Recommendation, Risk, Severity, usd,
};

use super::canvas::Colour;
use super::chart::{pillar_scores, score_colour};
use super::flow::{BODY, Flow, SMALL};
use super::table::{CELL, Cell, Column, table};
use super::wrap::Font;

/// How many resources a recommendation names before "and N more".
const CITED_RESOURCES: usize = 8;

fn severity_colour(s: Severity) -> Colour {
    Colour::rgb(crate::render::severity_rgb(s))
}

/// A severity as a short capitalised label that fits a narrow column.
fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "CRITICAL",
        Severity::High => "HIGH",
        Severity::Medium => "MEDIUM",
        Severity::Low => "LOW",
        Severity::Informational => "INFO",
    }
}

fn severity_cell(s: Severity, risk: Risk) -> Cell {
    let mark = match risk {
        Risk::High => "HRI",
        Risk::Medium => "MRI",
        Risk::None => "",
    };
    Cell::default()
        .then(severity_label(s), Font::bold(7.5), severity_colour(s))
        .then(mark, SMALL, Colour::MUTED)
}

fn note(flow: &mut Flow, text: &str) {
    flow.paragraph(text, BODY, Colour(0x8a, 0x5a, 0x00));
}

pub fn cover(flow: &mut Flow, a: &Assessment) {
    flow.advance(60.0);
    flow.paragraph("Well-Architected assessment", Font::bold(26.0), Colour::INK);
    flow.paragraph(
        &format!("Account {}", a.scan.account_id),
        Font::regular(15.0),
        Colour::ACCENT,
    );
    flow.advance(6.0);
    let meta = [
        format!("Regions: {}", a.scan.regions.join(", ")),
        format!("{} resources", a.scan.resources),
        format!(
            "Scan {} · {}",
            a.scan.id,
            a.scan.finished_at.format("%Y-%m-%d %H:%M UTC")
        ),
    ];
    for line in &meta {
        flow.paragraph(line, BODY, Colour::MUTED);
    }
    flow.advance(24.0);
    let big = Font::bold(44.0);
    flow.paragraph(
        &format!("{}/100", a.overall_score),
        big,
        score_colour(a.overall_score),
    );
    flow.paragraph("overall score", BODY, Colour::MUTED);
    flow.advance(18.0);
    pillar_scores(flow, &a.pillars);
}

pub fn executive_summary(flow: &mut Flow, a: &Assessment) {
    let s = &a.executive_summary;
    flow.section("Executive summary");
    flow.paragraph(&s.headline, Font::bold(11.0), Colour::INK);
    if let Some(reason) = &s.degraded {
        note(flow, &crate::render::summary_degraded(reason));
    }
    if !s.key_risks.is_empty() {
        flow.subheading("Key risks");
        flow.list(&s.key_risks, false);
    }
    if !s.top_actions.is_empty() {
        flow.subheading("Top actions");
        flow.list(&s.top_actions, true);
    }
    flow.paragraph(
        &format!(
            "Estimated savings: {} per month.",
            usd(s.monthly_savings_usd)
        ),
        Font::bold(BODY.size),
        Colour::INK,
    );
    if !a.scan.coverage_gaps.is_empty() {
        note(
            flow,
            &format!(
                "{} of the account could not be read; see Coverage gaps.",
                count(a.scan.coverage_gaps.len(), "part", "parts")
            ),
        );
    }
}

pub fn since_last(flow: &mut Flow, a: &Assessment) {
    use crate::render::history::{FIRST_SCAN, LISTED, resolved_line, score_rows, summary};
    let Some(since) = &a.since_last else {
        return;
    };
    flow.section("Since the last scan");
    match &since.diff {
        None => flow.paragraph(FIRST_SCAN, BODY, Colour::INK),
        Some(d) => {
            flow.paragraph(
                &format!("Compared with scan {}.", d.from_scan),
                SMALL,
                Colour::MUTED,
            );
            flow.paragraph(&summary(d), Font::bold(BODY.size), Colour::INK);
            if let Some(line) = crate::render::history::compared(d) {
                flow.paragraph(&line, BODY, Colour::INK);
            }
            let columns = [
                Column::left("Score", 3.0),
                Column::right("Before", 1.0),
                Column::right("Now", 1.0),
                Column::right("Change", 1.0),
            ];
            let rows = score_rows(a, d)
                .into_iter()
                .map(|(what, before, now, change)| {
                    vec![
                        Cell::text(what),
                        Cell::text(before.to_string()),
                        Cell::text(now.to_string()),
                        Cell::text(format!("{change:+}")),
                    ]
                })
                .collect();
            table(flow, &columns, rows);
            let listed = |items: Vec<String>, total: usize| {
                let mut items = items;
                if total > LISTED {
                    items.push(format!("… and {} more", total - LISTED));
                }
                items
            };
            if !d.new.is_empty() {
                flow.subheading("New findings");
                let items = d
                    .new
                    .iter()
                    .take(LISTED)
                    .map(crate::render::history::finding_line)
                    .collect();
                flow.list(&listed(items, d.new.len()), false);
            }
            if !d.resolved.is_empty() {
                flow.subheading("Resolved findings");
                let items = d.resolved.iter().take(LISTED).map(resolved_line).collect();
                flow.list(&listed(items, d.resolved.len()), false);
            }
        }
    }
    if since.trend.len() > 1 {
        // The heading stays with its chart.
        flow.ensure(super::chart::TREND_HEIGHT + 30.0);
        flow.subheading(&format!("Scores over the last {} scans", since.trend.len()));
        super::chart::trend(flow, &since.trend);
    }
}

pub fn plan(flow: &mut Flow, a: &Assessment) {
    flow.section("Plan");
    if a.plan.is_empty() {
        flow.paragraph("No recommendations: every check passed.", BODY, Colour::INK);
        return;
    }
    flow.paragraph(
        "Every pillar's recommendations in one list; advice several pillars gave is one item. Ordered by priority, savings, then effort.",
        BODY,
        Colour::MUTED,
    );
    let columns = [
        Column::left("Priority", 1.0),
        Column::left("Action", 4.0),
        Column::left("Pillars", 1.8),
        Column::left("Effort", 0.8),
        Column::right("Resources", 1.1),
        Column::right("Savings/month", 1.5),
    ];
    let rows = a
        .plan
        .iter()
        .map(|r| {
            vec![
                Cell::default().then(
                    severity_label(r.priority),
                    Font::bold(7.5),
                    severity_colour(r.priority),
                ),
                Cell::default()
                    .then(&r.title, Font::bold(CELL.size), Colour::INK)
                    .then(&r.expected_benefit, CELL, Colour::MUTED),
                Cell::text(crate::render::pillar_titles(&r.pillars)),
                Cell::text(r.effort.map(|e| e.to_string()).unwrap_or_default()),
                Cell::text(r.resource_ids.len().to_string()),
                Cell::text(r.monthly_savings_usd.map(usd).unwrap_or_default()),
            ]
        })
        .collect();
    table(flow, &columns, rows);
    trade_offs(flow, a);
}

fn trade_offs(flow: &mut Flow, a: &Assessment) {
    if a.trade_offs.is_empty() {
        return;
    }
    flow.subheading("Trade-offs");
    flow.paragraph(
        "Advice that pulls the same resources two ways. Both stay in the plan; the choice is yours.",
        BODY,
        Colour::MUTED,
    );
    let items: Vec<String> = a
        .trade_offs
        .iter()
        .map(|t| {
            let resources: Vec<String> = t
                .resources
                .iter()
                .map(|r| format!("{} ({})", r.name, r.region))
                .collect();
            format!(
                "{} ({}) versus {} ({}) on {}",
                t.reduce.title,
                crate::render::pillar_titles(&t.reduce.pillars),
                t.strengthen.title,
                crate::render::pillar_titles(&t.strengthen.pillars),
                resources.join(", ")
            )
        })
        .collect();
    flow.list(&items, false);
}

pub fn pillar(flow: &mut Flow, a: &Assessment, p: &PillarAssessment) {
    flow.section(&format!("{} — {}/100", p.pillar.title(), p.score));
    let source = crate::render::source_label(p);
    let mut meta = format!(
        "{} with evidence · {} · {} high-risk · {} medium-risk · analysis: {source}",
        count(p.checks_evaluated, "check", "checks"),
        count(p.findings, "finding", "findings"),
        p.high_risk_issues,
        p.medium_risk_issues
    );
    if let Some(m) = &p.model {
        meta.push_str(&format!(" ({}, prompts {})", m.model_id, m.prompt_version));
    }
    if let Some(rating) = p.rating {
        meta.push_str(&format!(" · analyst rating: {rating}"));
    }
    flow.paragraph(&meta, SMALL, Colour::MUTED);
    pillar_notes(flow, p);
    flow.paragraph(&p.summary, BODY, Colour::INK);
    if !p.risks.is_empty() {
        flow.subheading("Risks");
        flow.list(&p.risks, false);
    }
    if !p.recommendations.is_empty() {
        flow.subheading("Recommendations");
        let items: Vec<String> = p.recommendations.iter().map(recommendation).collect();
        flow.list(&items, true);
    }
    let findings: Vec<&Finding> = a.findings.iter().filter(|f| f.pillar == p.pillar).collect();
    if !findings.is_empty() {
        flow.subheading("Findings");
        findings_table(flow, &a.scan.partition, &findings);
    }
}

fn pillar_notes(flow: &mut Flow, p: &PillarAssessment) {
    for text in crate::render::analysis_notes(p) {
        note(flow, &text);
    }
}

/// A recommendation with what it rests on: its findings and resources.
fn recommendation(r: &Recommendation) -> String {
    let mut text = format!(
        "[{}] {} — {}",
        severity_label(r.priority),
        r.title,
        r.rationale
    );
    if !r.expected_benefit.is_empty() {
        text.push(' ');
        text.push_str(&r.expected_benefit);
    }
    if let Some(effort) = r.effort {
        text.push_str(&format!(" Effort: {effort}."));
    }
    let shown: Vec<&str> = r
        .resource_ids
        .iter()
        .take(CITED_RESOURCES)
        .map(String::as_str)
        .collect();
    text.push_str(&format!(
        " Cites {} on {}",
        count(r.finding_ids.len(), "finding", "findings"),
        shown.join(", ")
    ));
    if r.resource_ids.len() > shown.len() {
        text.push_str(&format!(" and {} more", r.resource_ids.len() - shown.len()));
    }
    text.push('.');
    text
}

fn findings_table(flow: &mut Flow, partition: &str, findings: &[&Finding]) {
    let columns = [
        Column::left("Severity", 1.0),
        Column::left("Finding", 3.0),
        Column::left("Resource", 2.2),
        Column::left("Region", 1.45),
        Column::left("Best practice", 1.2),
        Column::right("Savings", 1.1),
    ];
    let rows = findings
        .iter()
        .map(|f| {
            let id = if f.resource_name == f.resource_id {
                ""
            } else {
                f.resource_id.as_str()
            };
            vec![
                severity_cell(f.severity, f.risk()),
                Cell::default().then(&f.title, CELL, Colour::INK).then(
                    &f.evidence,
                    SMALL,
                    Colour::MUTED,
                ),
                Cell::default()
                    .then(&f.resource_name, CELL, Colour::ACCENT)
                    .then(id, SMALL, Colour::MUTED)
                    .link(crate::console::url(partition, f)),
                Cell::text(&f.region),
                Cell::text(&f.best_practice),
                Cell::text(f.monthly_savings_usd.map(usd).unwrap_or_default()),
            ]
        })
        .collect();
    table(flow, &columns, rows);
}

pub fn savings(flow: &mut Flow, a: &Assessment) {
    flow.section("Savings");
    let rows = crate::render::savings_by_title(a);
    if rows.is_empty() {
        flow.paragraph("No savings identified.", BODY, Colour::INK);
        return;
    }
    let columns = [
        Column::left("Finding", 4.0),
        Column::right("Resources", 1.0),
        Column::right("Per month", 1.2),
    ];
    let cells = rows
        .iter()
        .map(|(title, n, s)| {
            vec![
                Cell::text(*title),
                Cell::text(n.to_string()),
                Cell::text(usd(*s)),
            ]
        })
        .collect();
    table(flow, &columns, cells);
    let mut total = format!(
        "Total without double counting (one figure per resource): {} per month",
        usd(a.executive_summary.monthly_savings_usd)
    );
    if let Some(day) = &a.scan.prices_taken_on {
        total.push_str(&format!(", at on-demand list prices of {day}"));
    }
    total.push('.');
    flow.paragraph(&total, BODY, Colour::INK);
}

pub fn suppressed(flow: &mut Flow, a: &Assessment) {
    if a.suppressed.is_empty() && a.expired_suppressions.is_empty() {
        return;
    }
    flow.section("Suppressed findings");
    flow.paragraph(
        "Set aside by this account's configuration, with the reasons given; not counted in any score.",
        BODY,
        Colour::INK,
    );
    if !a.suppressed.is_empty() {
        let columns = [
            Column::left("Finding", 2.5),
            Column::left("Resource", 2.0),
            Column::left("Region", 1.0),
            Column::left("Reason", 2.5),
            Column::left("Until", 0.9),
        ];
        let rows = a
            .suppressed
            .iter()
            .map(|s| {
                vec![
                    Cell::default()
                        .then(&s.finding.title, CELL, Colour::INK)
                        .then(&s.finding.check_id, SMALL, Colour::MUTED),
                    Cell::text(&s.finding.resource_name),
                    Cell::text(&s.finding.region),
                    Cell::default().then(&s.reason, CELL, Colour::INK).then(
                        format!("matched {}", s.matched),
                        SMALL,
                        Colour::MUTED,
                    ),
                    Cell::text(s.expires.to_string()),
                ]
            })
            .collect();
        table(flow, &columns, rows);
    }
    if !a.expired_suppressions.is_empty() {
        flow.subheading("Expired suppressions (no longer applied)");
        let items: Vec<String> = a
            .expired_suppressions
            .iter()
            .map(|e| {
                format!(
                    "{} on {}, expired {}: {}",
                    e.check_id, e.matched, e.expired_on, e.reason
                )
            })
            .collect();
        flow.list(&items, false);
    }
}

pub fn coverage(flow: &mut Flow, a: &Assessment) {
    flow.section("Coverage gaps");
    if !a.scan.regions_not_enabled.is_empty() {
        flow.paragraph(
            &format!(
                "Opt-in regions not enabled in this account, so not scanned: {}.",
                a.scan.regions_not_enabled.join(", ")
            ),
            BODY,
            Colour::INK,
        );
    }
    let unjudged = crate::render::not_evaluated(a);
    if !unjudged.is_empty() {
        flow.paragraph(crate::render::NOT_EVALUATED_NOTE, BODY, Colour::INK);
        let columns = [
            Column::left("Check", 3.0),
            Column::left("Pillar", 1.6),
            Column::right("Not evaluated", 1.0),
            Column::right("Evaluated", 1.0),
        ];
        let rows = unjudged
            .iter()
            .map(|c| {
                vec![
                    Cell::text(format!("{} {}", c.check_id, c.title)),
                    Cell::text(c.pillar.title()),
                    Cell::text(c.not_evaluated.to_string()),
                    Cell::text(c.evaluated.to_string()),
                ]
            })
            .collect();
        table(flow, &columns, rows);
    }
    if a.scan.coverage_gaps.is_empty() {
        flow.paragraph(
            "None: every region and service in scope was read.",
            BODY,
            Colour::INK,
        );
        return;
    }
    flow.paragraph(
        "These parts of the account could not be read, so findings there are missing, not absent.",
        BODY,
        Colour::INK,
    );
    let columns = [
        Column::left("Region", 1.0),
        Column::left("Service", 0.8),
        Column::left("Operation", 1.4),
        Column::left("Error", 4.0),
    ];
    let rows = a
        .scan
        .coverage_gaps
        .iter()
        .map(|g| {
            vec![
                Cell::text(&g.region),
                Cell::text(&g.service),
                Cell::text(&g.operation),
                Cell::text(&g.error),
            ]
        })
        .collect();
    table(flow, &columns, rows);
}

pub fn inventory(flow: &mut Flow, inventory: &Inventory) {
    flow.section("Appendix: inventory");
    let columns = [
        Column::left("Region", 1.2),
        Column::left("Service", 0.8),
        Column::left("Resource", 2.0),
        Column::right("Count", 0.8),
    ];
    let mut rows = Vec::new();
    for (region, kinds) in inventory.counts() {
        for (kind, n) in kinds {
            rows.push(vec![
                Cell::text(region),
                Cell::text(kind.service()),
                Cell::text(kind.title()),
                Cell::text(n.to_string()),
            ]);
        }
    }
    table(flow, &columns, rows);
}

pub fn method(flow: &mut Flow, a: &Assessment) {
    flow.section("How the scores are computed");
    flow.paragraph(
        "Each check has a severity weight (critical 10, high 5, medium 3, low 1). A pillar's score is the weighted mean of its checks' pass rates, over the checks that evaluated at least one resource; the overall score is the mean of the assessed pillars. Scores come from the checks alone: no model output changes them. Suppressed findings count neither as passed nor as failed. Like the Well-Architected Tool, findings of critical or high severity are high-risk issues (HRI) and medium ones medium-risk issues (MRI).",
        BODY,
        Colour::INK,
    );
    if a.usage.model_calls > 0 {
        flow.paragraph(
            &format!(
                "Model usage: {}, {} input and {} output tokens, about ${:.2}.",
                count(a.usage.model_calls as usize, "call", "calls"),
                a.usage.input_tokens,
                a.usage.output_tokens,
                a.usage.estimated_cost_usd
            ),
            SMALL,
            Colour::MUTED,
        );
    }
    flow.paragraph(
        &format!("wellscan assessment schema {}.", a.schema_version),
        SMALL,
        Colour::MUTED,
    );
}
