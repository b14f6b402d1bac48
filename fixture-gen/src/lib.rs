//! The golden fixtures of perfsheet, from specs: department forms stated as records
//! ([`specs`]), laid out the way departments draw them ([`model`]), rendered as real Word
//! and Excel files ([`render_docx`], [`render_xlsx`]), and the negative files of every flag
//! code ([`flagged`]). The expected records come from the specs, never from perfsheet's
//! output. `cargo run -p perfsheet-fixtures` rewrites `fixtures/` and `tests/expected/`;
//! the bench renders its inbox with the same code.
#![allow(missing_docs)]

pub mod flagged;
pub mod model;
pub mod render_docx;
pub mod render_xlsx;
pub mod specs;
pub mod values;
