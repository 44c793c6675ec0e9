//! The reports' fonts: DejaVu Sans (regular and bold) for Latin, Greek and Cyrillic, and Droid
//! Sans Fallback for Chinese, Japanese and Korean. All three ship inside the binary; each
//! document (the PDF, and the HTML page for what its readers' systems may lack) embeds only the
//! glyphs it uses.
//!
//! Every character is drawn with the first face that has a glyph for it, so a resource named
//! `本番-web` is set in DejaVu for `-web` and in the fallback for `本番`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile};
use printpdf::ParsedFont;

const REGULAR: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");
const FALLBACK: &[u8] = include_bytes!("../../fonts/DroidSansFallbackFull.ttf");

/// The weight text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Regular,
    Bold,
}

/// One embedded font face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Face {
    Regular,
    Bold,
    Fallback,
}

impl Face {
    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR,
            Face::Bold => BOLD,
            Face::Fallback => FALLBACK,
        }
    }
}

/// Glyph coverage and advance widths of one face, in 1/1000 em.
struct Metrics {
    glyphs: BTreeMap<char, (u16, f32)>,
}

impl Metrics {
    fn parse(face: Face) -> Metrics {
        let mut warnings = Vec::new();
        let mut glyphs = BTreeMap::new();
        // The faces are compiled in and known to parse; an empty table would only make every
        // character fall through to the next face.
        if let Some(font) = ParsedFont::from_bytes(face.bytes(), 0, &mut warnings) {
            let per_em = f32::from(font.units_per_em.max(1));
            for (&cp, &gid) in &font.codepoint_to_glyph {
                if let Some(c) = char::from_u32(cp) {
                    let width = f32::from(font.get_glyph_width(gid).unwrap_or(0)) * 1000.0 / per_em;
                    glyphs.insert(c, (gid, width));
                }
            }
        }
        Metrics { glyphs }
    }
}

fn metrics(face: Face) -> &'static Metrics {
    static CELLS: [OnceLock<Metrics>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let index = match face {
        Face::Regular => 0,
        Face::Bold => 1,
        Face::Fallback => 2,
    };
    CELLS[index].get_or_init(|| Metrics::parse(face))
}

/// The face a character is drawn with in a given style.
pub fn face_for(c: char, style: Style) -> Face {
    let primary = match style {
        Style::Regular => Face::Regular,
        Style::Bold => Face::Bold,
    };
    if metrics(primary).glyphs.contains_key(&c) || !metrics(Face::Fallback).glyphs.contains_key(&c)
    {
        primary
    } else {
        Face::Fallback
    }
}

/// The advance of one character in points.
pub fn char_width(c: char, style: Style, size: f32) -> f32 {
    let face = face_for(c, style);
    let advance = metrics(face).glyphs.get(&c).map_or(600.0, |g| g.1);
    advance * size / 1000.0
}

/// The width of `text` in points.
pub fn width(text: &str, style: Style, size: f32) -> f32 {
    text.chars().map(|c| char_width(c, style, size)).sum()
}

/// `text` cut into runs that share a face.
pub fn runs(text: &str, style: Style) -> Vec<(Face, String)> {
    let mut out: Vec<(Face, String)> = Vec::new();
    for c in text.chars() {
        let face = face_for(c, style);
        match out.last_mut() {
            Some((f, run)) if *f == face => run.push(c),
            _ => out.push((face, c.to_string())),
        }
    }
    out
}

/// Why a face could not be cut down to the glyphs a document uses.
#[derive(Debug, thiserror::Error)]
#[error("could not subset the {face:?} font: {reason}")]
pub struct SubsetError {
    face: Face,
    reason: String,
}

/// True when `face` has a glyph for `c`.
pub fn has_glyph(face: Face, c: char) -> bool {
    metrics(face).glyphs.contains_key(&c)
}

/// `face` cut down to the glyphs of `chars`, parsed for printpdf.
pub fn subset(face: Face, chars: &BTreeSet<char>) -> Result<ParsedFont, SubsetError> {
    let bytes = subset_bytes(face, chars, SubsetProfile::Pdf)?;
    ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).ok_or_else(|| SubsetError {
        face,
        reason: "the subset could not be read back".into(),
    })
}

/// `face` cut down to the glyphs of `chars` as a complete OpenType file, for a web page.
pub fn web_subset(face: Face, chars: &BTreeSet<char>) -> Result<Vec<u8>, SubsetError> {
    subset_bytes(face, chars, SubsetProfile::Minimal)
}

fn subset_bytes(
    face: Face,
    chars: &BTreeSet<char>,
    profile: SubsetProfile,
) -> Result<Vec<u8>, SubsetError> {
    let fail = |reason: String| SubsetError { face, reason };
    let table = &metrics(face).glyphs;
    let mut ids: Vec<u16> = std::iter::once(0)
        .chain(chars.iter().filter_map(|c| table.get(c).map(|g| g.0)))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let data = ReadScope::new(face.bytes())
        .read::<FontData<'_>>()
        .map_err(|e| fail(e.to_string()))?;
    let provider = data.table_provider(0).map_err(|e| fail(e.to_string()))?;
    allsorts::subset::subset(&provider, &ids, &profile, CmapTarget::Unicode)
        .map_err(|e| fail(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_falls_back_and_latin_does_not() {
        assert_eq!(face_for('本', Style::Regular), Face::Fallback);
        assert_eq!(face_for('a', Style::Bold), Face::Bold);
        assert_eq!(face_for('Ж', Style::Regular), Face::Regular);
        let parts = runs("本番-web", Style::Regular);
        assert_eq!(
            parts,
            vec![
                (Face::Fallback, "本番".to_string()),
                (Face::Regular, "-web".to_string())
            ]
        );
    }

    #[test]
    fn widths_grow_with_size_and_text() {
        let w = width("wellscan", Style::Regular, 10.0);
        assert!(w > 30.0 && w < 60.0, "{w}");
        assert!(width("wellscan", Style::Bold, 10.0) > w);
        assert!((width("wellscan", Style::Regular, 20.0) - 2.0 * w).abs() < 0.01);
    }

    #[test]
    fn a_subset_keeps_the_characters_it_was_given() {
        let chars: BTreeSet<char> = "本番環境".chars().collect();
        let font = subset(Face::Fallback, &chars).expect("subset");
        for c in &chars {
            assert!(font.lookup_glyph_index(u32::from(*c)).is_some(), "{c}");
        }
        assert!(font.lookup_glyph_index(u32::from('猫')).is_none());
        assert!(font.original_bytes.len() < 50_000);
    }
}
