//! The PDF report for executives: the same contents as the HTML, laid out on A4 or Letter
//! with a cover, a vector chart, a running header, page numbers, tables that break between
//! rows, and a document outline. Fonts travel inside the file, cut to the glyphs used.
//!
//! Start at [`report`]; `sections` holds what is said, `flow`, `table` and `chart` how it is
//! placed, `canvas` and `fonts` how it becomes PDF.

mod canvas;
mod chart;
mod flow;
mod org;
mod sections;
mod table;
mod wrap;

use wellscan_model::{Assessment, Inventory, OrgRollup};

use crate::{Paper, Rendered};
use canvas::Size;
use flow::Flow;

pub use crate::render::fonts::SubsetError;

/// Renders `report.pdf`.
pub fn report(
    a: &Assessment,
    inventory: &Inventory,
    paper: Paper,
) -> Result<Rendered, SubsetError> {
    let (width, height) = paper.points();
    let size = Size { width, height };
    let mut flow = Flow::new(size);
    sections::cover(&mut flow, a);
    flow.new_page();
    sections::executive_summary(&mut flow, a);
    sections::since_last(&mut flow, a);
    sections::plan(&mut flow, a);
    for pillar in &a.pillars {
        sections::pillar(&mut flow, a, pillar);
    }
    sections::savings(&mut flow, a);
    sections::suppressed(&mut flow, a);
    sections::coverage(&mut flow, a);
    sections::inventory(&mut flow, inventory);
    sections::method(&mut flow, a);
    let header = format!(
        "Well-Architected assessment · account {} · {}",
        a.scan.account_id,
        a.scan.finished_at.format("%Y-%m-%d")
    );
    let title = format!(
        "wellscan · {} · {}",
        a.scan.account_id,
        a.scan.finished_at.format("%Y-%m-%d")
    );
    let bytes = flow
        .finish(&header)
        .write(&title, size, a.scan.finished_at.timestamp())?;
    Ok(Rendered {
        file_name: "report.pdf".into(),
        content_type: "application/pdf",
        bytes,
    })
}

/// Renders `report-org.pdf`, the organisation rollup.
pub fn rollup(r: &OrgRollup, paper: Paper) -> Result<Rendered, SubsetError> {
    let (width, height) = paper.points();
    let size = Size { width, height };
    let mut flow = Flow::new(size);
    org::cover(&mut flow, r);
    flow.new_page();
    org::unscanned(&mut flow, r);
    org::accounts(&mut flow, r);
    org::worst(&mut flow, r);
    org::recurring(&mut flow, r);
    let day = r.generated_at.format("%Y-%m-%d");
    let header = format!("Well-Architected assessment · organisation · {day}");
    let title = format!("wellscan · organisation · {day}");
    let bytes = flow
        .finish(&header)
        .write(&title, size, r.generated_at.timestamp())?;
    Ok(Rendered {
        file_name: crate::render::org::PDF_FILE.into(),
        content_type: "application/pdf",
        bytes,
    })
}
