//! Reader stub: replaced by the real reader.

use crate::error::ReadError;
use crate::grid::Document;
use crate::limits::Limits;

/// Reads a file of this format into sections of grids.
pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<Document, ReadError> {
    Err(ReadError::Unsupported("尚未支持".into()))
}
