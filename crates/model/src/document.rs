use serde::Deserialize;
use serde::de::DeserializeOwned;

/// Why a JSON document could not be read as a wellscan document.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("not valid JSON: {0}")]
    NotJson(#[source] serde_json::Error),
    #[error("no `schema_version` field: this is not a wellscan document")]
    MissingSchemaVersion,
    #[error(
        "schema_version {found} is newer than this wellscan reads (up to {supported}); upgrade wellscan"
    )]
    NewerSchema { found: u32, supported: u32 },
    #[error("not a valid wellscan document: {0}")]
    Invalid(#[source] serde_json::Error),
}

/// Parses a versioned document, checking `schema_version` before the shape so that a
/// document from a newer wellscan gets the error that says so.
pub(crate) fn from_json<T: DeserializeOwned>(
    text: &str,
    supported: u32,
) -> Result<T, DocumentError> {
    #[derive(Deserialize)]
    struct Probe {
        schema_version: Option<u32>,
    }
    // serde reads a struct from a JSON array too; a document is always an object.
    if !text.trim_start().starts_with('{') {
        return Err(match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Ok(_) => DocumentError::MissingSchemaVersion,
            Err(e) => DocumentError::NotJson(e),
        });
    }
    let probe: Probe = serde_json::from_str(text).map_err(|e| {
        if e.is_data() {
            DocumentError::MissingSchemaVersion
        } else {
            DocumentError::NotJson(e)
        }
    })?;
    match probe.schema_version {
        None => Err(DocumentError::MissingSchemaVersion),
        Some(found) if found > supported => Err(DocumentError::NewerSchema { found, supported }),
        Some(_) => serde_json::from_str(text).map_err(DocumentError::Invalid),
    }
}
