use wellscan_model::{Assessment, Inventory};

use crate::{RenderError, Rendered};

pub fn assessment(assessment: &Assessment) -> Result<Rendered, RenderError> {
    Ok(Rendered {
        file_name: "assessment.json".into(),
        content_type: "application/json",
        bytes: pretty(assessment)?,
    })
}

pub fn inventory(inventory: &Inventory) -> Result<Rendered, RenderError> {
    Ok(Rendered {
        file_name: "inventory.json".into(),
        content_type: "application/json",
        bytes: pretty(inventory)?,
    })
}

fn pretty<T: serde::Serialize>(value: &T) -> Result<Vec<u8>, RenderError> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

pub fn rollup(rollup: &wellscan_model::OrgRollup) -> Result<Rendered, RenderError> {
    Ok(Rendered {
        file_name: crate::render::org::JSON_FILE.into(),
        content_type: "application/json",
        bytes: pretty(rollup)?,
    })
}
