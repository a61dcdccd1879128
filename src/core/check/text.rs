//! Plain-text helpers shared by the checks: quoting pasted text, naming characters, locating
//! positions, and small number formats.
//!
//! Nothing here uses `{:?}` on strings or characters (it would pull Unicode tables into the wasm);
//! quoting and escaping are done by hand.

use crate::core::markup;

/// A position the learner can find in the text box: 1-based line, 1-based column counted in
/// characters (not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub(crate) fn text(self) -> String {
        format!("line {}, column {}", self.line, self.col)
    }
}

/// Where a piece of text (the extracted body) starts in the paste, so that positions found in the
/// piece can be given in the paste's own lines and columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) struct Origin {
    /// Lines of the paste before the piece's first line.
    pub lines_before: usize,
    /// Characters before the piece on its first line.
    pub cols_before: usize,
}

impl Origin {
    /// Maps a position inside the piece to the position in the paste.
    pub(crate) fn map(self, p: Pos) -> Pos {
        if p.line <= 1 {
            Pos {
                line: self.lines_before + 1,
                col: self.cols_before + p.col,
            }
        } else {
            Pos {
                line: self.lines_before + p.line,
                col: p.col,
            }
        }
    }
}

/// The largest char boundary at or below `i` (clamped to the text).
pub(crate) fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How much of a paste the recognisers of short texts (error messages, pages, prompts) read:
/// such texts come first, and a megabyte-long response is not searched a dozen times.
pub(crate) const HEAD_BYTES: usize = 65_536;

/// The first [`HEAD_BYTES`] of `s`, cut at a char boundary.
pub(crate) fn head(s: &str) -> &str {
    s.get(..floor_boundary(s, HEAD_BYTES)).unwrap_or("")
}

/// The position of byte offset `byte` in `s` (one linear pass).
pub(crate) fn pos_of(s: &str, byte: usize) -> Pos {
    let byte = floor_boundary(s, byte);
    let before = s.get(..byte).unwrap_or("");
    let mut line = 1;
    let mut col = 1;
    for c in before.chars() {
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    Pos { line, col }
}

/// Converts serde_json's (line, column) — the column counts bytes and is 1-based, line 1-based —
/// into a byte offset in `s`, on a char boundary.
pub(crate) fn offset_of_line_col(s: &str, line: usize, col: usize) -> usize {
    let mut start = 0usize;
    if line > 1 {
        let mut seen = 1usize;
        for (i, b) in s.bytes().enumerate() {
            if b == b'\n' {
                seen += 1;
                if seen == line {
                    start = i + 1;
                    break;
                }
            }
        }
        if seen < line {
            return s.len();
        }
    }
    floor_boundary(s, start.saturating_add(col.saturating_sub(1)))
}

/// The character at byte offset `i` (which must be a boundary), if any.
pub(crate) fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..).and_then(|rest| rest.chars().next())
}

/// The Unicode name of the characters that learners meet by accident: invisible ones, typographic
/// quotes and dashes, unusual spaces. A short table, not the Unicode database.
pub(crate) fn char_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00A0}' => "NO-BREAK SPACE",
        '\u{00AB}' => "LEFT-POINTING DOUBLE ANGLE QUOTATION MARK",
        '\u{00AD}' => "SOFT HYPHEN",
        '\u{00BB}' => "RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK",
        '\u{2007}' => "FIGURE SPACE",
        '\u{2009}' => "THIN SPACE",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{2010}' => "HYPHEN",
        '\u{2011}' => "NON-BREAKING HYPHEN",
        '\u{2013}' => "EN DASH",
        '\u{2014}' => "EM DASH",
        '\u{2018}' => "LEFT SINGLE QUOTATION MARK",
        '\u{2019}' => "RIGHT SINGLE QUOTATION MARK",
        '\u{201A}' => "SINGLE LOW-9 QUOTATION MARK",
        '\u{201B}' => "SINGLE HIGH-REVERSED-9 QUOTATION MARK",
        '\u{201C}' => "LEFT DOUBLE QUOTATION MARK",
        '\u{201D}' => "RIGHT DOUBLE QUOTATION MARK",
        '\u{201E}' => "DOUBLE LOW-9 QUOTATION MARK",
        '\u{201F}' => "DOUBLE HIGH-REVERSED-9 QUOTATION MARK",
        '\u{2026}' => "HORIZONTAL ELLIPSIS",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202F}' => "NARROW NO-BREAK SPACE",
        '\u{2032}' => "PRIME",
        '\u{2033}' => "DOUBLE PRIME",
        '\u{2060}' => "WORD JOINER",
        '\u{2212}' => "MINUS SIGN",
        '\u{3000}' => "IDEOGRAPHIC SPACE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (byte order mark)",
        '\u{FF02}' => "FULLWIDTH QUOTATION MARK",
        '\u{FFFD}' => "REPLACEMENT CHARACTER",
        _ => return None,
    })
}

pub(crate) use crate::core::facts::is_invisible;

/// Typographic quotes that chat apps and word processors put in place of `"` and `'`.
pub(crate) fn is_curly_quote(c: char) -> bool {
    matches!(
        c,
        '\u{2018}'..='\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2032}' | '\u{2033}' | '\u{FF02}'
    )
}

