//! The JSON Schema of every output, generated from the very types that serialise it, so
//! that it cannot drift from what is written.

use super::dataset::Dataset;
use super::summary::Summary;
use crate::model::flagged::Flagged;
use crate::model::project::Project;
use crate::model::record::Record;

/// Which JSON document a schema describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaOf {
    /// The combined dataset (`-o dataset.json`).
    Dataset,
    /// One record: a line of `records.jsonl`.
    Record,
    /// One project: a line of `projects.jsonl`.
    Project,
    /// One flagged entry: a line of `flagged.jsonl`.
    Flagged,
    /// `summary.json` of JSON Lines mode.
    Summary,
}

/// The JSON Schema (draft 2020-12) of the output, generated from the very types that
/// serialise it, so that it cannot drift from what is written. It describes what perfsheet
/// writes (serialisation), so a field that may be null is still required to be present.
pub fn json_schema(of: SchemaOf) -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let schema = match of {
        SchemaOf::Dataset => generator.into_root_schema_for::<Dataset>(),
        SchemaOf::Record => generator.into_root_schema_for::<Record>(),
        SchemaOf::Project => generator.into_root_schema_for::<Project>(),
        SchemaOf::Flagged => generator.into_root_schema_for::<Flagged>(),
        SchemaOf::Summary => generator.into_root_schema_for::<Summary>(),
    };
    schema.to_value()
}
