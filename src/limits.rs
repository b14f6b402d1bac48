//! Bounds on the work one file may cause. A bulk load always holds a few hostile or broken
//! files (zip bombs, billion-laughs XML, a cell at XFD1048576); each must cost one flagged
//! line, never the machine's memory or the run's time.

use std::time::Duration;

/// Per-file limits. Every reader receives them; exceeding one gives `ReadError::TooLarge`
/// (or `Timeout` for wall time).
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Largest input file read, in bytes.
    pub max_file_bytes: u64,
    /// Most bytes inflated from one zip entry, and from all entries of one file together.
    pub max_inflated_bytes: u64,
    /// Deepest XML element nesting accepted.
    pub max_xml_depth: usize,
    /// Most non-empty cells kept from one sheet or table.
    pub max_cells: usize,
    /// Wall time allowed for one file.
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 100 * 1024 * 1024,
            max_inflated_bytes: 256 * 1024 * 1024,
            max_xml_depth: 256,
            max_cells: 1_000_000,
            timeout: Duration::from_secs(30),
        }
    }
}
