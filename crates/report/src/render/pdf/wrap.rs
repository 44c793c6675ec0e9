//! Breaking text into lines that fit a width: at spaces where it can, inside a word (an ARN, a
//! sentence in Japanese) where it must.

use crate::render::fonts::{self, Style};

/// The font a run of text is set in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    pub style: Style,
    pub size: f32,
}

impl Font {
    pub const fn regular(size: f32) -> Font {
        Font {
            style: Style::Regular,
            size,
        }
    }

    pub const fn bold(size: f32) -> Font {
        Font {
            style: Style::Bold,
            size,
        }
    }

    /// Baseline-to-baseline distance.
    pub fn line_height(self) -> f32 {
        self.size * 1.3
    }

    pub fn width(self, text: &str) -> f32 {
        fonts::width(text, self.style, self.size)
    }
}

/// `text` in lines no wider than `width`; newlines in the text are kept.
pub fn wrap(text: &str, width: f32, font: Font) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, width, font, &mut lines);
    }
    lines
}

fn wrap_paragraph(text: &str, width: f32, font: Font, lines: &mut Vec<String>) {
    let space = font.width(" ");
    let mut line = String::new();
    let mut line_width = 0.0;
    for word in text.split_whitespace() {
        let w = font.width(word);
        if !line.is_empty() && line_width + space + w <= width {
            line.push(' ');
            line.push_str(word);
            line_width += space + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if w <= width {
            line.push_str(word);
            line_width = w;
        } else {
            line_width = break_word(word, width, font, lines, &mut line);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
}

/// Splits a word wider than the line, after a `-`, `/`, `:`, `_` or `.` where one is on the
/// line, else between characters; the last piece stays in `line` and its width is returned.
fn break_word(
    word: &str,
    width: f32,
    font: Font,
    lines: &mut Vec<String>,
    line: &mut String,
) -> f32 {
    for c in word.chars() {
        let w = fonts::char_width(c, font.style, font.size);
        if font.width(line) + w > width && !line.is_empty() {
            let cut = line
                .char_indices()
                .filter(|(_, c)| matches!(c, '-' | '/' | ':' | '_' | '.'))
                .map(|(i, c)| i + c.len_utf8())
                .rfind(|&i| i < line.len());
            let rest = cut.map(|i| line.split_off(i)).unwrap_or_default();
            lines.push(std::mem::replace(line, rest));
        }
        line.push(c);
    }
    font.width(line)
}

/// The longest prefix of `line` that fits `width` with an ellipsis after it.
pub fn ellipsize(line: &str, width: f32, font: Font) -> String {
    let mut out = String::new();
    let budget = width - font.width("…");
    let mut used = 0.0;
    for c in line.chars() {
        let w = fonts::char_width(c, font.style, font.size);
        if used + w > budget {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: Font = Font::regular(10.0);

    #[test]
    fn words_stay_whole_when_they_fit() {
        let lines = wrap("the quick brown fox jumps over the lazy dog", 80.0, BODY);
        assert!(lines.len() > 2, "{lines:?}");
        for line in &lines {
            assert!(BODY.width(line) <= 80.0, "{line}");
        }
        assert_eq!(
            lines.join(" "),
            "the quick brown fox jumps over the lazy dog"
        );
    }

    #[test]
    fn an_arn_longer_than_the_column_is_broken_inside() {
        let arn = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0";
        let lines = wrap(arn, 60.0, BODY);
        assert!(lines.len() > 2, "{lines:?}");
        assert_eq!(
            lines[0], "arn:aws:",
            "breaks after punctuation where it can"
        );
        assert_eq!(lines.concat(), arn);
        assert!(lines.iter().all(|l| BODY.width(l) <= 60.0));
    }

    #[test]
    fn japanese_without_spaces_wraps_by_character() {
        let text = "本番環境のウェブサーバーは公開されています";
        let lines = wrap(text, 50.0, BODY);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), text);
    }

    #[test]
    fn newlines_and_empty_text_keep_their_lines() {
        assert_eq!(wrap("a\nb", 100.0, BODY), vec!["a", "b"]);
        assert_eq!(wrap("", 100.0, BODY), vec![""]);
    }

    #[test]
    fn an_ellipsis_fits_the_width() {
        let name = wrap("orders-api-prod-6-cpu-high", 70.0, BODY);
        assert_eq!(name.concat(), "orders-api-prod-6-cpu-high");
        assert!(name.len() > 1 && name[0].ends_with('-'), "{name:?}");
        let cut = ellipsize("a rather long line of text", 50.0, BODY);
        assert!(cut.ends_with('…'));
        assert!(BODY.width(&cut) <= 50.0);
    }
}
