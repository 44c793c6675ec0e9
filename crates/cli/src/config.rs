//! `wellscan.toml`: what a team tunes. Unknown keys are errors, so a typo never silently
//! leaves a default in place.

use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FileConfig {
    pub checks: wellscan_checks::Config,
}

/// Reads and validates a configuration file; errors name the file, line and problem.
pub fn load(path: &Path) -> Result<FileConfig> {
    let text = wellscan_orchestrator::read_input_file(path)
        .with_context(|| format!("cannot read config {}", path.display()))?;
    let config: FileConfig = toml::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{} is not a valid wellscan config:\n{e}", path.display()))?;
    config.checks.validate().map_err(|e| {
        anyhow::anyhow!(
            "{} is not a valid wellscan config: [checks] {e}",
            path.display()
        )
    })?;
    Ok(config)
}

/// Reads a price table; errors name the file and the line or field.
pub fn load_prices(path: &Path) -> Result<wellscan_checks::PriceTable> {
    let text = wellscan_orchestrator::read_input_file(path)
        .with_context(|| format!("cannot read prices {}", path.display()))?;
    wellscan_checks::PriceTable::from_json(&text)
        .map_err(|e| anyhow::anyhow!("{} is not a usable price table: {e}", path.display()))
}
