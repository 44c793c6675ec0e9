//! The pillar-score bar chart, drawn as vector rectangles and text.

use wellscan_model::{Pillar, PillarAssessment, TrendPoint};

use crate::render::history::{SERIES_COLOURS, point_label, series};

use super::canvas::{Colour, Item};
use super::flow::{BODY, Flow, SMALL};
use super::wrap::Font;

const ROW: f32 = 22.0;
const BAR: f32 = 13.0;
const LABEL: f32 = 150.0;

/// A bar's colour for a score, the same bands as the HTML chart.
pub fn score_colour(score: u8) -> Colour {
    Colour::rgb(crate::render::score_rgb(score))
}

/// One bar per pillar with its score, and gridlines at every 25 points.
pub fn pillar_scores(flow: &mut Flow, pillars: &[PillarAssessment]) {
    let height = ROW * pillars.len() as f32 + 16.0;
    flow.ensure(height);
    let (left, top) = (flow.left(), flow.y());
    let track_x = left + LABEL;
    let track_w = flow.width() - LABEL - 36.0;
    for (i, p) in pillars.iter().enumerate() {
        let y = top + ROW * i as f32;
        flow.text(left, y + 10.0, BODY, Colour::INK, p.pillar.title());
        flow.push(Item::Rect {
            x: track_x,
            y,
            w: track_w,
            h: BAR,
            fill: Colour::TRACK,
        });
        flow.push(Item::Rect {
            x: track_x,
            y,
            w: track_w * f32::from(p.score.min(100)) / 100.0,
            h: BAR,
            fill: score_colour(p.score),
        });
        let score = Font::bold(BODY.size);
        flow.text(
            track_x + track_w + 6.0,
            y + 10.0,
            score,
            Colour::INK,
            p.score.to_string(),
        );
    }
    let axis = top + ROW * pillars.len() as f32;
    for tick in [0u8, 25, 50, 75, 100] {
        let x = track_x + track_w * f32::from(tick) / 100.0;
        flow.push(Item::Rect {
            x,
            y: top - 2.0,
            w: 0.4,
            h: axis - top,
            fill: Colour::LINE,
        });
        let label = tick.to_string();
        let lx = x - SMALL.width(&label) / 2.0;
        flow.text(lx, axis + 8.0, SMALL, Colour::MUTED, label);
    }
    flow.advance(height);
}

/// The trend chart's height in points.
pub const TREND_HEIGHT: f32 = 180.0;

/// Lines of the overall score (thick) and each pillar over the last scans, with a legend.
pub fn trend(flow: &mut Flow, points: &[TrendPoint]) {
    let plot_h = TREND_HEIGHT - 30.0;
    let height = TREND_HEIGHT;
    flow.ensure(height);
    let (left, top) = (flow.left() + 24.0, flow.y() + 4.0);
    let plot_w = flow.width() - 24.0 - 150.0;
    let step = plot_w / (points.len().saturating_sub(1).max(1)) as f32;
    for tick in [0u8, 25, 50, 75, 100] {
        let y = top + plot_h * (1.0 - f32::from(tick) / 100.0);
        flow.push(Item::Rect {
            x: left,
            y,
            w: plot_w,
            h: 0.4,
            fill: Colour::LINE,
        });
        let label = tick.to_string();
        flow.text(
            left - 4.0 - SMALL.width(&label),
            y + 3.0,
            SMALL,
            Colour::MUTED,
            label,
        );
    }
    for (i, t) in points.iter().enumerate() {
        let date = point_label(points, t);
        let x = left + step * i as f32 - SMALL.width(&date) / 2.0;
        flow.text(x, top + plot_h + 12.0, SMALL, Colour::MUTED, date);
    }
    let lines =
        std::iter::once((None, "Overall")).chain(Pillar::ALL.iter().map(|p| (Some(*p), p.title())));
    for (n, (pillar, title)) in lines.enumerate() {
        let (r, g, b) = SERIES_COLOURS[n];
        let colour = Colour(r, g, b);
        let line = series(points, pillar)
            .iter()
            .enumerate()
            .map(|(i, v)| {
                (
                    left + step * i as f32,
                    top + plot_h * (1.0 - f32::from(*v) / 100.0),
                )
            })
            .collect();
        let width = if pillar.is_none() { 2.2 } else { 0.9 };
        flow.push(Item::Polyline {
            points: line,
            width,
            colour,
        });
        let ly = top + 12.0 * n as f32 + 6.0;
        flow.push(Item::Rect {
            x: left + plot_w + 14.0,
            y: ly - 3.0,
            w: 10.0,
            h: 3.0,
            fill: colour,
        });
        flow.text(left + plot_w + 28.0, ly + 1.0, SMALL, Colour::INK, title);
    }
    flow.advance(height);
}
