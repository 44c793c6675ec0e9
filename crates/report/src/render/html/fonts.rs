//! The fonts a page carries so every script its names use renders without system fonts: the
//! characters outside ASCII, cut out of the bundled faces and inlined as data URLs (the page's
//! Content-Security-Policy allows fonts from `data:` only). The CJK face comes first in every
//! font list: on Linux `system-ui` claims CJK characters it draws as boxes, and the face holds
//! only the page's CJK glyphs, so nothing else changes. The text face (what DejaVu has beyond
//! ASCII) comes after the system fonts, before the generic fallback.

use std::collections::BTreeSet;
use std::fmt::Write;

use base64::Engine;

use crate::render::fonts::{Face, has_glyph, web_subset};

/// The family every font list starts with.
pub const CJK_FAMILY: &str = r#""wellscan cjk""#;
/// The family every font list names before its generic fallback.
pub const TEXT_FAMILY: &str = r#""wellscan text""#;

/// `@font-face` rules for the characters of `text` that need them; empty for plain ASCII. A
/// face that cannot be cut is left out (the page then relies on the reader's fonts).
pub fn font_faces(text: &str) -> String {
    let mut latin = BTreeSet::new();
    let mut cjk = BTreeSet::new();
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if has_glyph(Face::Regular, c) {
            latin.insert(c);
        } else if has_glyph(Face::Fallback, c) {
            cjk.insert(c);
        }
    }
    let mut css = String::new();
    for (family, face, chars) in [
        ("wellscan text", Face::Regular, &latin),
        ("wellscan cjk", Face::Fallback, &cjk),
    ] {
        if chars.is_empty() {
            continue;
        }
        match web_subset(face, chars) {
            Ok(bytes) => {
                let data = base64::engine::general_purpose::STANDARD.encode(bytes);
                let _ = writeln!(
                    css,
                    "@font-face {{ font-family:\"{family}\"; src:url(data:font/ttf;base64,{data}) format(\"truetype\"); }}"
                );
            }
            Err(e) => tracing::warn!(error = %e, "the page carries no {family} font"),
        }
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_the_page_uses_is_carried() {
        assert_eq!(font_faces("plain ascii"), "");
        let css = font_faces("高負荷アラーム Ж");
        assert!(css.contains("font-family:\"wellscan cjk\""), "{css}");
        assert!(css.contains("font-family:\"wellscan text\""), "{css}");
        assert!(css.len() < 40_000, "{} bytes", css.len());
    }
}
