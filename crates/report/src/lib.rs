//! wellscan's reports: one renderer per format, one publisher per destination.
//!
//! [`render`] turns an [`Assessment`] (and the [`Inventory`] behind it, for the appendix) into
//! a [`Rendered`] file; a [`Publisher`] puts rendered files somewhere people can open them.
//! Renderers are pure; only publishers do I/O.

mod console;
mod format;
mod paper;
mod publish;
mod render;

pub use format::{Format, FormatError};
pub use paper::{Paper, PaperError, RenderOptions};
pub use publish::{
    LocalDir, MAX_LINK_EXPIRY, PublishError, Published, Publisher, S3Destination, S3Publisher,
    write_private_file,
};
pub use render::history::compared as compared_line;

use wellscan_model::{Assessment, Inventory, OrgRollup};

/// One rendered file, ready to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The file name, e.g. `report.html`.
    pub file_name: String,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// Why a report could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("could not encode JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("could not build the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("could not build the PDF: {0}")]
    Pdf(#[from] render::pdf::SubsetError),
    #[error("an organisation rollup has no {0} report; each account's is beside its other reports")]
    NoRollup(Format),
}

/// Renders one format.
pub fn render(
    format: Format,
    assessment: &Assessment,
    inventory: &Inventory,
    options: &RenderOptions,
) -> Result<Rendered, RenderError> {
    match format {
        Format::Json => render::json::assessment(assessment),
        Format::Html => Ok(render::html::report(assessment, inventory)),
        Format::Xlsx => Ok(render::xlsx::report(assessment, inventory)?),
        Format::Pdf => Ok(render::pdf::report(assessment, inventory, options.paper)?),
        Format::Ocsf => render::ocsf::findings(assessment),
    }
}

/// Renders one format of an organisation rollup (`assessment-org.json`, `report-org.*`).
pub fn render_rollup(
    format: Format,
    rollup: &OrgRollup,
    options: &RenderOptions,
) -> Result<Rendered, RenderError> {
    match format {
        Format::Json => render::json::rollup(rollup),
        Format::Html => Ok(render::html::rollup(rollup)),
        Format::Xlsx => Ok(render::xlsx::rollup(rollup)?),
        Format::Pdf => Ok(render::pdf::rollup(rollup, options.paper)?),
        Format::Ocsf => Err(RenderError::NoRollup(format)),
    }
}

/// The inventory as `inventory.json`, so a scan can be replayed with `--inventory`.
pub fn render_inventory(inventory: &Inventory) -> Result<Rendered, RenderError> {
    render::json::inventory(inventory)
}
