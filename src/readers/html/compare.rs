//! The quick tree builder against html5ever: for tests and the fuzz target, which hold
//! the quick builder to its promise — where it builds a page at all, it builds the tree
//! html5ever builds.

use std::fmt::Write;

use super::sink::{Arena, DOCUMENT, Id, Kind};
use super::tokens::{self, Stop};
use crate::limits::Limits;

/// What the quick builder made of a page.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Quick {
    /// Built; the tree was html5ever's.
    Same,
    /// Handed to html5ever.
    Bailed,
    /// Stopped at a limit, as html5ever did.
    Limit,
}

/// The tree as text: every linked node with what the layout reads of it, indented by depth.
fn dump(a: &Arena) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "title {:?}", a.title);
    let mut stack: Vec<(Id, usize)> = vec![(DOCUMENT, 0)];
    while let Some((id, depth)) = stack.pop() {
        let Some(n) = a.node(id) else { continue };
        let pad = " ".repeat(depth);
        match n.kind {
            Kind::Text => {
                let _ = writeln!(out, "{pad}{:?}", a.text_of(n));
            }
            _ => {
                let _ = write!(out, "{pad}{:?} {:?} flags {}", n.kind, n.tag, n.flags);
                if let Some(e) = a.extra(n) {
                    let num = e.num.map(|s| a.attr(s));
                    let value = e.value.map(|s| a.attr(s));
                    let _ = write!(out, " {:?} {:?} {num:?} {value:?}", e.rowspan, e.colspan);
                }
                out.push('\n');
            }
        }
        let children: Vec<Id> = a.children(id).map(|(c, _)| c).collect();
        stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
    }
    out
}

/// Builds `text` both ways; panics if the quick builder built a tree other than
/// html5ever's, or stopped at a limit html5ever did not reach.
pub(crate) fn quick_vs_html5ever(text: &str, limits: &Limits) -> Quick {
    let mut quick = Arena::new(limits);
    let got = tokens::build(text, &mut quick);
    let full = super::parse_html5ever(text, limits);
    match (got, full) {
        (Ok(()), Ok(full)) => {
            let (q, f) = (dump(&quick), dump(&full));
            if q != f {
                let at = q
                    .lines()
                    .zip(f.lines())
                    .position(|(x, y)| x != y)
                    .unwrap_or(0);
                let show = |s: &str| {
                    s.lines()
                        .skip(at.saturating_sub(3))
                        .take(8)
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                let page: String = text.chars().take(300).collect();
                panic!(
                    "the quick builder's tree differs from html5ever's at line {at} for {page:?}:\n--- quick\n{}\n--- html5ever\n{}",
                    show(&q),
                    show(&f)
                );
            }
            Quick::Same
        }
        (Ok(()), Err(e)) => panic!("the quick builder read a page html5ever refused: {e}"),
        (Err(Stop::Limit(_)), Err(_)) => Quick::Limit,
        (Err(Stop::Limit(_)), Ok(_)) => {
            panic!("the quick builder stopped at a limit html5ever did not reach")
        }
        (Err(Stop::Bail), _) => Quick::Bailed,
    }
}
