//! A trend as a small inline SVG line: drawn from numbers only, with no style attribute (the
//! Content-Security-Policy allows only the stylesheet).

use maud::{Markup, html};

const WIDTH: f64 = 120.0;
const HEIGHT: f64 = 28.0;

/// The line of `scores` (0–100, oldest first); a single score is a dot.
pub fn sparkline(scores: &[u8]) -> Markup {
    let step = if scores.len() > 1 {
        WIDTH / (scores.len() - 1) as f64
    } else {
        0.0
    };
    let y = |s: u8| HEIGHT - 2.0 - f64::from(s.min(100)) / 100.0 * (HEIGHT - 4.0);
    let points: Vec<String> = scores
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{:.1},{:.1}", i as f64 * step, y(*s)))
        .collect();
    let label = format!(
        "overall score over the last {} scans: {}",
        scores.len(),
        scores
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    );
    html! {
        svg.sparkline width=(WIDTH) height=(HEIGHT) viewBox={"0 0 " (WIDTH) " " (HEIGHT)} role="img" aria-label=(label) {
            @if let [only] = scores {
                circle cx="0" cy=(format!("{:.1}", y(*only))) r="2" {}
            } @else {
                polyline fill="none" stroke="currentColor" stroke-width="1.5" points=(points.join(" ")) {}
            }
        }
    }
}
