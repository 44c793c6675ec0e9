//! The organisation rollup as one self-contained page, `report-org.html`: every account's
//! scores and trend, the worst accounts per pillar, the findings that recur across accounts,
//! the savings, and the accounts that could not be scanned. No script at all; the same
//! stylesheet and inline fonts as an account's report.

use maud::{Markup, html};
use wellscan_model::{OrgRollup, Pillar, count, usd};

use crate::Rendered;
use crate::render::org::{change, trend};

/// No script and nothing fetched: only the inline stylesheet and fonts.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

/// Renders `report-org.html`.
pub fn rollup(r: &OrgRollup) -> Rendered {
    let title = format!(
        "wellscan · organisation · {}",
        r.generated_at.format("%Y-%m-%d")
    );
    super::page(
        crate::render::org::HTML_FILE,
        &title,
        body(r),
        CONTENT_SECURITY_POLICY,
    )
}

fn body(r: &OrgRollup) -> Markup {
    html! {
        body {
            main {
                header {
                    h1 { "Well-Architected assessment of the organisation" }
                    p.meta {
                        (count(r.accounts.len(), "account scanned", "accounts scanned")) " · "
                        (count(r.unscanned.len(), "account not scanned", "accounts not scanned")) " · "
                        "run " code { (r.run_id) } " · "
                        (r.generated_at.format("%Y-%m-%d %H:%M UTC"))
                    }
                    div.cards {
                        div { div.score { (count(r.findings, "finding", "findings")) } div.meta { "over every account" } }
                        div { div.score { (usd(r.monthly_savings_usd)) } div.meta { "possible savings per month" } }
                    }
                }
                (unscanned(r))
                (accounts(r))
                (worst(r))
                (recurring(r))
            }
        }
    }
}

fn unscanned(r: &OrgRollup) -> Markup {
    html! {
        @if !r.unscanned.is_empty() {
            section #unscanned {
                h2 { "Accounts not scanned" }
                p.note { "These accounts have no assessment in this run. Their scores are not in any figure below." }
                table {
                    thead { tr { th { "Account" } th { "Name" } th { "Why" } } }
                    tbody {
                        @for u in &r.unscanned {
                            tr { td { code { (u.account_id) } } td { (u.name) } td { (u.reason) } }
                        }
                    }
                }
            }
        }
    }
}

fn accounts(r: &OrgRollup) -> Markup {
    html! {
        section #accounts {
            h2 { "Accounts, lowest score first" }
            table {
                thead {
                    tr {
                        th { "Account" } th { "Name" } th.num { "Score" } th.num { "Change" } th { "Trend" }
                        @for p in Pillar::ALL { th.num { (p.title()) } }
                        th.num { "Findings" } th { "Worst" } th.num { "Savings/month" } th.num { "Gaps" }
                    }
                }
                tbody {
                    @for a in &r.accounts {
                        tr {
                            td { code { (a.account_id) } }
                            td { (a.name) }
                            td.num { strong { (a.overall_score) } }
                            td.num { (change(a)) }
                            td { (trend(a)) }
                            @for p in Pillar::ALL {
                                td.num { (a.pillar_score(p).map_or_else(|| "–".to_string(), |s| s.to_string())) }
                            }
                            td.num { (a.findings) }
                            td {
                                @if let Some(worst) = a.worst_severity {
                                    span class={ "sev sev-" (worst.id()) } { (worst.id()) }
                                } @else { "–" }
                            }
                            td.num { (usd(a.monthly_savings_usd)) }
                            td.num { (a.coverage_gaps) }
                        }
                    }
                }
            }
        }
    }
}

fn worst(r: &OrgRollup) -> Markup {
    html! {
        section #worst {
            h2 { "Worst accounts per pillar" }
            table {
                thead { tr { th { "Pillar" } th { "Accounts, lowest score first" } } }
                tbody {
                    @for w in &r.worst_by_pillar {
                        tr {
                            td { (w.pillar.title()) }
                            td {
                                @if w.accounts.is_empty() { "Every account scores 100." }
                                @for (i, a) in w.accounts.iter().enumerate() {
                                    @if i > 0 { " · " }
                                    code { (a.account_id) } " " (a.name) " " strong { (a.score) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn recurring(r: &OrgRollup) -> Markup {
    html! {
        section #recurring {
            h2 { "Findings in more than one account" }
            @if r.recurring.is_empty() {
                p { "No check failed in more than one account." }
            } @else {
                table {
                    thead {
                        tr {
                            th { "Check" } th { "Finding" } th { "Pillar" } th { "Severity" }
                            th.num { "Accounts" } th.num { "Resources" } th.num { "Savings/month" }
                        }
                    }
                    tbody {
                        @for f in &r.recurring {
                            tr {
                                td { code { (f.check_id) } }
                                td { (f.title) }
                                td { (f.pillar.title()) }
                                td { span class={ "sev sev-" (f.severity.id()) } { (f.severity.id()) } }
                                td.num { (f.accounts.len()) }
                                td.num { (f.resources) }
                                td.num { (f.monthly_savings_usd.map_or_else(|| "–".to_string(), usd)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use wellscan_model::{OrgAccount, RollupBuilder};

    #[test]
    fn the_page_runs_no_script_and_escapes_every_account_name() {
        let mut b = RollupBuilder::new();
        b.unscanned(
            &OrgAccount {
                id: "111111111111".into(),
                name: "<script>alert(1)</script> 本番".into(),
            },
            "cannot assume <the role>",
        );
        let page = super::rollup(&b.finish("run-1", chrono::Utc::now()));
        let html = String::from_utf8(page.bytes).expect("UTF-8");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; 本番"));
        assert!(html.contains("cannot assume &lt;the role&gt;"));
        assert!(html.contains("default-src 'none'") && !html.contains("script-src"));
    }
}
