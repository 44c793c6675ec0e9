//! Flowing content down pages: headings that keep with what follows, wrapped paragraphs and
//! lists, blocks that never straddle a page break, and the running header and page numbers.

use super::canvas::{Canvas, Colour, Item, Size};
use super::wrap::{Font, wrap};
use crate::render::fonts::Style;

pub const MARGIN: f32 = 48.0;
const HEADER: f32 = 22.0;
const FOOTER: f32 = 22.0;
pub const BODY: Font = Font::regular(9.5);
pub const SMALL: Font = Font::regular(8.0);

/// A document being laid out.
pub struct Flow {
    size: Size,
    canvas: Canvas,
    /// Top of the free space on the current page.
    y: f32,
}

impl Flow {
    pub fn new(size: Size) -> Flow {
        let mut flow = Flow {
            size,
            canvas: Canvas::default(),
            y: 0.0,
        };
        flow.new_page();
        flow
    }

    pub fn width(&self) -> f32 {
        self.size.width - 2.0 * MARGIN
    }

    pub fn left(&self) -> f32 {
        MARGIN
    }

    pub fn y(&self) -> f32 {
        self.y
    }

    fn top(&self) -> f32 {
        MARGIN + HEADER
    }

    fn bottom(&self) -> f32 {
        self.size.height - MARGIN - FOOTER
    }

    /// The height a block may have at most: a whole page.
    pub fn page_room(&self) -> f32 {
        self.bottom() - self.top()
    }

    pub fn room(&self) -> f32 {
        self.bottom() - self.y
    }

    pub fn new_page(&mut self) {
        self.canvas.pages.push(Vec::new());
        self.y = self.top();
    }

    fn at_page_top(&self) -> bool {
        self.y <= self.top()
    }

    /// Starts a new page unless `height` fits below the cursor (or the page is still empty).
    pub fn ensure(&mut self, height: f32) {
        if height > self.room() && !self.at_page_top() {
            self.new_page();
        }
    }

    pub fn push(&mut self, item: Item) {
        if let Some(page) = self.canvas.pages.last_mut() {
            page.push(item);
        }
    }

    pub fn advance(&mut self, height: f32) {
        self.y += height;
    }

    /// Text at an absolute position on the current page, baseline at `y`.
    pub fn text(&mut self, x: f32, y: f32, font: Font, colour: Colour, text: impl Into<String>) {
        self.push(Item::Text {
            x,
            y,
            size: font.size,
            style: font.style,
            colour,
            text: text.into(),
        });
    }

    /// A section: starts a page if less than a few lines would fit under it, and enters the
    /// document outline.
    pub fn section(&mut self, title: &str) {
        let font = Font::bold(15.0);
        self.ensure(font.line_height() + 6.0 * BODY.line_height());
        if !self.at_page_top() {
            self.advance(10.0);
        }
        let page = self.canvas.pages.len() - 1;
        self.canvas.outline.push((title.to_string(), page));
        self.lines(title, font, Colour::INK);
        let (x, y, w) = (self.left(), self.y, self.width());
        self.push(Item::Rect {
            x,
            y: y + 1.0,
            w,
            h: 1.2,
            fill: Colour::LINE,
        });
        self.advance(8.0);
    }

    /// A heading inside a section, kept with the next lines.
    pub fn subheading(&mut self, title: &str) {
        let font = Font::bold(11.0);
        self.ensure(font.line_height() + 3.0 * BODY.line_height());
        self.advance(4.0);
        self.lines(title, font, Colour::INK);
        self.advance(2.0);
    }

    /// A wrapped paragraph.
    pub fn paragraph(&mut self, text: &str, font: Font, colour: Colour) {
        self.lines(text, font, colour);
        self.advance(font.size * 0.5);
    }

    /// Wrapped lines across the full width, breaking pages between lines.
    fn lines(&mut self, text: &str, font: Font, colour: Colour) {
        let x = self.left();
        for line in wrap(text, self.width(), font) {
            self.ensure(font.line_height());
            let baseline = self.y + font.size;
            self.text(x, baseline, font, colour, line);
            self.advance(font.line_height());
        }
    }

    /// A bulleted (or numbered) list.
    pub fn list(&mut self, items: &[String], numbered: bool) {
        let indent = 16.0;
        for (i, item) in items.iter().enumerate() {
            let marker = if numbered {
                format!("{}.", i + 1)
            } else {
                "•".to_string()
            };
            let lines = wrap(item, self.width() - indent, BODY);
            for (n, line) in lines.into_iter().enumerate() {
                self.ensure(BODY.line_height());
                let baseline = self.y + BODY.size;
                if n == 0 {
                    self.text(self.left(), baseline, BODY, Colour::MUTED, marker.clone());
                }
                self.text(self.left() + indent, baseline, BODY, Colour::INK, line);
                self.advance(BODY.line_height());
            }
        }
        self.advance(BODY.size * 0.5);
    }

    /// The laid-out pages, with a running header and page numbers on every page but the cover.
    pub fn finish(mut self, header: &str) -> Canvas {
        let total = self.canvas.pages.len();
        let (width, height) = (self.size.width, self.size.height);
        let right = width - MARGIN;
        for (index, page) in self.canvas.pages.iter_mut().enumerate().skip(1) {
            let number = format!("Page {} of {}", index + 1, total);
            let number_x = right - SMALL.width(&number);
            page.extend([
                Item::Text {
                    x: MARGIN,
                    y: MARGIN,
                    size: SMALL.size,
                    style: Style::Regular,
                    colour: Colour::MUTED,
                    text: header.to_string(),
                },
                Item::Rect {
                    x: MARGIN,
                    y: MARGIN + 5.0,
                    w: right - MARGIN,
                    h: 0.6,
                    fill: Colour::LINE,
                },
                Item::Text {
                    x: number_x,
                    y: height - MARGIN,
                    size: SMALL.size,
                    style: Style::Regular,
                    colour: Colour::MUTED,
                    text: number,
                },
            ]);
        }
        self.canvas
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A4: Size = Size {
        width: 595.0,
        height: 842.0,
    };

    #[test]
    fn long_text_flows_onto_new_pages_with_numbers() {
        let mut flow = Flow::new(A4);
        for i in 0..200 {
            flow.paragraph(&format!("paragraph {i}"), BODY, Colour::INK);
        }
        let canvas = flow.finish("header");
        assert!(canvas.pages.len() > 2);
        let last = canvas.pages.last().expect("pages");
        let total = canvas.pages.len();
        assert!(last.iter().any(
            |i| matches!(i, Item::Text { text, .. } if *text == format!("Page {total} of {total}"))
        ));
        // Nothing is drawn below the footer line.
        for page in &canvas.pages {
            for item in page {
                if let Item::Text { y, .. } = item {
                    assert!(*y <= A4.height - MARGIN + 0.01);
                }
            }
        }
    }

    #[test]
    fn sections_enter_the_outline_on_their_page() {
        let mut flow = Flow::new(A4);
        flow.section("First");
        flow.new_page();
        flow.section("Second");
        let canvas = flow.finish("h");
        assert_eq!(
            canvas.outline,
            vec![("First".to_string(), 0), ("Second".to_string(), 1)]
        );
    }
}
