//! RTF tokens straight from the bytes: groups, control words with their optional signed
//! parameter, control symbols, `\'hh` bytes, runs of plain text, and `\binN` data (skipped
//! by count, never past the end of the file). Nothing is allocated: every token borrows
//! from the input, and every byte is looked at once.

/// One lexical unit of RTF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Token<'a> {
    /// `{`
    Open,
    /// `}`
    Close,
    /// `\word` or `\wordN`: the letters, their [`pack`]ed key, and the parameter
    /// (saturated to i32).
    Word {
        name: &'a [u8],
        key: u64,
        param: Option<i32>,
    },
    /// `\x` for a non-letter x (`\~`, `\-`, `\_`, `\*`, `\{`, `\}`, `\\`, …). A backslash
    /// before a line end is `\par`, so it comes out as that word instead.
    Symbol(u8),
    /// `\'hh`: one byte in the current code page. A `\'` without two hex digits gives
    /// nothing (see [`Tokenizer::next`]).
    Hex(u8),
    /// Plain bytes up to the next `\`, `{` or `}` (line ends still inside: they are not
    /// text in RTF and the reader drops them).
    Text(&'a [u8]),
    /// `\binN` and the N bytes that follow it (as many as the file still has).
    Bin(&'a [u8]),
}

/// A cursor over the bytes of an RTF file.
pub(super) struct Tokenizer<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Tokenizer<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Tokenizer { bytes, pos: 0 }
    }

    /// The next token, or `None` at the end of the input.
    #[inline(always)]
    pub(super) fn next(&mut self) -> Option<Token<'a>> {
        loop {
            let b = *self.bytes.get(self.pos)?;
            match b {
                b'{' => {
                    self.pos += 1;
                    return Some(Token::Open);
                }
                b'}' => {
                    self.pos += 1;
                    return Some(Token::Close);
                }
                b'\\' => {
                    self.pos += 1;
                    if let Some(t) = self.control() {
                        return Some(t);
                    }
                    // A lone backslash at the end, or a `\'` without hex digits: nothing.
                }
                _ => {
                    let rest = self.bytes.get(self.pos..).unwrap_or_default();
                    let len = memchr::memchr3(b'\\', b'{', b'}', rest).unwrap_or(rest.len());
                    self.pos += len;
                    return Some(Token::Text(rest.get(..len).unwrap_or_default()));
                }
            }
        }
    }

    /// What follows a backslash.
    #[inline(always)]
    fn control(&mut self) -> Option<Token<'a>> {
        let b = *self.bytes.get(self.pos)?;
        if b.is_ascii_alphabetic() {
            return Some(self.word());
        }
        self.pos += 1;
        match b {
            b'\'' => {
                let hi = self.hex_digit();
                let lo = hi.and_then(|_| self.hex_digit());
                match (hi, lo) {
                    (Some(h), Some(l)) => Some(Token::Hex(h << 4 | l)),
                    // One digit: Word reads it as the byte's value; rarer than broken input
                    // either way.
                    (Some(h), None) => Some(Token::Hex(h)),
                    _ => None,
                }
            }
            b'\r' | b'\n' => Some(Token::Word {
                name: b"par",
                key: pack(b"par"),
                param: None,
            }),
            _ => Some(Token::Symbol(b)),
        }
    }

    fn hex_digit(&mut self) -> Option<u8> {
        let d = match *self.bytes.get(self.pos)? {
            c @ b'0'..=b'9' => c - b'0',
            c @ b'a'..=b'f' => c - b'a' + 10,
            c @ b'A'..=b'F' => c - b'A' + 10,
            _ => return None,
        };
        self.pos += 1;
        Some(d)
    }

    /// A control word: letters, an optional `-` and digits, and one delimiting space.
    #[inline(always)]
    fn word(&mut self) -> Token<'a> {
        let bytes = self.bytes;
        let start = self.pos;
        let (mut end, mut key) = match bytes.get(start..start + 8) {
            // Most words have fewer than 8 letters: found in one load.
            Some(&[a, b, c, d, e, f, g, h]) => {
                let word = u64::from_be_bytes([a, b, c, d, e, f, g, h]);
                let n = leading_letters(word);
                let key = if n < 8 {
                    word.checked_shr(64 - 8 * n).unwrap_or(0)
                } else {
                    word
                };
                (start + n as usize, key)
            }
            _ => (start, 0),
        };
        if end == start || end - start == 8 {
            // Near the end of the input, or a long word: letter by letter.
            end = start;
            key = 0;
            while let Some(&c @ (b'a'..=b'z' | b'A'..=b'Z')) = bytes.get(end) {
                if end - start < 8 {
                    key = key << 8 | u64::from(c);
                }
                end += 1;
            }
            if end - start > 8 {
                key |= LONG;
            }
        }
        self.pos = end;
        let name = bytes.get(start..end).unwrap_or_default();

        let mut param = None;
        let mut at = self.pos;
        let negative =
            matches!(bytes.get(at), Some(b'-')) && matches!(bytes.get(at + 1), Some(b'0'..=b'9'));
        if negative {
            at += 1;
        }
        if let Some(b'0'..=b'9') = bytes.get(at) {
            let mut n: i64 = 0;
            while let Some(&d @ b'0'..=b'9') = bytes.get(at) {
                // Saturates: a parameter is at most 10 digits in the spec; more is hostile.
                if n < i64::from(u32::MAX) {
                    n = n * 10 + i64::from(d - b'0');
                }
                at += 1;
            }
            let n = if negative { -n } else { n };
            param = Some(n.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32);
        }
        if let Some(b' ') = bytes.get(at) {
            at += 1;
        }
        self.pos = at;
        if key == BIN {
            let n = param.unwrap_or(0).max(0) as usize;
            let rest = self.bytes.get(self.pos..).unwrap_or_default();
            let n = n.min(rest.len());
            self.pos += n;
            return Token::Bin(rest.get(..n).unwrap_or_default());
        }
        Token::Word { name, key, param }
    }
}

