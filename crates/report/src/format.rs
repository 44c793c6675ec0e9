use std::fmt;
use std::str::FromStr;

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Pdf,
    Xlsx,
    Html,
    Json,
    /// Every finding as an OCSF Detection Finding (`findings.ocsf.json`).
    Ocsf,
}

/// An unknown format name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown report format `{0}`; formats are pdf, xlsx, html, json, ocsf")]
pub struct FormatError(String);

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Pdf,
        Format::Xlsx,
        Format::Html,
        Format::Json,
        Format::Ocsf,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
            Format::Json => "json",
            Format::Ocsf => "ocsf",
        }
    }

    /// Whether an organisation rollup has this format: OCSF records findings, which stay in
    /// each account's own reports.
    pub fn has_rollup(self) -> bool {
        self != Format::Ocsf
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Format {
    type Err = FormatError;

    fn from_str(s: &str) -> Result<Format, FormatError> {
        let s = s.trim();
        Format::ALL
            .into_iter()
            .find(|f| f.id().eq_ignore_ascii_case(s))
            .ok_or_else(|| FormatError(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_parses_by_its_id_and_only_ocsf_has_no_rollup() {
        for format in Format::ALL {
            assert_eq!(format.id().to_uppercase().parse::<Format>(), Ok(format));
            assert_eq!(format.has_rollup(), format != Format::Ocsf);
        }
        let unknown = "docx".parse::<Format>().expect_err("unknown");
        assert!(unknown.to_string().contains("pdf, xlsx, html, json, ocsf"));
    }
}
