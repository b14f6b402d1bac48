//! The tokenizer: quick-xml's events from a lighter loop (see the module doc of `xml`).

use quick_xml::events::{BytesCData, BytesEnd, BytesRef, BytesStart, BytesText, Event};

use crate::error::ReadError;

/// An XML part read token by token, every token borrowed from the text.
pub(crate) struct Tokenizer<'a> {
    text: &'a str,
    pos: usize,
    expand_empty: bool,
    /// The end event owed for an expanded empty element.
    pending_end: Option<&'a str>,
}

fn ends_early(what: &str) -> ReadError {
    ReadError::corrupt(format!("XML 格式错误（{what}未结束）"))
}

/// XML white space, as quick-xml counts it in names.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

impl<'a> Tokenizer<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        Tokenizer {
            text,
            pos: 0,
            expand_empty: false,
            pending_end: None,
        }
    }

    /// `<a/>` as `Start` followed by `End`, like quick-xml's `expand_empty_elements`.
    pub(crate) fn expand_empty_elements(mut self, yes: bool) -> Self {
        self.expand_empty = yes;
        self
    }

    /// The next event; `Event::Eof` at the end (and on every call after it).
    pub(crate) fn read_event(&mut self) -> Result<Event<'a>, ReadError> {
        if let Some(name) = self.pending_end.take() {
            return Ok(Event::End(BytesEnd::new(name)));
        }
        loop {
            let bytes = self.text.as_bytes();
            let start = self.pos;
            let Some(&first) = bytes.get(start) else {
                return Ok(Event::Eof);
            };
            // Every boundary below is at an ASCII byte ('<', '>', '&', ';'), so slicing the
            // str there never splits a character.
            match first {
                b'<' => {
                    if let Some(event) = self.markup()? {
                        return Ok(event);
                    }
                }
                b'&' => {
                    let rest = &bytes[start + 1..];
                    return Ok(match memchr::memchr3(b';', b'&', b'<', rest) {
                        Some(i) if rest[i] == b';' => {
                            self.pos = start + 1 + i + 1;
                            Event::GeneralRef(BytesRef::new(&self.text[start + 1..start + 1 + i]))
                        }
                        // A '&' that starts no reference: text up to what comes next.
                        found => {
                            self.pos = found.map_or(bytes.len(), |i| start + 1 + i);
                            Event::Text(BytesText::from_escaped(&self.text[start..self.pos]))
                        }
                    });
                }
                _ => {
                    let end = memchr::memchr2(b'<', b'&', &bytes[start..])
                        .map_or(bytes.len(), |i| start + i);
                    self.pos = end;
                    return Ok(Event::Text(BytesText::from_escaped(&self.text[start..end])));
                }
            }
        }
    }

    /// Reads the markup at `self.pos` (a '<'); `None` for markup that gives no event.
    fn markup(&mut self) -> Result<Option<Event<'a>>, ReadError> {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        let rest = &bytes[start..];
        match rest.get(1) {
            Some(b'/') => {
                // Quotes count here as in a start tag: quick-xml reads `</a x=">">` whole.
                let gt = tag_end(&rest[2..]).ok_or_else(|| ends_early("结束标签"))? + 2;
                self.pos = start + gt + 1;
                let content = &self.text[start + 2..start + gt];
                let name = content.trim_end_matches(|c: char| c.is_ascii() && is_space(c as u8));
                // quick-xml trims nothing from a name that is all white space: `</ >` ends " ".
                let name = if name.is_empty() { content } else { name };
                Ok(Some(Event::End(BytesEnd::new(name))))
            }
            Some(b'!') => {
                if rest.starts_with(b"<!--") {
                    let end = find(&rest[4..], b"-->").ok_or_else(|| ends_early("注释"))?;
                    self.pos = start + 4 + end + 3;
                    Ok(None)
                } else if rest.starts_with(b"<![CDATA[") {
                    let end = find(&rest[9..], b"]]>").ok_or_else(|| ends_early("CDATA"))?;
                    self.pos = start + 9 + end + 3;
                    let content = &self.text[start + 9..start + 9 + end];
                    Ok(Some(Event::CData(BytesCData::new(content))))
                } else if rest.len() >= 9 && rest[2..9].eq_ignore_ascii_case(b"DOCTYPE") {
                    self.pos = start + doctype_len(rest).ok_or_else(|| ends_early("DOCTYPE"))?;
                    Ok(None)
                } else {
                    Err(ReadError::corrupt("XML 格式错误（无法识别的 <! 标记）"))
                }
            }
            Some(b'?') => {
                // quick-xml ends `<?>` at its '>' and then refuses it as empty.
                if rest.get(2) == Some(&b'>') {
                    return Err(ReadError::corrupt("XML 格式错误（空的处理指令）"));
                }
                let end = find(&rest[2..], b"?>").ok_or_else(|| ends_early("处理指令"))?;
                self.pos = start + 2 + end + 2;
                Ok(None)
            }
            Some(_) => {
                let gt = tag_end(&rest[1..]).ok_or_else(|| ends_early("标签"))? + 1;
                self.pos = start + gt + 1;
                let inner = &self.text[start + 1..start + gt];
                let (content, empty) = match inner.strip_suffix('/') {
                    Some(c) => (c, true),
                    None => (inner, false),
                };
                let name_len = content.bytes().position(is_space).unwrap_or(content.len());
                let tag = BytesStart::from_content(content, name_len);
                Ok(Some(if !empty {
                    Event::Start(tag)
                } else if self.expand_empty {
                    self.pending_end = Some(&content[..name_len]);
                    Event::Start(tag)
                } else {
                    Event::Empty(tag)
                }))
            }
            None => Err(ends_early("标签")),
        }
    }
}