const BIN: u64 = pack(b"bin");

/// How many of the 8 bytes of `word` (first byte most significant) are ASCII letters
/// before the first that is not: a byte-parallel range check (bytes of the high half are
/// no letters; the others are folded to lower case and compared with 'a'..='z').
fn leading_letters(word: u64) -> u32 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = (word | (ONES * 0x20)) & !HIGH;
    let at_least_a = (low7 + ONES * (0x80 - u64::from(b'a'))) & HIGH;
    let above_z = (low7 + ONES * (0x80 - u64::from(b'z') - 1)) & HIGH;
    let letters = at_least_a & !above_z & !word & HIGH;
    (!letters & HIGH).leading_zeros() / 8
}

/// Marks the key of a word longer than 8 letters (letters are ASCII: their top bit is free).
pub(super) const LONG: u64 = 1 << 63;

/// A control word's key: its first 8 letters as one number (big-endian, so words of
/// different lengths never meet: letters are never zero), with [`LONG`] set for longer
/// words, which share a key with words of the same first 8 letters and are told apart by
/// name. Matching by key costs no slice comparison for most words.
pub(super) const fn pack(word: &[u8]) -> u64 {
    let mut key: u64 = 0;
    let mut i = 0;
    while i < word.len() && i < 8 {
        key = key << 8 | word[i] as u64;
        i += 1;
    }
    if word.len() > 8 {
        key |= LONG;
    }
    key
}

#[cfg(test)]
mod tests {
    use super::Token::*;
    use super::*;

