//! The golden fixtures of perfsheet, from specs: department forms stated as records
//! ([`specs`]), laid out the way departments draw them ([`model`]), rendered as real Word
//! and Excel files ([`render_docx`], [`render_xlsx`], [`render_xlsb`]), web pages
//! ([`render_html`]), OpenDocument files ([`render_odf`]) and Office 2003 XML files
//! ([`render_xml2003`]), and the negative files of every flag
//! code ([`flagged`], [`flag_forms`]). The other templates the same way: project forms
//! ([`project_specs`] states them, [`project_layout`] lays them out, [`project_fixtures`]
//! lists the files), the national department template ([`national`],
//! [`national_fixtures`]) and the first template in other layouts ([`layout_fixtures`]);
//! [`files`] puts forms of any template into one file and gives its expected array. The expected records come from the specs, never from perfsheet's
//! output. `cargo run -p perfsheet-fixtures` rewrites `fixtures/` and `tests/expected/`;
//! the bench renders its inbox with the same code.
#![allow(missing_docs)]

pub mod files;
pub mod flag_forms;
pub mod flagged;
pub mod layout_fixtures;
pub mod model;
pub mod national;
pub mod national_fixtures;
pub mod project_fixtures;
pub mod project_layout;
pub mod project_specs;
pub mod render_docx;
pub mod render_html;
pub mod render_odf;
pub mod render_xlsb;
pub mod render_xlsx;
pub mod render_xml2003;
pub mod specs;
pub mod values;
