//! What Excel can hold, enforced in one place: every string written to a cell is cut to
//! 32,767 characters with control characters removed, a row past the sheet's last is left
//! out, and a link longer than 2,079 characters is not made (the cell keeps its text).

use rust_xlsxwriter::{Format, Url, Worksheet, XlsxError};

/// Characters a cell holds.
pub const CELL_TEXT_MAX: usize = 32_767;
/// Characters a hyperlink may have.
pub const URL_MAX: usize = 2_079;
/// The last row index of a sheet (1,048,576 rows).
pub const ROW_MAX: u32 = 1_048_575;
/// Items a sheet can list below its header row.
pub const ROWS: usize = ROW_MAX as usize;

/// Writing to a worksheet within Excel's limits.
pub trait Cells {
    fn put(&mut self, row: u32, col: u16, value: &str) -> Result<(), XlsxError>;
    fn put_with_format(
        &mut self,
        row: u32,
        col: u16,
        value: &str,
        format: &Format,
    ) -> Result<(), XlsxError>;
    /// A link with `text` shown; left out when the address is longer than a link may be.
    fn put_link(
        &mut self,
        row: u32,
        col: u16,
        url: &str,
        text: &str,
        format: &Format,
    ) -> Result<(), XlsxError>;
}

impl Cells for Worksheet {
    fn put(&mut self, row: u32, col: u16, value: &str) -> Result<(), XlsxError> {
        if row > ROW_MAX {
            return Ok(());
        }
        self.write_string(row, col, clean(value))?;
        Ok(())
    }

    fn put_with_format(
        &mut self,
        row: u32,
        col: u16,
        value: &str,
        format: &Format,
    ) -> Result<(), XlsxError> {
        if row > ROW_MAX {
            return Ok(());
        }
        self.write_string_with_format(row, col, clean(value), format)?;
        Ok(())
    }

    fn put_link(
        &mut self,
        row: u32,
        col: u16,
        url: &str,
        text: &str,
        format: &Format,
    ) -> Result<(), XlsxError> {
        if row > ROW_MAX || url.chars().count() > URL_MAX || url.chars().any(char::is_control) {
            return Ok(());
        }
        self.write_url_with_format(row, col, Url::new(url).set_text(clean(text)), format)?;
        Ok(())
    }
}

/// `value` without control characters (tabs and newlines kept), cut to what a cell holds.
/// Excel counts UTF-16 units, so an emoji takes two.
pub fn clean(value: &str) -> String {
    let mut units = 0;
    value
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n'))
        .take_while(|c| {
            units += c.len_utf16();
            units <= CELL_TEXT_MAX
        })
        .collect()
}

/// A row index for item `i` below `first`, saturating at the sheet's end.
pub fn row(first: u32, i: usize) -> u32 {
    first.saturating_add(u32::try_from(i).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_keeps_at_most_what_excel_holds_and_no_control_characters() {
        let long = "請".repeat(40_000);
        assert_eq!(clean(&long).chars().count(), CELL_TEXT_MAX);
        let emoji = "🔥".repeat(20_000);
        assert_eq!(clean(&emoji).encode_utf16().count(), CELL_TEXT_MAX - 1);
        assert_eq!(clean("a\u{0}b\u{1b}[31mc\nd"), "ab[31mc\nd");
    }

    #[test]
    fn links_too_long_for_excel_are_left_out_and_rows_past_the_end_are_skipped() {
        let mut sheet = Worksheet::new();
        let f = Format::new();
        let long = format!("https://console.aws.amazon.com/{}", "a/".repeat(1_100));
        sheet.put_link(0, 0, &long, "open", &f).unwrap();
        sheet.put(ROW_MAX + 1, 0, "past the end").unwrap();
        sheet.put(ROW_MAX, 0, "last row").unwrap();
    }
}