/// Names a character for a message: "`+`", "a space", "U+200B ZERO WIDTH SPACE", "`é` (U+00E9)".
pub(crate) fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_string(),
        '\t' => "a tab".to_string(),
        '\n' => "a line break".to_string(),
        '\r' => "a carriage return".to_string(),
        '`' => "a backtick (`` ` ``)".to_string(),
        _ => {
            if let Some(name) = char_name(c) {
                format!("U+{:04X} {}", c as u32, name)
            } else if c.is_control() {
                format!("U+{:04X}, a control character", c as u32)
            } else if c.is_ascii() {
                markup::code_span(c.encode_utf8(&mut [0; 4]))
            } else {
                format!(
                    "{} (U+{:04X})",
                    markup::code_span(c.encode_utf8(&mut [0; 4])),
                    c as u32
                )
            }
        }
    }
}

/// Writes pasted text inside backticks for a message, at most `max` characters (then "…"), with
/// line breaks shown as `\n` and invisible or control characters spelled out as `<U+200B>`.
/// (A value with backticks of its own gets a longer run around it: see [`markup::code_span`].)
pub(crate) fn quote(s: &str, max: usize) -> String {
    markup::code_span(&visible(s, max))
}

/// [`quote`] without the backticks.
pub(crate) fn visible(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n >= max {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || is_invisible(c) => {
                out.push_str(&format!("<U+{:04X}>", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// A short excerpt of `s` around byte offset `at`: up to `before` characters before it and `after`
/// characters from it, on the same line, quoted.
pub(crate) fn excerpt(s: &str, at: usize, before: usize, after: usize) -> String {
    let at = floor_boundary(s, at);
    let head = s.get(..at).unwrap_or("");
    let tail = s.get(at..).unwrap_or("");
    let line_head = head.rsplit('\n').next().unwrap_or("");
    let line_tail = tail.split('\n').next().unwrap_or("");
    let count = line_head.chars().count();
    let skip = count.saturating_sub(before);
    let mut text = String::new();
    if skip > 0 {
        text.push('…');
    }
    text.extend(line_head.chars().skip(skip));
    let tail_count = line_tail.chars().count();
    text.extend(line_tail.chars().take(after));
    if tail_count > after {
        text.push('…');
    }
    quote(&text, before + after + 2)
}

/// "1 header" / "3 headers".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {}", one)
    } else {
        format!("{} {}", n, many)
    }
}

/// Lower-cases the first character when it is an ASCII letter (to put a title inside a sentence).
pub(crate) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_uppercase() => {
            let mut out = String::with_capacity(s.len());
            out.push(c.to_ascii_lowercase());
            out.push_str(chars.as_str());
            out
        }
        _ => s.to_string(),
    }
}

/// The text of a JSON value: a string as it is, anything else written compactly.
pub(crate) fn text_of(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Case-insensitive (ASCII) substring test. The first byte filters candidates, so the cost is
/// linear in practice for the short needles used here.
pub(crate) fn contains_ci(hay: &str, needle: &str) -> bool {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    let Some(first) = n.first().map(u8::to_ascii_lowercase) else {
        return true;
    };
    if n.len() > h.len() {
        return false;
    }
    h.iter()
        .take(h.len() - n.len() + 1)
        .enumerate()
        .any(|(i, b)| {
            b.to_ascii_lowercase() == first
                && h.get(i..i + n.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(n))
        })
}

/// Case-insensitive (ASCII) prefix test.
pub(crate) fn starts_with_ci(hay: &str, prefix: &str) -> bool {
    hay.as_bytes()
        .get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// A byte count for people: "812 bytes", "3.1 MB".
pub(crate) fn size_text(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    const KB: usize = 1024;
    if bytes >= MB {
        let tenths = bytes / (MB / 10);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    } else if bytes >= KB {
        format!("{} kB", bytes / KB)
    } else {
        plural(bytes, "byte", "bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let s = "{\"é\": 1,\n  “x”}";
        let at = s.find('“').unwrap_or(0);
        assert_eq!(pos_of(s, at), Pos { line: 2, col: 3 });
        assert_eq!(offset_of_line_col(s, 2, 3), at);
        assert_eq!(offset_of_line_col(s, 9, 3), s.len());
    }

    #[test]
    fn quoting_is_visible() {
        assert_eq!(quote("a\u{200B}b\n", 10), "`a<U+200B>b\\n`");
        assert_eq!(quote("abcdef", 3), "`abc…`");
        assert_eq!(
            describe_char('\u{201C}'),
            "U+201C LEFT DOUBLE QUOTATION MARK"
        );
        assert_eq!(describe_char('+'), "`+`");
    }

    #[test]
    fn case_insensitive_search() {
        assert!(contains_ci("xxInvoke-RestMethod :", "invoke-restmethod"));
        assert!(!contains_ci("invoke-restmetho", "invoke-restmethod"));
        assert!(contains_ci("ab", ""));
        assert!(contains_ci("aaab", "AAB"));
    }

    #[test]
    fn excerpt_stays_on_its_line() {
        let s = "first\n0123456789abcdef\nlast";
        let at = s.find('a').unwrap_or(0);
        assert_eq!(excerpt(s, at, 3, 2), "`…789ab…`");
    }
}
