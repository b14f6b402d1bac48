//! What the stages hand each other: the [`grid`] every reader produces and the recogniser
//! reads, the [`record`] types the recogniser fills and the outputs write, and the text and
//! value rules ([`text`], [`value`]) of RECORD.md that both sides apply, and the amount
//! [`unit`]s that let forms in 元 and in 万元 be compared.

pub mod flagged;
pub mod grid;
pub mod outcome;
pub mod project;
pub mod record;
pub mod text;
pub mod unit;
pub mod value;
