//! Everything wellscan prints goes through here. Account data (names, tags, errors that quote
//! them) and model text reach the terminal without the control characters that could move the
//! cursor, recolour the screen or reorder a line, and a closed pipe (`wellscan diff | head`)
//! ends the output quietly instead of panicking.

use std::borrow::Cow;
use std::io::Write;

/// `text` without control characters (newlines and tabs kept) or the invisible marks that
/// reorder right-to-left text.
pub fn clean(text: &str) -> Cow<'_, str> {
    let unwanted = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
    };
    if text.chars().any(unwanted) {
        text.chars()
            .filter(|c| !unwanted(*c))
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}

/// Writes `text` to stdout, cleaned; a closed pipe is not an error worth a panic.
pub fn out(text: &str) {
    let _ = std::io::stdout().lock().write_all(clean(text).as_bytes());
}

/// Writes `text` to stderr, cleaned.
pub fn err(text: &str) {
    let _ = std::io::stderr().lock().write_all(clean(text).as_bytes());
}

/// `println!` through [`out`].
macro_rules! say {
    () => { $crate::term::out("\n") };
    ($($arg:tt)*) => { $crate::term::out(&format!("{}\n", format_args!($($arg)*))) };
}

/// `print!` through [`out`].
macro_rules! say_part {
    ($($arg:tt)*) => { $crate::term::out(&format!($($arg)*)) };
}

/// `eprintln!` through [`err`].
macro_rules! warn_line {
    ($($arg:tt)*) => { $crate::term::err(&format!("{}\n", format_args!($($arg)*))) };
}

pub(crate) use {say, say_part, warn_line};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_reordering_characters_are_removed() {
        assert_eq!(clean("red\u{1b}[31m alarm\u{7}\u{0}"), "red[31m alarm");
        assert_eq!(clean("abc \u{202e}txt.exe"), "abc txt.exe");
        assert_eq!(clean("請求バッチ 🔥\n\tok"), "請求バッチ 🔥\n\tok");
    }
}
