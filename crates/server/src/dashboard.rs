//! `wellscan publish-dashboard`: the history as a static site for S3 static hosting, no server
//! needed: `index.html` (every account's latest scores and trend, the latest scans),
//! `scans/<id>.html` per finished scan (its scores, counts and reports), and `static/ui.css`.
//! No script anywhere; every value from an account escaped.

use maud::{DOCTYPE, Markup, html};
use wellscan_model::{Pillar, ScanRecord, ScanStatus};
use wellscan_report::Rendered;
use wellscan_store::{ScanStore, StoreError};

use crate::api::accounts::{ACCOUNTS_WINDOW, summarize};
use crate::ui::sparkline::sparkline;
use crate::ui::{pillar_short, score_class};

/// A page's HTML, with the stylesheet at `depth` folders up.
fn page(title: &str, depth: usize, body: Markup) -> Vec<u8> {
    let up = "../".repeat(depth);
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";
                title { (title) " · wellscan" }
                link rel="stylesheet" href={(up) "static/ui.css"};
            }
            body {
                header.top { a.brand href={(up) "index.html"} { "wellscan" } }
                main { (body) }
            }
        }
    }
    .into_string()
    .into_bytes()
}

fn html_file(name: String, bytes: Vec<u8>) -> Rendered {
    Rendered {
        file_name: name,
        content_type: "text/html; charset=utf-8",
        bytes,
    }
}

/// The site for the `scans` newest finished scans of the history. `link` turns a report's
/// recorded address into a link relative to the site's root, where it can (a report uploaded
/// under the same bucket and prefix); other reports are named, not linked.
pub async fn render(
    store: &dyn ScanStore,
    scans: usize,
    link: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<Rendered>, StoreError> {
    let records = store.list(None, ACCOUNTS_WINDOW.max(scans)).await?;
    let finished: Vec<&ScanRecord> = records
        .iter()
        .filter(|r| matches!(r.status, ScanStatus::Succeeded | ScanStatus::Partial))
        .take(scans)
        .collect();
    let accounts = summarize(records.clone());
    let generated = chrono::Utc::now();
    let mut files = vec![Rendered {
        file_name: "static/ui.css".into(),
        content_type: "text/css; charset=utf-8",
        bytes: crate::ui::CSS.as_bytes().to_vec(),
    }];
    let index = html! {
        h1 { "Accounts" }
        p.meta { "Published " (generated.format("%Y-%m-%d %H:%M UTC")) " from the scan history." }
        @if accounts.is_empty() { p.empty { "No finished scan yet." } } @else {
            table.accounts {
                thead { tr {
                    th { "Account" } th { "Overall" }
                    @for p in Pillar::ALL { th title=(p.title()) { (pillar_short(p)) } }
                    th { "Findings" } th { "Savings / month" } th { "Trend" } th { "Latest scan" }
                } }
                tbody {
                    @for a in &accounts {
                        tr {
                            td { (a.account_id) }
                            td { @if let Some(score) = a.overall_score { span class={"score " (score_class(score))} { (score) } } }
                            @for p in Pillar::ALL {
                                td { (a.pillars.iter().find(|s| s.pillar == p).map(|s| s.score.to_string()).unwrap_or_else(|| "–".into())) }
                            }
                            td { (a.findings) }
                            td { (format!("${:.0}", a.monthly_savings_usd)) }
                            td { (sparkline(&a.trend)) }
                            td { a href={"scans/" (a.latest_scan) ".html"} { (a.latest_at.format("%Y-%m-%d %H:%M")) } }
                        }
                    }
                }
            }
        }
        h2 { "Latest scans" }
        table.scans {
            thead { tr { th { "Scan" } th { "Account" } th { "Status" } th { "Started (UTC)" } th { "Overall" } th { "Findings" } } }
            tbody {
                @for r in &finished {
                    tr {
                        td { a href={"scans/" (r.scan_id) ".html"} { (r.scan_id) } }
                        td { (r.account_id) }
                        td { span class={"status " (r.status.id())} { (r.status.id()) } }
                        td { (r.started_at.format("%Y-%m-%d %H:%M")) }
                        td { (r.overall_score.map(|s| s.to_string()).unwrap_or_default()) }
                        td { (r.findings) }
                    }
                }
            }
        }
    };
    files.push(html_file("index.html".into(), page("Accounts", 0, index)));
    for r in finished {
        let body = html! {
            h1 { "Scan " (r.scan_id) }
            p.meta { "Account " (r.account_id) " · started " (r.started_at.format("%Y-%m-%d %H:%M:%S UTC")) " · " span class={"status " (r.status.id())} { (r.status.id()) } }
            @if let Some(overall) = r.overall_score {
                p.overall { "Overall " span class={"score " (score_class(overall))} { (overall) } " / 100" }
            }
            table {
                @for p in &r.pillars {
                    tr { th { (p.pillar.title()) } td { meter min="0" max="100" low="60" high="80" optimum="100" value=(p.score) { (p.score) } } td { (p.score) } }
                }
            }
            p { (r.findings) " findings · " (format!("${:.0}", r.monthly_savings_usd)) " a month to save · " (r.coverage_gaps) " coverage gaps" }
            h2 { "Reports" }
            ul {
                @for address in &r.reports {
                    @let name = address.rsplit('/').next().unwrap_or(address);
                    li { @match link(address) {
                        Some(href) => a href={"../" (href)} { (name) },
                        None => code { (address) },
                    } }
                }
            }
        };
        files.push(html_file(
            format!("scans/{}.html", r.scan_id),
            page(&format!("Scan {}", r.scan_id), 1, body),
        ));
    }
    Ok(files)
}