/// A qualified name (of an element or attribute) without its prefix, as quick-xml's
/// `local_name` splits it. A plain loop: names are a few bytes, and memchr costs more to
/// set up than this takes.
pub(crate) fn local_part(name: &str) -> &str {
    match name.bytes().position(|b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// Where `needle` first occurs in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// The offset of the '>' that closes a tag, skipping any inside quoted attribute values.
fn tag_end(bytes: &[u8]) -> Option<usize> {
    let mut quote = 0u8;
    for i in memchr::memchr3_iter(b'>', b'\'', b'"', bytes) {
        let b = bytes[i];
        if quote == 0 {
            match b {
                b'>' => return Some(i),
                q => quote = q,
            }
        } else if b == quote {
            quote = 0;
        }
    }
    None
}

/// The length of a `<!DOCTYPE …>` declaration (from its '<'), internal subset included,
/// found the way quick-xml's DTD skipper finds it: quoted literals before the subset; in
/// the subset, comments, processing instructions and the quoted values of ENTITY, ATTLIST
/// and NOTATION declarations hide their '>'; any other markup ends at its first '>'; after
/// the subset's ']', the next '>' ends the declaration.
fn doctype_len(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    loop {
        match *bytes.get(i)? {
            q @ (b'"' | b'\'') => i += 1 + memchr::memchr(q, bytes.get(i + 1..)?)? + 1,
            b'[' => break,
            b'>' => return Some(i + 1),
            _ => i += 1,
        }
    }
    i += 1;
    loop {
        let j = i + memchr::memchr2(b']', b'<', bytes.get(i..)?)?;
        if bytes[j] == b']' {
            return Some(j + 1 + memchr::memchr(b'>', &bytes[j + 1..])? + 1);
        }
        let m = &bytes[j + 1..];
        let keyword = |k: &[u8]| m.starts_with(k).then_some(k.len());
        let markup = if m.starts_with(b"?") {
            1 + find(&m[1..], b"?>")? + 2
        } else if m.starts_with(b"!--") {
            3 + find(&m[3..], b"-->")? + 3
        } else if m.starts_with(b"!ELEMENT") {
            8 + memchr::memchr(b'>', &m[8..])? + 1
        } else if let Some(k) = keyword(b"!ENTITY")
            .or_else(|| keyword(b"!ATTLIST"))
            .or_else(|| keyword(b"!NOTATION"))
        {
            k + tag_end(&m[k..])? + 1
        } else {
            memchr::memchr(b'>', m)? + 1
        };
        i = j + 1 + markup;
    }
}

/// For the fuzz target (`fuzz/fuzz_targets/xml.rs`): panics where this tokenizer breaks
/// its contract on `text`, with and without expanded empty elements. That is: quick-xml
/// reads the text and we refuse it or give other events; quick-xml finds a syntax error
/// (input ending inside markup, an unknown `<!`) and we read the text; or we keep giving
/// events without consuming the text.
#[cfg(fuzzing)]
#[doc(hidden)]
pub fn fuzz_compare(text: &str) {
    for expand in [false, true] {
        match both(text, expand) {
            (Ok(ours), Ok(theirs)) => assert!(ours == theirs, "events differ (expand {expand})"),
            (Err(e), Ok(_)) => panic!("we refuse ({e}), quick-xml reads (expand {expand})"),
            (Ok(_), Err(e @ quick_xml::Error::Syntax(_))) => {
                panic!("we read, quick-xml finds a syntax error: {e} (expand {expand})")
            }
            (Ok(_) | Err(_), Err(_)) => {}
        }
    }
}

/// Every event of `text`: ours, and quick-xml's (configured as the module doc says) without
/// the kinds we skip. Panics if either side gives more events than the text could hold.
#[cfg(any(fuzzing, test))]
fn both(
    text: &str,
    expand: bool,
) -> (
    Result<Vec<Event<'_>>, ReadError>,
    Result<Vec<Event<'_>>, quick_xml::Error>,
) {
    // Every event but the End owed for an expanded `<a/>` consumes at least one byte.
    let most = text.len() + 2;
    let mut ours = Vec::new();
    let mut t = Tokenizer::new(text).expand_empty_elements(expand);
    let ours = loop {
        match t.read_event() {
            Ok(Event::Eof) => break Ok(ours),
            Ok(e) => ours.push(e),
            Err(e) => break Err(e),
        }
        assert!(ours.len() <= most, "our tokenizer does not end");
    };
    let mut reader = quick_xml::reader::Reader::from_str(text);
    let config = reader.config_mut();
    config.expand_empty_elements = expand;
    config.check_end_names = false;
    config.allow_dangling_amp = true;
    config.allow_unmatched_ends = true;
    let mut theirs = Vec::new();
    let theirs = loop {
        match reader.read_event() {
            Ok(Event::Eof) => break Ok(theirs),
            Ok(Event::Comment(_) | Event::PI(_) | Event::Decl(_) | Event::DocType(_)) => {}
            Ok(e) => theirs.push(e),
            Err(e) => break Err(e),
        }
        assert!(theirs.len() <= most, "quick-xml does not end");
    };
    (ours, theirs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(text: &str) {
        for expand in [false, true] {
            let (ours, theirs) = both(text, expand);
            let theirs = theirs.expect("quick-xml reads it");
            assert_eq!(ours.expect("we read it"), theirs, "{text}");
        }
    }

    #[test]
    fn events_are_quick_xmls() {
        same(
            r#"<?xml version="1.0"?><w:document xmlns:w="u"><w:body><w:p><w:r><w:t xml:space="preserve"> a &amp; b </w:t></w:r></w:p></w:body></w:document>"#,
        );
        same("<a b='x>y' c=\"p'q>\">t<b/><c d=\"1\" /></a >");
        same("<a>&#x41;&#66;&lt;&unknown;&#0;</a>");
        same("<a>x & y && z &</a>");
        same("<a>x &amp</a>");
        same(
            "<!DOCTYPE a [<!ENTITY e \"v>\"> <!ELEMENT a ANY>]><a><!-- c > -->&e;<![CDATA[<b>&amp;]]></a>",
        );
        same("<a>\r\nline\rtwo</a>");
        same("\u{FEFF}<a/>");
        same("<a\n\tx=\"1\"\n/>text after");
        same("");
        same("just text");
        same("<a><b></a></b></c>");
        same("<中文 属性=\"值\">表格</中文>");
        // Found by the fuzz target: end tags hide '>' in quotes too; a DTD ends where
        // quick-xml's DTD skipper ends it.
        same("<a>x</a y=\">\" >z");
        same(
            "<!DOCTYPE a [<!ENTITY e \"v>\"> <!ELEMENT a ANY> <?p > ?> <!-- > --> <!ATTLIST a b CDATA '>'>]><a/>",
        );
        same("<!DOCTYPE a PUBLIC \"x>[\" 'y'><a/>");
        same("<!DOCTYPE a [<x \"> ]>\"]><a/>");
        same("<??><a/>");
        same("</ ></\t>");
    }

    #[test]
    fn markup_cut_short_is_an_error() {
        for text in [
            "<a",
            "<a b=\"x>",
            "<a></a",
            "<a><!-- x",
            "<a><![CDATA[x",
            "<?xml",
            "<!DOCTYPE a [",
            "<",
            "<!x>",
            // Found by the fuzz target.
            "<?>",
            "<!DOCTYPE a [ '<' ]>",
        ] {
            let (ours, theirs) = both(text, false);
            assert!(ours.is_err(), "{text}: {ours:?}");
            assert!(theirs.is_err(), "quick-xml refuses {text} too");
        }
    }

    /// Every XML part of the fixtures and of the shared corpus (where it exists): the same
    /// events as quick-xml wherever quick-xml reads the part.
    #[test]
    fn same_events_as_quick_xml_on_every_part() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("fixtures")];
        for sub in ["../shared/corpus/third_party", "../shared/samples"] {
            let d = root.join(sub);
            if d.exists() {
                dirs.push(d);
            } else {
                eprintln!("skipping: {} not found", d.display());
            }
        }
        let (mut parts, mut refused) = (0, 0);
        for dir in dirs {
            for entry in walkdir::WalkDir::new(&dir).into_iter().flatten() {
                let Ok(bytes) = std::fs::read(entry.path()) else {
                    continue;
                };
                let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])) else {
                    continue;
                };
                for i in 0..zip.len() {
                    let Ok(file) = zip.by_index(i) else { continue };
                    let Ok(name) = file.name().map(|n| n.into_owned()) else {
                        continue;
                    };
                    if !(name.ends_with(".xml") || name.ends_with(".rels"))
                        || file.size() > 64 << 20
                    {
                        continue;
                    }
                    let mut buf = Vec::new();
                    if std::io::Read::read_to_end(
                        &mut std::io::Read::take(file, 64 << 20),
                        &mut buf,
                    )
                    .is_err()
                    {
                        continue;
                    }
                    let text = crate::readers::xml::decode_xml(&buf);
                    for expand in [false, true] {
                        let (ours, theirs) = both(&text, expand);
                        match theirs {
                            Ok(theirs) => {
                                let ours = ours.unwrap_or_else(|e| {
                                    panic!(
                                        "{}!{name}: we refuse ({e}), quick-xml reads",
                                        entry.path().display()
                                    )
                                });
                                assert!(
                                    ours == theirs,
                                    "{}!{name}: events differ",
                                    entry.path().display()
                                );
                                parts += 1;
                            }
                            Err(_) => refused += 1,
                        }
                    }
                }
            }
        }
        eprintln!("tokenizer vs quick-xml: {parts} parts the same, {refused} refused by quick-xml");
        assert!(parts > 100, "{parts}");
    }
}
