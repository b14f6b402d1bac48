//! Namespace declarations in scope, for the readers that match elements by namespace URI
//! (Word 2007+ and Word 2003 XML), so that any prefix a writer chose reads the same.

use quick_xml::events::BytesStart;

use crate::error::{Bound, ReadError};

/// Namespace declarations in scope while reading, innermost last.
///
/// Why not quick-xml's `NsReader`: it parses every attribute of every element looking for
/// declarations, about a fifth of this reader's time. Word declares its namespaces once, on
/// the root; other writers (python-docx as `ns0:`, LibreOffice) do the same or redeclare on
/// a few elements. So a tag's attributes are parsed only when their bytes hold `xmlns`, and
/// an element's prefix is looked up among the few bindings in scope.
pub(crate) struct Scopes<N> {
    bindings: Vec<Binding<N>>,
    depth: usize,
    /// The last lookup (index of the binding it found, if any, and the prefix asked),
    /// valid while `bindings` is unchanged: nearly every element of a body has the prefix
    /// of the one before, and Word declares thirty-odd namespaces on the root.
    last: Option<(N, Box<str>)>,
    /// Which namespace a URI names, as far as the reader cares.
    classify: fn(&str) -> N,
}

/// One `xmlns` / `xmlns:prefix` declaration.
struct Binding<N> {
    prefix: Box<str>,
    ns: N,
    depth: usize,
}

/// More declarations in scope than any real document has; a file declaring more is hostile.
pub(crate) const MAX_NS_BINDINGS: usize = 1024;

impl<N: Copy + Default> Scopes<N> {
    /// No declarations yet; `classify` maps a namespace URI to the reader's namespace (its
    /// `Default` for every URI the reader ignores).
    pub(crate) fn new(classify: fn(&str) -> N) -> Self {
        Scopes {
            bindings: Vec::new(),
            depth: 0,
            last: None,
            classify,
        }
    }

    /// Enters an element: takes its declarations, then says which namespace it is in and
    /// gives its local name (as bytes: the reader only compares it with ASCII names).
    #[inline(always)]
    pub(crate) fn open<'e>(&mut self, e: &'e BytesStart<'_>) -> Result<(N, &'e [u8]), ReadError> {
        self.enter(e)?;
        let name = e.name().into_inner().as_bytes();
        // Nearly every element has the prefix of the one before: check that first, without
        // searching the name for its ':'.
        if let Some((ns, last)) = &self.last {
            let n = last.len();
            if !last.is_empty()
                && name.get(n) == Some(&b':')
                && name.get(..n).is_some_and(|p| same(p, last.as_bytes()))
            {
                let local = name.get(n + 1..).unwrap_or_default();
                return Ok((*ns, local));
            }
        }
        // Tag names are a few bytes: a plain loop beats memchr's dispatch.
        let (prefix, local) = match name.iter().position(|&b| b == b':') {
            Some(i) => (
                name.get(..i).unwrap_or_default(),
                name.get(i + 1..).unwrap_or_default(),
            ),
            None => (&[][..], name),
        };
        let ns = match &self.last {
            Some((ns, last)) if same(last.as_bytes(), prefix) => *ns,
            _ => {
                let ns = self
                    .bindings
                    .iter()
                    .rfind(|b| same(b.prefix.as_bytes(), prefix))
                    .map_or(N::default(), |b| b.ns);
                self.last = Some((ns, String::from_utf8_lossy(prefix).into()));
                ns
            }
        };
        Ok((ns, local))
    }

    /// Enters an element without resolving its name: its depth and declarations.
    #[inline(always)]
    pub(crate) fn enter(&mut self, e: &BytesStart<'_>) -> Result<(), ReadError> {
        self.depth += 1;
        if declares(e.attributes_raw().as_bytes()) {
            self.declare(e)?;
        }
        Ok(())
    }

    /// Takes the `xmlns` declarations of an element; rare, so kept out of `open`'s way.
    #[cold]
    #[inline(never)]
    fn declare(&mut self, e: &BytesStart<'_>) -> Result<(), ReadError> {
        self.last = None;
        for a in e.attributes().with_checks(false).flatten() {
            let key = a.key.as_ref();
            let prefix = match key.strip_prefix("xmlns") {
                Some("") => "",
                Some(rest) => match rest.strip_prefix(':') {
                    Some(p) => p,
                    None => continue,
                },
                None => continue,
            };
            if self.bindings.len() >= MAX_NS_BINDINGS {
                return Err(ReadError::too_large(
                    Bound::Structure,
                    format!("XML 命名空间声明超过 {MAX_NS_BINDINGS} 个"),
                ));
            }
            self.bindings.push(Binding {
                prefix: prefix.into(),
                ns: (self.classify)(&a.value),
                depth: self.depth,
            });
        }
        Ok(())
    }

    /// Leaves the innermost open element, dropping its declarations.
    #[inline(always)]
    pub(crate) fn close(&mut self) {
        while self.bindings.last().is_some_and(|b| b.depth >= self.depth) {
            self.bindings.pop();
            self.last = None;
        }
        self.depth = self.depth.saturating_sub(1);
    }
}

/// True when a tag's attribute bytes hold `xmlns`. Looks for an `x` eight bytes at a time
/// (an exact zero-byte test on a word; the last word overlaps the one before) and checks
/// for `xmlns` only where one is: few attributes hold an `x` (`xml:space` does).
#[inline(always)]
fn declares(raw: &[u8]) -> bool {
    const LOWS: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let n = raw.len();
    let at = |i: usize| raw.get(i..i + 5) == Some(b"xmlns".as_slice());
    if n < 8 {
        return n >= 5 && (0..=n - 5).any(at);
    }
    let found_in = |chunk: &[u8], base: usize| {
        let word = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
        let t = word ^ u64::from_le_bytes([b'x'; 8]);
        // The high bit of each byte of `t` that is zero, without carries between bytes.
        let mut xs = !(((t & LOWS) + LOWS) | t | LOWS);
        while xs != 0 {
            if at(base + (xs.trailing_zeros() / 8) as usize) {
                return true;
            }
            xs &= xs - 1;
        }
        false
    };
    let mut chunks = raw.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        if found_in(chunk, base) {
            return true;
        }
        base += 8;
    }
    !chunks.remainder().is_empty() && raw.get(n - 8..).is_some_and(|w| found_in(w, n - 8))
}

/// Byte-string equality without a call into libc's memcmp: prefixes are one to three bytes.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_are_found_at_any_offset() {
        for len in 0..40 {
            for at in 0..=len {
                let mut raw = vec![b'a'; len];
                raw.splice(at..at, *b"xmlns");
                assert!(declares(&raw), "{len} {at}");
                raw.drain(at..at + 5);
                raw.splice(at..at, *b"xmlnx");
                assert!(!declares(&raw), "{len} {at}");
            }
        }
        assert!(!declares(br#" xml:space="preserve" w:x="xx""#));
        assert!(declares(br#" xml:space="preserve" xmlns:w="u""#));
    }
}
