//! The XML layer of every XML-based reader: quick-xml's events from a lighter loop.
//!
//! Why not quick-xml's own `Reader`: on Word bodies it was 40% of all instructions, about
//! 200 a tag. It checks every piece of text for UTF-8 again (the readers have already
//! checked the whole part once, when decoding it), copies every element name onto a stack
//! to match end tags and runs a general state machine per event. Our readers keep their
//! own element stacks, so none of that is needed.
//!
//! What it gives is the same `quick_xml::events::Event` values quick-xml gives on the same
//! text (tested event for event on every part of the fixtures and the third-party corpus,
//! and against arbitrary text by the `xml` fuzz target through [`fuzz_compare`]),
//! so the readers still use quick-xml's event and attribute types. Differences, on purpose:
//! - comments, processing instructions, the XML declaration and DOCTYPE are skipped, not
//!   returned (no reader looks at them; a DTD is never read, so nothing is expanded);
//! - end tags are not matched against their start tags, and an end tag with no open
//!   element is returned like any other: the readers' own stacks decide (quick-xml's
//!   `check_end_names = false`, as the Excel reader already used it);
//! - a '&' that starts no reference is text (quick-xml's `allow_dangling_amp`).
//!
//! Input that ends inside markup (a tag, comment, CDATA section, …) is an error, as in
//! quick-xml: a truncated part must not read as a shorter one.
//!
//! Beside the tokenizer: [`bounded`] (an event reader with its depth bounded, for readers
//! that match names by their local part), [`namespaces`] (declarations in scope, for those
//! that match by URI), [`attrs`] (attributes and references) and [`decode`] (a part's text
//! from its bytes).

pub(crate) mod attrs;
pub(crate) mod bounded;
pub(crate) mod decode;
pub(crate) mod namespaces;
mod tokenizer;

pub(crate) use attrs::{RawAttrs, attr, push_general_ref, unescape_lenient};
pub(crate) use bounded::Xml;
pub(crate) use decode::decode_xml;
pub(crate) use namespaces::Scopes;
#[cfg(fuzzing)]
pub use tokenizer::fuzz_compare;
pub(crate) use tokenizer::{Tokenizer, local_part};