    #[allow(non_snake_case)]
    fn Word(name: &[u8], param: Option<i32>) -> Token<'_> {
        Token::Word {
            name,
            key: pack(name),
            param,
        }
    }

    fn all(s: &[u8]) -> Vec<Token<'_>> {
        let mut t = Tokenizer::new(s);
        std::iter::from_fn(|| t.next()).collect()
    }

    #[test]
    fn words_take_a_signed_parameter_and_one_space() {
        assert_eq!(
            all(b"\\fs24 a\\li-360  b\\par\\u-10240?"),
            vec![
                Word(b"fs", Some(24)),
                Text(b"a"),
                Word(b"li", Some(-360)),
                Text(b" b"),
                Word(b"par", None),
                Word(b"u", Some(-10240)),
                Text(b"?"),
            ]
        );
    }

    #[test]
    fn tokenized_keys_are_the_packed_keys() {
        for w in [
            &b"u"[..],
            b"par",
            b"nestcell",
            b"nesttableprops",
            b"listoverridetable",
        ] {
            let mut src = vec![b'\\'];
            src.extend_from_slice(w);
            assert_eq!(all(&src), vec![Word(w, None)]);
        }
        assert_ne!(pack(b"ab"), pack(b"ba"));
        assert_ne!(pack(b"abcdefgh"), pack(b"abcdefghi"));
        assert_eq!(pack(b"abcdefghi"), pack(b"abcdefghij"));
    }

    #[test]
    fn letters_are_counted_eight_at_a_time() {
        let n = |s: &[u8; 8]| leading_letters(u64::from_be_bytes(*s));
        assert_eq!(n(b"par\\cell"), 3);
        assert_eq!(n(b"abcdefgh"), 8);
        assert_eq!(n(b"AbZz@[`{"), 4);
        assert_eq!(n(b"z{aaaaaa"), 1);
        assert_eq!(n(b"a\xe1bcdefg"), 1);
        assert_eq!(n(b"a\xc1bcdefg"), 1);
        assert_eq!(n(b"q1234567"), 1);
        for b in 0..=255u8 {
            let w = [b, b'x', b'x', b'x', b'x', b'x', b'x', b'x'];
            let want = if b.is_ascii_alphabetic() { 8 } else { 0 };
            assert_eq!(n(&w), want, "{b:#x}");
            let w = [b'x', b, b'!', 0, 0, 0, 0, 0];
            let want = if b.is_ascii_alphabetic() { 2 } else { 1 };
            assert_eq!(n(&w), want, "{b:#x}");
        }
    }

    #[test]
    fn a_minus_without_digits_is_text() {
        assert_eq!(all(b"\\b-x"), vec![Word(b"b", None), Text(b"-x")]);
    }

    #[test]
    fn parameters_saturate() {
        assert_eq!(
            all(b"\\cellx99999999999999999999"),
            vec![Word(b"cellx", Some(i32::MAX))]
        );
        assert_eq!(all(b"\\u-99999999999"), vec![Word(b"u", Some(i32::MIN))]);
    }

    #[test]
    fn symbols_hex_and_groups() {
        assert_eq!(
            all(b"{\\*\\x}\\'b2\\'BF\\~\\-\\_\\{\\}\\\\"),
            vec![
                Open,
                Symbol(b'*'),
                Word(b"x", None),
                Close,
                Hex(0xb2),
                Hex(0xbf),
                Symbol(b'~'),
                Symbol(b'-'),
                Symbol(b'_'),
                Symbol(b'{'),
                Symbol(b'}'),
                Symbol(b'\\'),
            ]
        );
    }

    #[test]
    fn backslash_before_a_line_end_is_a_paragraph() {
        assert_eq!(
            all(b"a\\\nb"),
            vec![Text(b"a"), Word(b"par", None), Text(b"b")]
        );
    }

    #[test]
    fn unterminated_escapes_at_the_end_give_nothing() {
        assert_eq!(all(b"a\\'"), vec![Text(b"a")]);
        assert_eq!(all(b"a\\'4"), vec![Text(b"a"), Hex(4)]);
        assert_eq!(all(b"a\\"), vec![Text(b"a")]);
        assert_eq!(all(b"\\'zz"), vec![Text(b"zz")]);
    }

    #[test]
    fn bin_skips_its_count_bounded_by_the_file() {
        assert_eq!(all(b"\\bin3 {}\\x"), vec![Bin(b"{}\\"), Text(b"x")]);
        assert_eq!(all(b"\\bin2147483647 ab"), vec![Bin(b"ab")]);
        assert_eq!(all(b"\\bin-5 ab"), vec![Bin(b""), Text(b"ab")]);
    }
}
