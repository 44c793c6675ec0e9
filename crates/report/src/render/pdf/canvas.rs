//! Pages as plain drawing items in points from the top-left corner, and the one place that
//! turns them into printpdf operations (bottom-left origin, fonts cut to the glyphs used).

use std::collections::{BTreeMap, BTreeSet};

use printpdf::{
    Actions, BorderArray, Color, FontId, Line, LinePoint, LinkAnnotation, Mm, OffsetDateTime, Op,
    PaintMode, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem,
};

use crate::render::fonts::{self, Face, Style};

/// A colour as 0–255 channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub u8, pub u8, pub u8);

impl Colour {
    /// From `0xRRGGBB`.
    pub const fn rgb(value: u32) -> Colour {
        Colour((value >> 16) as u8, (value >> 8) as u8, value as u8)
    }

    pub const INK: Colour = Colour(0x1d, 0x23, 0x30);
    pub const MUTED: Colour = Colour(0x5b, 0x64, 0x75);
    pub const LINE: Colour = Colour(0xd9, 0xde, 0xe7);
    pub const SHADE: Colour = Colour(0xf1, 0xf3, 0xf6);
    pub const ACCENT: Colour = Colour(0x25, 0x53, 0xa3);
    pub const TRACK: Colour = Colour(0xee, 0xf0, 0xf4);

    fn pdf(self) -> Color {
        Color::Rgb(Rgb {
            r: f32::from(self.0) / 255.0,
            g: f32::from(self.1) / 255.0,
            b: f32::from(self.2) / 255.0,
            icc_profile: None,
        })
    }
}

/// One thing drawn on a page; `y` grows downwards from the top edge.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Text with its baseline at `y`.
    Text {
        x: f32,
        y: f32,
        size: f32,
        style: Style,
        colour: Colour,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Colour,
    },
    /// An open line through `points`.
    Polyline {
        points: Vec<(f32, f32)>,
        width: f32,
        colour: Colour,
    },
    /// A clickable area that opens `url`.
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        url: String,
    },
}

/// The paper's size in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub width: f32,
    pub height: f32,
}

/// A laid-out document.
#[derive(Debug, Default)]
pub struct Canvas {
    pub pages: Vec<Vec<Item>>,
    /// Outline entries: title and 0-based page.
    pub outline: Vec<(String, usize)>,
}

/// Why the document could not be written.
pub type WriteError = fonts::SubsetError;

impl Canvas {
    /// The PDF file.
    /// The PDF file; `created` (seconds since the epoch) dates it.
    pub fn write(&self, title: &str, size: Size, created: i64) -> Result<Vec<u8>, WriteError> {
        let mut doc = PdfDocument::new(title);
        let info = &mut doc.metadata.info;
        info.creator = "wellscan".into();
        info.producer = "wellscan".into();
        if let Ok(date) = OffsetDateTime::from_unix_timestamp(created) {
            info.creation_date = date;
            info.modification_date = date;
            info.metadata_date = date;
        }
        let font_ids = self.embed_fonts(&mut doc)?;
        let pages: Vec<PdfPage> = self
            .pages
            .iter()
            .map(|items| page(items, size, &font_ids))
            .collect();
        doc.with_pages(pages);
        for (title, index) in &self.outline {
            doc.add_bookmark(title, index + 1);
        }
        Ok(doc.save(&PdfSaveOptions::default(), &mut Vec::new()))
    }

    /// Adds each face the pages use, cut down to the characters they use.
    fn embed_fonts(&self, doc: &mut PdfDocument) -> Result<BTreeMap<Face, FontId>, WriteError> {
        let mut used: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
        for item in self.pages.iter().flatten() {
            if let Item::Text { style, text, .. } = item {
                for c in text.chars() {
                    used.entry(fonts::face_for(c, *style))
                        .or_default()
                        .insert(c);
                }
            }
        }
        let mut ids = BTreeMap::new();
        for (face, chars) in used {
            let font = fonts::subset(face, &chars)?;
            ids.insert(face, doc.add_font(&font));
        }
        Ok(ids)
    }
}

fn page(items: &[Item], size: Size, fonts: &BTreeMap<Face, FontId>) -> PdfPage {
    let mut ops = Vec::with_capacity(items.len() * 4);
    for item in items {
        match item {
            Item::Text {
                x,
                y,
                size: pt,
                style,
                colour,
                text,
            } => {
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFillColor { col: colour.pdf() });
                ops.push(Op::SetTextCursor {
                    pos: Point {
                        x: Pt(*x),
                        y: Pt(size.height - y),
                    },
                });
                for (face, run) in fonts::runs(text, *style) {
                    if let Some(id) = fonts.get(&face) {
                        ops.push(Op::SetFont {
                            font: PdfFontHandle::External(id.clone()),
                            size: Pt(*pt),
                        });
                        ops.push(Op::ShowText {
                            items: vec![TextItem::Text(run)],
                        });
                    }
                }
                ops.push(Op::EndTextSection);
            }
            Item::Rect { x, y, w, h, fill } => {
                ops.push(Op::SetFillColor { col: fill.pdf() });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        mode: Some(PaintMode::Fill),
                        ..Rect::from_xywh(Pt(*x), Pt(size.height - y - h), Pt(*w), Pt(*h))
                    },
                });
            }
            Item::Polyline {
                points,
                width,
                colour,
            } => {
                ops.push(Op::SetOutlineColor { col: colour.pdf() });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: points
                            .iter()
                            .map(|(x, y)| LinePoint {
                                p: Point {
                                    x: Pt(*x),
                                    y: Pt(size.height - y),
                                },
                                bezier: false,
                            })
                            .collect(),
                        is_closed: false,
                    },
                });
            }
            Item::Link { x, y, w, h, url } => {
                ops.push(Op::LinkAnnotation {
                    link: LinkAnnotation::new(
                        Rect::from_xywh(Pt(*x), Pt(size.height - y - h), Pt(*w), Pt(*h)),
                        Actions::Uri(url.clone()),
                        Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                        None,
                        None,
                    ),
                });
            }
        }
    }
    PdfPage::new(
        Mm(size.width * 25.4 / 72.0),
        Mm(size.height * 25.4 / 72.0),
        ops,
    )
}
