//! The entry of a file that gave no form: the dataset's `flagged` list (RECORD.md). Every
//! file seen is a record, a project or a flagged entry, so nothing goes missing silently.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::ReadError;

/// A file that gave no form, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Flagged {
    /// Relative to the input root, "/" separators.
    pub path: String,
    /// What the bytes are (or "unknown" when they could not be read).
    pub format: String,
    /// Stable English code.
    pub code: String,
    /// Chinese explanation for people, with what to do about it.
    pub message: String,
    /// The technical cause, for IT staff (null where the message says all there is).
    pub detail: Option<String>,
}

impl Flagged {
    /// The entry for `path` (a dataset path), read as `format`, refused with `err`.
    pub fn from_error(path: impl Into<String>, format: &str, err: &ReadError) -> Self {
        Flagged {
            path: path.into(),
            format: format.to_string(),
            code: err.code().to_string(),
            message: err.to_string(),
            detail: err.detail(),
        }
    }
}
