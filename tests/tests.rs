//! perfsheet's integration tests, one module per area, in one test binary so that the
//! crate is linked once. Tests that need `../shared` (the bureau's samples, the third-party
//! corpus) say `SKIP` where it does not stand beside the checkout.

mod common;

mod archives;
mod cli;
mod corpus;
mod doc_reader;
mod docs;
mod fixtures_wellformed;
mod golden;
mod hostile;
mod hostile_odf;
mod hostile_rtf;
mod hostile_web;
mod hostile_xlsb;
mod hostile_xml2003;
mod inspect;
mod regress;
mod review;
mod schema;
mod shared_samples;
mod templates;
mod usage;
