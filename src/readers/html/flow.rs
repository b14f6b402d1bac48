//! Lines of text as a browser lays them out: white space collapsed inside a line (runs
//! of HTML white space become one space, none at a line's start or end; U+00A0 is not
//! white space), a block boundary ends a line that has text, `<br>` always ends one.

/// Text being gathered into lines.
#[derive(Default)]
pub(super) struct Flow {
    pub(super) lines: Vec<String>,
    cur: String,
    space: bool,
    /// Inside `<pre>`/`<textarea>`: white space kept, newlines end lines.
    pub(super) pre: u32,
}

fn is_html_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C')
}

impl Flow {
    pub(super) fn text(&mut self, s: &str) {
        if self.pre > 0 {
            self.pre_text(s);
            return;
        }
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if is_html_space(b[i]) {
                if !self.cur.is_empty() {
                    self.space = true;
                }
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && !is_html_space(b[i]) {
                i += 1;
            }
            if self.space {
                self.cur.push(' ');
                self.space = false;
            }
            // Both ends are at ASCII white space or the string's ends: char boundaries.
            self.cur.push_str(s.get(start..i).unwrap_or(""));
        }
    }

    fn pre_text(&mut self, s: &str) {
        if self.space {
            self.cur.push(' ');
            self.space = false;
        }
        let mut first = true;
        for piece in s.split('\n') {
            if !first {
                self.line_break();
            }
            first = false;
            self.cur.push_str(piece.strip_suffix('\r').unwrap_or(piece));
        }
    }

    /// `<br>`: the line ends, even an empty one.
    pub(super) fn line_break(&mut self) {
        self.lines.push(std::mem::take(&mut self.cur));
        self.space = false;
    }

    /// A block starts or ends: the line ends if it has text.
    pub(super) fn block_break(&mut self) {
        if !self.cur.is_empty() {
            self.lines.push(std::mem::take(&mut self.cur));
        }
        self.space = false;
    }

    /// A line made elsewhere (a row of a nested table).
    pub(super) fn push_line(&mut self, line: String) {
        self.block_break();
        self.lines.push(line);
    }

    pub(super) fn finish(mut self) -> Vec<String> {
        self.block_break();
        self.lines
    }

    /// Finished lines so far (the open line stays).
    pub(super) fn take_lines(&mut self) -> Vec<String> {
        std::mem::take(&mut self.lines)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_collapses_as_in_a_browser() {
        let mut f = Flow::default();
        f.text("  \n 合  ");
        f.text("  计 ");
        f.text("\u{a0}\u{a0}x\t");
        f.block_break();
        f.text("a");
        f.line_break();
        f.line_break();
        f.text("b");
        f.line_break();
        f.block_break();
        assert_eq!(f.finish(), vec!["合 计 \u{a0}\u{a0}x", "a", "", "b"]);
    }

    #[test]
    fn pre_keeps_white_space() {
        let mut f = Flow {
            pre: 1,
            ..Flow::default()
        };
        f.text("a  b\r\nc");
        assert_eq!(f.finish(), vec!["a  b", "c"]);
    }
}
