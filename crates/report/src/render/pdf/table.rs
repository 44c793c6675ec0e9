//! Tables that paginate by whole rows: a row that does not fit goes to the next page under a
//! repeated header; a row taller than a page is cut with an ellipsis rather than split.

use super::canvas::{Colour, Item};
use super::flow::Flow;
use super::wrap::{Font, ellipsize, wrap};

const PAD: f32 = 3.0;
pub const CELL: Font = Font::regular(8.0);
const HEAD: Font = Font::bold(8.0);

/// A column: its title, share of the table's width, and alignment.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub title: &'static str,
    pub share: f32,
    pub right: bool,
}

impl Column {
    pub const fn left(title: &'static str, share: f32) -> Column {
        Column {
            title,
            share,
            right: false,
        }
    }

    pub const fn right(title: &'static str, share: f32) -> Column {
        Column {
            title,
            share,
            right: true,
        }
    }
}

/// One piece of text in a cell, on lines of its own.
#[derive(Debug, Clone)]
pub struct Span {
    pub text: String,
    pub font: Font,
    pub colour: Colour,
}

/// A cell: spans stacked top to bottom, optionally a link over the whole cell.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub spans: Vec<Span>,
    pub link: Option<String>,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::default().then(text, CELL, Colour::INK)
    }

    pub fn then(mut self, text: impl Into<String>, font: Font, colour: Colour) -> Cell {
        let text = text.into();
        if !text.is_empty() {
            self.spans.push(Span { text, font, colour });
        }
        self
    }

    pub fn link(mut self, url: Option<String>) -> Cell {
        self.link = url;
        self
    }
}

/// A row's cells as wrapped lines, with its height.
struct Laid {
    cells: Vec<Vec<(String, Font, Colour)>>,
    height: f32,
}

/// Draws `rows` under a header of `columns`.
pub fn table(flow: &mut Flow, columns: &[Column], rows: Vec<Vec<Cell>>) {
    let total: f32 = columns.iter().map(|c| c.share).sum();
    let widths: Vec<f32> = columns
        .iter()
        .map(|c| flow.width() * c.share / total)
        .collect();
    let header = header_row(columns);
    let header = lay(&header, &widths, flow.page_room());
    flow.ensure(header.height * 3.0);
    draw(flow, &header, &widths, columns, &[], true);
    for row in rows {
        let laid = lay(&row, &widths, flow.page_room() - header.height);
        if laid.height > flow.room() {
            flow.new_page();
            draw(flow, &header, &widths, columns, &[], true);
        }
        draw(flow, &laid, &widths, columns, &row, false);
    }
    flow.advance(8.0);
}

fn header_row(columns: &[Column]) -> Vec<Cell> {
    columns
        .iter()
        .map(|c| Cell::default().then(c.title, HEAD, Colour::INK))
        .collect()
}

/// Wraps every cell; cuts the row to `max_height` if it would be taller.
fn lay(row: &[Cell], widths: &[f32], max_height: f32) -> Laid {
    let mut cells = Vec::with_capacity(row.len());
    let mut height: f32 = 0.0;
    for (cell, width) in row.iter().zip(widths) {
        let inner = width - 2.0 * PAD;
        let mut lines = Vec::new();
        let mut h = 2.0 * PAD;
        'spans: for span in &cell.spans {
            for line in wrap(&span.text, inner, span.font) {
                let lh = span.font.line_height();
                if h + lh > max_height {
                    if let Some(last) = lines.last_mut() {
                        let (text, font, _): &mut (String, Font, Colour) = last;
                        *text = ellipsize(text, inner, *font);
                    }
                    break 'spans;
                }
                h += lh;
                lines.push((line, span.font, span.colour));
            }
        }
        height = height.max(h);
        cells.push(lines);
    }
    Laid { cells, height }
}

fn draw(
    flow: &mut Flow,
    laid: &Laid,
    widths: &[f32],
    columns: &[Column],
    row: &[Cell],
    head: bool,
) {
    let top = flow.y();
    let (left, width) = (flow.left(), flow.width());
    if head {
        flow.push(Item::Rect {
            x: left,
            y: top,
            w: width,
            h: laid.height,
            fill: Colour::SHADE,
        });
    }
    let mut x = left;
    for (i, lines) in laid.cells.iter().enumerate() {
        let mut y = top + PAD;
        for (text, font, colour) in lines {
            let tx = if columns[i].right {
                x + widths[i] - PAD - font.width(text)
            } else {
                x + PAD
            };
            flow.text(tx, y + font.size, *font, *colour, text.clone());
            y += font.line_height();
        }
        if let Some(url) = row.get(i).and_then(|c| c.link.clone()) {
            flow.push(Item::Link {
                x,
                y: top,
                w: widths[i],
                h: laid.height,
                url,
            });
        }
        x += widths[i];
    }
    flow.push(Item::Rect {
        x: left,
        y: top + laid.height - 0.5,
        w: width,
        h: 0.5,
        fill: Colour::LINE,
    });
    flow.advance(laid.height);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::pdf::canvas::Size;

    const A4: Size = Size {
        width: 595.0,
        height: 842.0,
    };

    fn texts(items: &[Item]) -> Vec<(f32, String)> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Text { y, text, .. } => Some((*y, text.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn rows_are_never_split_and_the_header_repeats() {
        let mut flow = Flow::new(A4);
        let columns = [Column::left("Name", 1.0), Column::right("Count", 0.3)];
        let rows = (0..300)
            .map(|i| {
                vec![
                    Cell::text(format!("row {i} first line\nrow {i} second line")),
                    Cell::text(i.to_string()),
                ]
            })
            .collect();
        table(&mut flow, &columns, rows);
        let canvas = flow.finish("h");
        assert!(canvas.pages.len() > 3);
        for page in &canvas.pages {
            let texts = texts(page);
            assert_eq!(texts.iter().filter(|t| t.1 == "Name").count(), 1);
            // Both lines of every row sit on the same page.
            for (_, t) in texts.iter().filter(|t| t.1.ends_with("first line")) {
                let second = t.replace("first", "second");
                assert!(texts.iter().any(|x| x.1 == second), "{t} split");
            }
        }
    }

    #[test]
    fn a_row_taller_than_a_page_is_cut_with_an_ellipsis() {
        let mut flow = Flow::new(A4);
        let huge = "word ".repeat(20_000);
        table(
            &mut flow,
            &[Column::left("Evidence", 1.0)],
            vec![vec![Cell::text(huge)], vec![Cell::text("next")]],
        );
        let canvas = flow.finish("h");
        let all: Vec<String> = canvas
            .pages
            .iter()
            .flat_map(|p| texts(p))
            .map(|t| t.1)
            .collect();
        assert!(all.iter().any(|t| t.ends_with('…')));
        assert!(all.iter().any(|t| t == "next"));
        assert!(canvas.pages.len() <= 3);
    }
}
