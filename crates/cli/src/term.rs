//! Everything wellscan prints goes through here. Account data (names, tags, errors that quote
//! them) and model text reach the terminal without the control characters that could move the
//! cursor, recolour the screen or reorder a line, and a closed pipe (`wellscan diff | head`)
//! ends the output quietly instead of panicking.

use std::borrow::Cow;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// `--quiet`: nothing but errors reaches the terminal.
static QUIET: AtomicBool = AtomicBool::new(false);

/// From now on, warnings and notes are not printed; errors still are.
pub fn set_quiet() {
    QUIET.store(true, Ordering::Relaxed);
}

/// Writes a warning or note to stderr, cleaned, unless `--quiet` asked for errors only.
pub fn note(text: &str) {
    if !QUIET.load(Ordering::Relaxed) {
        err(text);
    }
}

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

/// A warning or note on stderr, through [`note`]: silent under `--quiet`.
macro_rules! warn_line {
    ($($arg:tt)*) => { $crate::term::note(&format!("{}\n", format_args!($($arg)*))) };
}

/// An error on stderr, through [`err`]: printed even under `--quiet`.
macro_rules! error_line {
    ($($arg:tt)*) => { $crate::term::err(&format!("{}\n", format_args!($($arg)*))) };
}

pub(crate) use {error_line, say, say_part, warn_line};

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
