//! Parsing the body with serde_json, and, when that fails, saying precisely why: the line and
//! column in the paste, the character found there by name, and the likely cause (curly quotes,
//! truncation, a trailing comma, two pastes, an invisible character, a Python or Node print-out,
//! the placeholder text). Nothing broken is ever repaired.

use serde_json::{error::Category, Map, Value};

use super::paste::{looks_like_claims, NOT_A_RESPONSE};
use super::text::{self, Origin};
use crate::core::report::{Finding, Status};
use crate::core::rule::{fill, Rule};
use crate::core::value::{self, Read};

/// The outcome of parsing the body.
pub(crate) enum Parsed {
    Value(Read),
    /// A JWT debugger's header and payload pasted one after the other.
    DecodedParts {
        header: Map<String, Value>,
        claims: Map<String, Value>,
    },
    Broken(Finding),
}

/// What one pass over the body found outside JSON strings.
#[derive(Default)]
struct Scan {
    first_curly: Option<usize>,
    curly_count: usize,
    first_ellipsis: Option<usize>,
    first_invisible: Option<usize>,
    /// Unclosed `{` and `[` at the end, innermost last.
    open: Vec<u8>,
    in_string_at_end: bool,
}

fn scan(body: &str) -> Scan {
    let mut s = Scan::default();
    let mut in_str = false;
    let mut esc = false;
    let mut prev_dot = 0usize;
    // `...` counts as left-out members only once JSON has begun (not in `Trying …:443...` or other
    // text before the first bracket).
    let mut begun = false;
    for (i, c) in body.char_indices() {
        if in_str {
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == '"' {
                in_str = false;
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' => s.open.push(b'{'),
            '[' => s.open.push(b'['),
            '}' | ']' => {
                s.open.pop();
            }
            '…' if begun && s.first_ellipsis.is_none() => s.first_ellipsis = Some(i),
            _ => {}
        }
        begun |= c == '{' || c == '[';
        if c == '.' && begun {
            prev_dot += 1;
            if prev_dot == 3 && s.first_ellipsis.is_none() {
                s.first_ellipsis = Some(i.saturating_sub(2));
            }
        } else {
            prev_dot = 0;
        }
        if text::is_curly_quote(c) {
            s.curly_count += 1;
            if s.first_curly.is_none() {
                s.first_curly = Some(i);
            }
        }
        if text::is_invisible(c) && s.first_invisible.is_none() {
            s.first_invisible = Some(i);
        }
    }
    s.in_string_at_end = in_str;
    s
}

/// serde_json's message without its " at line L column C" suffix.
fn core_message(err: &serde_json::Error) -> String {
    let full = err.to_string();
    match full.rfind(" at line ") {
        Some(k) => full.get(..k).unwrap_or("").to_string(),
        None => full,
    }
}

/// serde_json's message in plain words ("expected `:`" → "a colon was expected after the member
/// name"), or the message itself when it has none.
fn friendly(msg: &str) -> String {
    let s = match msg {
        "expected value" => "a value was expected here (a string in double quotes, a number, true, false, null, an object or an array)",
        "expected `,` or `}`" => "a comma or the closing `}` was expected here: a comma may be missing between two members, or a quote inside a string is not escaped",
        "expected `,` or `]`" => "a comma or the closing `]` was expected here",
        "expected `:`" => "a colon was expected after the member name",
        "key must be a string" => "a member name in double quotes was expected here",
        "expected ident" => "this word is not JSON (JSON knows only true, false and null)",
        "invalid escape" => "a backslash starts an escape sequence that JSON does not know",
        "recursion limit exceeded" => "the JSON is nested far too deeply to be a token response",
        "invalid number" | "number out of range" => "this number is not valid in JSON",
        "invalid unicode code point" => "a \\u escape names a character that does not exist",
        "lone leading surrogate in hex escape" => "a \\u escape is half of a character pair",
        _ => return msg.to_string(),
    };
    s.to_string()
}

/// Is the word starting at `at` one of Python's `True`, `False`, `None`?
fn python_word_at(body: &str, at: usize) -> bool {
    let rest = body.get(at..).unwrap_or("");
    ["True", "False", "None"].iter().any(|w| {
        rest.starts_with(w)
            && !rest
                .get(w.len()..)
                .unwrap_or("")
                .starts_with(|c: char| c.is_ascii_alphanumeric())
    })
}

/// A JavaScript-style unquoted key (`{ access_token: …`, `, token_type: …`).
fn has_unquoted_key(body: &str) -> bool {
    let b = body.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while i < b.len() {
        if at(i) == b'{' || at(i) == b',' {
            let mut j = i + 1;
            while at(j).is_ascii_whitespace() {
                j += 1;
            }
            let start = j;
            while at(j).is_ascii_alphanumeric() || at(j) == b'_' || at(j) == b'$' {
                j += 1;
            }
            if j > start && !at(start).is_ascii_digit() {
                while at(j) == b' ' {
                    j += 1;
                }
                if at(j) == b':' {
                    return true;
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    false
}

fn looks_like_jwt_header(m: &Map<String, Value>) -> bool {
    m.contains_key("alg") && !m.contains_key("access_token")
}

pub(crate) fn parse(body: &str, origin: Origin) -> Parsed {
    match value::read(body) {
        Ok(read) => Parsed::Value(read),
        Err(err) => diagnose(body, origin, &err),
    }
}

fn at_text(body: &str, origin: Origin, at: usize) -> String {
    origin.map(text::pos_of(body, at)).text()
}

/// Lines that start with their own line numbers (1, 2, 3 …), as an editor or a code viewer
/// copies them: at least three lines, every non-blank line numbered, counting up by one; or the
/// numbers on lines of their own between the lines of JSON (a web page's code view).
fn numbered_lines(body: &str) -> bool {
    let own: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()))
        .take(200)
        .collect();
    if own.len() >= 3 && own.iter().zip(1u64..).all(|(l, k)| l.parse() == Ok(k)) {
        return true;
    }
    let mut expected: Option<u64> = None;
    let mut n = 0;
    for l in body
        .lines()
        .map(str::trim_start)
        .filter(|l| !l.is_empty())
        .take(200)
    {
        let digits = l.bytes().take_while(u8::is_ascii_digit).count();
        let Some(k) = l.get(..digits).and_then(|d| d.parse::<u64>().ok()) else {
            return false;
        };
        if expected.is_some_and(|e| e != k) {
            return false;
        }
        let Some(next) = k.checked_add(1) else {
            return false;
        };
        expected = Some(next);
        n += 1;
    }
    n >= 3
}

// ---------------------------------------------------------------------------------------------
// Broken JSON: the diagnoses, in order of precedence

/// What is known about a body serde_json could not read.
struct Broken<'a> {
    body: &'a str,
    origin: Origin,
    /// serde_json's message, without its position.
    msg: String,
    /// Where serde_json stopped (a byte offset on a char boundary).
    at: usize,
    /// The character there.
    c: Option<char>,
    eof: bool,
    scan: Scan,
}

impl Broken<'_> {
    /// `line L, column C` of byte offset `at`, in the paste's own lines.
    fn pos(&self, at: usize) -> String {
        at_text(self.body, self.origin, at)
    }
}

/// Every diagnosis of broken JSON, in order of precedence: the first that recognises the body
/// explains it.
const DIAGNOSES: &[fn(&Broken) -> Option<Parsed>] = &[
    numbered,
    devtools_preview,
    no_object,
    console_preview,
    placeholder,
    curly_quotes,
    invisible_where_it_breaks,
    invisible_before,
    truncated,
    trailing_comma,
    one_member,
    trailing,
    control_character,
    node_print,
    python_print,
];

fn diagnose(body: &str, origin: Origin, err: &serde_json::Error) -> Parsed {
    let at = text::offset_of_line_col(body, err.line(), err.column());
    let b = Broken {
        body,
        origin,
        msg: core_message(err),
        at,
        c: text::char_at(body, at),
        eof: err.classify() == Category::Eof,
        scan: scan(body),
    };
    DIAGNOSES
        .iter()
        .find_map(|d| d(&b))
        .unwrap_or_else(|| Parsed::Broken(syntax(&b)))
}

/// The base of the `json` rules.
const INVALID: Rule = Rule {
    check: "json",
    status: Status::Fail,
    title: "Valid JSON",
    fix: "Paste the response exactly as the server sent it: everything from the first `{` to the last `}`, unedited. \
          If you changed something by hand, copy it again from the terminal.",
    reference: "RFC 8259",
    headline: "The response is not valid JSON",
    ..Rule::BLANK
};

static NUMBERED_LINES: Rule = Rule {
    key: "json.numbered_lines",
    detail: "Every line starts with its line number (1, 2, 3 …), as an editor or a code viewer copies them. \
             The numbers are not part of the response, and JSON cannot have them.",
    fix: "Copy the response again without line numbers: from the terminal itself, or with the editor's line numbers turned off.",
    ..INVALID
};

fn numbered(b: &Broken) -> Option<Parsed> {
    numbered_lines(b.body).then(|| Parsed::Broken(NUMBERED_LINES.finding()))
}

/// The base of the `paste_node` rules.
const NODE_PRINT: Rule = Rule {
    check: "paste_node",
    status: Status::Fail,
    title: "A JavaScript object print-out, not JSON",
    reference: "RFC 8259",
    headline: "This is a JavaScript print-out of the response, not its JSON text",
    ..Rule::BLANK
};

static CONSOLE_PREVIEW: Rule = Rule {
    key: "paste.node.console_preview",
    detail: "This is how a browser console (or Node.js) shows an object: names without quotes, strings in single quotes, and long values such as the token shortened with `…`. \
             It is a preview, not the response text.",
    fix: "In the console, run `copy(JSON.stringify(data))` (with your variable's name) and paste the result here; or run the curl command above and paste its output.",
    ..NODE_PRINT
};

/// A browser console's preview of an object: bare names, single quotes, long values cut with
/// `…`. Not the example text, although it has the ellipsis.
fn console_preview(b: &Broken) -> Option<Parsed> {
    let preview =
        b.scan.first_ellipsis.is_some() && b.body.contains('\'') && has_unquoted_key(b.body);
    preview.then(|| Parsed::Broken(CONSOLE_PREVIEW.finding()))
}

/// An object copied from the developer tools' Preview pane (bare names, double quotes).
fn devtools_preview(b: &Broken) -> Option<Parsed> {
    super::misread::devtools_preview(b.body, has_unquoted_key(b.body)).map(Parsed::Broken)
}

/// Text with no JSON object in it at all (a log, a message): it holds no response. One member
/// copied alone (`"token_type": "Bearer"`) is [`one_member`]'s.
fn no_object(b: &Broken) -> Option<Parsed> {
    let alone = b.body.starts_with('"');
    (!alone && super::misread::holds_no_response(b.body))
        .then(|| Parsed::Broken(super::misread::no_response(b.body)))
}

static PLACEHOLDER: Rule = Rule {
    key: "paste.placeholder",
    check: "paste_placeholder",
    status: Status::Fail,
    title: "Example text instead of a response",
    detail: "The paste has {ellipsis} at {at} where JSON members should be: this is the example text shown in the box, or a response shortened by hand. \
             The checker needs the real, complete response.",
    fix: "Run the token request and paste everything the server sent back, from `{` to `}`, without shortening the token. \
          What you paste is checked in your browser and is not sent anywhere.",
    reference: "RFC 6749 §5.1",
    headline: "This is the example text (or a shortened response), not a real response",
};

/// The placeholder or a response shortened by hand: `...` where members should be.
fn placeholder(b: &Broken) -> Option<Parsed> {
    let k = b.scan.first_ellipsis?;
    let unicode = b.body.get(k..).is_some_and(|r| r.starts_with('…'));
    let ellipsis = if unicode { "`…`" } else { "`...`" };
    Some(Parsed::Broken(
        PLACEHOLDER.with(&[("ellipsis", ellipsis), ("at", &b.pos(k))]),
    ))
}

static CURLY_QUOTES: Rule = Rule {
    key: "json.curly_quotes",
    check: "json_curly_quotes",
    title: "Curly quotes instead of straight quotes",
    detail: "At {at} there is {char}. \
             The paste has {count} where JSON needs straight quotes (`\"`): a chat app, word processor or note app replaced them (\"smart quotes\").",
    fix: "Copy the response straight from the terminal (or from the saved file) into this box, not through a chat, e-mail or document — or turn off smart quotes where you pasted it first.",
    reference: "RFC 8259 §7",
    headline: "Curly quotes break the JSON; paste it straight from the terminal",
    ..INVALID
};

/// Curly quotes: the first one is where JSON breaks (or before it).
fn curly_quotes(b: &Broken) -> Option<Parsed> {
    let k = b.scan.first_curly?;
    if !(k <= b.at || b.c.is_some_and(text::is_curly_quote)) {
        return None;
    }
    let ch = text::char_at(b.body, k).unwrap_or('"');
    let count = text::plural(b.scan.curly_count, "curly quote", "curly quotes");
    Some(Parsed::Broken(CURLY_QUOTES.with(&[
        ("at", &b.pos(k)),
        ("char", &text::describe_char(ch)),
        ("count", &count),
    ])))
}

static INVISIBLE: Rule = Rule {
    key: "json.invisible_character",
    check: "json_invisible",
    title: "An invisible character",
    detail: "At {at} there is {char}, an invisible character that JSON does not accept there. \
             It usually comes along when text is copied through a web page, chat or document. \
             Around it: {excerpt}.",
    fix: "Copy the response again straight from the terminal, or delete the invisible character: put the cursor just after it and press Backspace once (the text will not seem to change).",
    reference: "RFC 8259 §2",
    headline: "An invisible character breaks the JSON",
    ..INVALID
};

fn invisible(body: &str, origin: Origin, at: usize, ch: char) -> Finding {
    INVISIBLE.with(&[
        ("at", &at_text(body, origin, at)),
        ("char", &text::describe_char(ch)),
        ("excerpt", &text::excerpt(body, at, 20, 12)),
    ])
}

/// An invisible character where JSON breaks.
fn invisible_where_it_breaks(b: &Broken) -> Option<Parsed> {
    let ch = b.c.filter(|&ch| text::is_invisible(ch))?;
    Some(Parsed::Broken(invisible(b.body, b.origin, b.at, ch)))
}

/// An invisible character before the place JSON breaks (other than the space-like ones, which
/// extraction reads as spaces between members).
fn invisible_before(b: &Broken) -> Option<Parsed> {
    let k = b.scan.first_invisible.filter(|&k| k < b.at)?;
    let ch = text::char_at(b.body, k)?;
    (ch != '\u{00A0}' && ch != '\u{202F}' && ch != '\u{2007}')
        .then(|| Parsed::Broken(invisible(b.body, b.origin, k, ch)))
}

static TRUNCATED: Rule = Rule {
    key: "json.truncated",
    check: "json_truncated",
    title: "The response is cut off",
    detail: "The JSON stops at {at} before it is complete{state}: the end of the response is missing, so the copy probably stopped short.",
    fix: "Copy the response again, all the way to its closing `}`. \
          Long tokens are easy to cut when selecting in a terminal: add `-o response.json` to the curl command, then open that file in a text editor and copy everything in it.",
    headline: "The response is cut off before the JSON ends",
    ..INVALID
};
const STRING_OPEN: &str = "a string is still open";
const NOT_CLOSED: &str = "{what} not closed";

fn truncated(b: &Broken) -> Option<Parsed> {
    if !b.eof {
        return None;
    }
    let sc = &b.scan;
    let last = text::floor_boundary(b.body, b.body.len().saturating_sub(1));
    let mut open = Vec::new();
    if sc.in_string_at_end {
        open.push(STRING_OPEN.to_string());
    }
    let braces = sc.open.iter().filter(|b| **b == b'{').count();
    let brackets = sc.open.len() - braces;
    if braces > 0 {
        let what = text::plural(braces, "opening `{`", "opening `{`s");
        open.push(fill(NOT_CLOSED, &[("what", &what)]));
    }
    if brackets > 0 {
        let what = text::plural(brackets, "opening `[`", "opening `[`s");
        open.push(fill(NOT_CLOSED, &[("what", &what)]));
    }
    let state = if open.is_empty() {
        String::new()
    } else {
        format!(" ({})", open.join(", "))
    };
    Some(Parsed::Broken(
        TRUNCATED.with(&[("at", &b.pos(last)), ("state", &state)]),
    ))
}

static TRAILING_COMMA: Rule = Rule {
    key: "json.trailing_comma",
    check: "json_trailing_comma",
    title: "A comma before a closing bracket",
    detail: "At {at} a comma comes right before {closer}: JSON does not allow a comma after the last member. \
             That happens when a member was deleted or the JSON was edited by hand.",
    fix: "Paste the response exactly as the server sent it, without editing it. \
          If you removed something, copy the response again from the terminal.",
    reference: "RFC 8259 §4",
    headline: "A comma before a closing bracket breaks the JSON",
    ..INVALID
};
const THE_CLOSING_BRACKET: &str = "the closing bracket";

/// serde_json says "trailing comma" where it builds values, and "expected value" or "key must be
/// a string" where it only reads through (past `value::KEPT`); all point at the bracket.
fn trailing_comma(b: &Broken) -> Option<Parsed> {
    let comma_before = matches!(b.c, Some(']' | '}'))
        && b.body
            .get(..b.at)
            .is_some_and(|h| h.trim_end().ends_with(','));
    let reads_through = b.msg == "expected value" || b.msg == "key must be a string";
    if !(b.msg == "trailing comma" || (reads_through && comma_before)) {
        return None;
    }
    // serde points at the bracket; the comma is the last non-space character before it.
    let head = b.body.get(..b.at).unwrap_or("");
    let comma = head.trim_end().len().saturating_sub(1);
    let closer =
        b.c.map(text::describe_char)
            .unwrap_or_else(|| THE_CLOSING_BRACKET.to_string());
    Some(Parsed::Broken(
        TRAILING_COMMA.with(&[("at", &b.pos(comma)), ("closer", &closer)]),
    ))
}

static ONE_MEMBER: Rule = Rule {
    key: "paste.one_member",
    detail: "This is one member of a response ({member}), without the `{` and `}` around it and without the other members.",
    fix: "Copy the whole response, from its first `{` to its last `}`: the checker needs token_type and expires_in as well as the token.",
    ..NOT_A_RESPONSE
};

/// One member line, copied without the object around it: `"access_token": "eyJ…",`.
fn one_member(b: &Broken) -> Option<Parsed> {
    let member = b.msg == "trailing characters" && b.body.starts_with('"') && b.c == Some(':');
    let line = b.body.lines().next().unwrap_or("");
    member.then(|| Parsed::Broken(ONE_MEMBER.with(&[("member", &text::quote(line, 40))])))
}

static LINE_BREAK: Rule = Rule {
    key: "json.line_break_in_string",
    check: "json_line_break",
    title: "A line break inside a string",
    detail: "The string that starts at {start} runs past the end of its line (at {at}). \
             JSON strings cannot contain line breaks; a terminal or editor most likely wrapped a long token onto the next line when it was copied.",
    fix: "Copy the response again without wrapping: widen the terminal, save it to a file (`curl … -o response.json`) and copy from there, or join the broken lines so that each string is on one line.",
    reference: "RFC 8259 §7",
    headline: "A line break inside a string breaks the JSON (a long value was wrapped)",
    ..INVALID
};
static CONTROL_CHARACTER: Rule = Rule {
    key: "json.control_character",
    detail: "The response is not valid JSON. \
             At {at} ({found}): {char} inside a string, which JSON does not allow. \
             Around it: {excerpt}.",
    ..INVALID
};

fn control_character(b: &Broken) -> Option<Parsed> {
    if !b.msg.starts_with("control character") {
        return None;
    }
    // serde reports a raw line break inside a string at column 0 of the next line.
    let mut at = b.at;
    if b.c != Some('\n') && at > 0 && b.body.as_bytes().get(at - 1) == Some(&b'\n') {
        at -= 1;
    }
    let ch = text::char_at(b.body, at).unwrap_or('\n');
    if ch != '\n' {
        let named = text::describe_char(ch);
        return Some(Parsed::Broken(located(
            &CONTROL_CHARACTER,
            b,
            at,
            &[("char", &named)],
        )));
    }
    let head = b.body.get(..at).unwrap_or("");
    let string_start = head.rfind('"').unwrap_or(0);
    Some(Parsed::Broken(LINE_BREAK.with(&[
        ("start", &b.pos(string_start)),
        ("at", &b.pos(at)),
    ])))
}

static NODE_OBJECT: Rule = Rule {
    key: "paste.node.print",
    detail: "This looks like a JavaScript object as Node.js prints it (console.log): member names without quotes and strings in single quotes. \
             JSON needs double quotes around both; it breaks at {at} ({char}).",
    fix: "Print the response text itself: `console.log(await res.text())`, or `console.log(JSON.stringify(data))` for a parsed object. \
          Or run the curl command and paste its output.",
    ..NODE_PRINT
};
const THE_END: &str = "the end";

/// The character at the break, named, or "the end".
fn char_there(b: &Broken) -> String {
    b.c.map(text::describe_char)
        .unwrap_or_else(|| THE_END.to_string())
}

/// Signs of a Python dictionary at the break: a single quote after `{'` or `': `, or `True`,
/// `False`, `None`.
fn python_signs(b: &Broken) -> bool {
    (b.c == Some('\'') && (b.body.contains("{'") || b.body.contains("': ")))
        || (b.c.is_some_and(|ch| matches!(ch, 'T' | 'F' | 'N')) && python_word_at(b.body, b.at))
}

fn node_print(b: &Broken) -> Option<Parsed> {
    (has_unquoted_key(b.body) && !python_signs(b)).then(|| {
        Parsed::Broken(NODE_OBJECT.with(&[("at", &b.pos(b.at)), ("char", &char_there(b))]))
    })
}

static PYTHON_DICT: Rule = Rule {
    key: "paste.python.print",
    check: "paste_python",
    status: Status::Fail,
    title: "A Python dictionary print-out, not JSON",
    detail: "This looks like a Python dictionary printed with print(): {sign} \
             JSON needs double quotes and `true`, `false`, `null`. \
             It breaks at {at} ({char}).",
    fix: "Print the response text instead of the parsed dictionary: `print(response.text)`, or `print(json.dumps(response.json()))`. \
          Or run the curl command and paste its output.",
    reference: "RFC 8259",
    headline: super::tools::PYTHON_HEADLINE,
};
const PYTHON_WORDS: &str = "it uses Python's `True`, `False` or `None`.";
const PYTHON_QUOTES: &str = "its names and strings are in single quotes.";

fn python_print(b: &Broken) -> Option<Parsed> {
    if !(b.c == Some('\'') || python_signs(b)) {
        return None;
    }
    let sign = if python_word_at(b.body, b.at) {
        PYTHON_WORDS
    } else {
        PYTHON_QUOTES
    };
    Some(Parsed::Broken(PYTHON_DICT.with(&[
        ("sign", sign),
        ("at", &b.pos(b.at)),
        ("char", &char_there(b)),
    ])))
}

static SYNTAX: Rule = Rule {
    key: "json.syntax",
    detail: "The response is not valid JSON. \
             At {at} ({found}): {what}. \
             Around it: {excerpt}.",
    ..INVALID
};
static TEXT_BEFORE: Rule = Rule {
    key: "json.text_before",
    detail: "The response is not valid JSON. \
             At {at} ({found}): {what}. \
             The JSON seems to start at {start}; remove the text before it. \
             Around it: {excerpt}.",
    ..INVALID
};
static TEXT_AFTER: Rule = Rule {
    key: "json.text_after",
    detail: "The response is not valid JSON. \
             At {at} ({found}): the JSON ended at {end} but more text follows. \
             Around it: {excerpt}.",
    ..INVALID
};
const END_OF_PASTE: &str = "the end of the paste";

/// A rule whose detail locates the break: `{at}`, `{found}` (the character there) and
/// `{excerpt}` around it, besides `args`.
fn located(rule: &'static Rule, b: &Broken, at: usize, args: &[(&str, &str)]) -> Finding {
    let found = match text::char_at(b.body, at) {
        Some(ch) => text::describe_char(ch),
        None => END_OF_PASTE.to_string(),
    };
    let pos = b.pos(at);
    let excerpt = text::excerpt(b.body, at, 24, 16);
    let mut all = vec![
        ("at", pos.as_str()),
        ("found", found.as_str()),
        ("excerpt", excerpt.as_str()),
    ];
    all.extend_from_slice(args);
    rule.with(&all)
}

/// Any other syntax error, in serde_json's words made plain.
fn syntax(b: &Broken) -> Finding {
    let what = friendly(&b.msg);
    if text::pos_of(b.body, b.at) == (text::Pos { line: 1, col: 1 }) {
        if let Some(k) = b.body.find("\n{") {
            return located(
                &TEXT_BEFORE,
                b,
                b.at,
                &[("what", &what), ("start", &b.pos(k + 1))],
            );
        }
    }
    located(&SYNTAX, b, b.at, &[("what", &what)])
}

const MORE_THAN_ONE: Rule = Rule {
    check: "json_duplicate",
    title: "More than one JSON value",
    fix: "Clear the box and paste the response once.",
    reference: "RFC 6749 §5.1",
    headline: "The paste holds more than one JSON value; paste the response once",
    ..INVALID
};
static PASTED_TWICE: Rule = Rule {
    key: "json.pasted_twice",
    detail:
        "A complete JSON value ends at {end}, and the same value starts right after it at {start}. \
             The response was pasted twice.",
    ..MORE_THAN_ONE
};
static TWO_VALUES: Rule = Rule {
    key: "json.two_values",
    detail: "A complete JSON value ends at {end}, and another one starts right after it at {start}. \
             A token response is one JSON object; two were pasted (two responses, or a response and something else).",
    ..MORE_THAN_ONE
};

/// Text after a complete JSON value: a second paste, jwt.io's header + payload, or other text.
fn trailing(b: &Broken) -> Option<Parsed> {
    if b.msg != "trailing characters" {
        return None;
    }
    let (body, origin) = (b.body, b.origin);
    let mut stream = serde_json::Deserializer::from_str(body).into_iter::<value::Whole>();
    let first = stream.next().and_then(Result::ok).map(|w| w.0);
    let first_end = stream.byte_offset();
    let after = body.get(first_end..).unwrap_or("");
    let second_start = body.len() - after.trim_start().len();
    let second = stream.next().and_then(Result::ok).map(|w| w.0);
    let rest = body.get(second_start..).unwrap_or("");

    if let (Some(Value::Object(a)), Some(Value::Object(c))) = (&first, &second) {
        if looks_like_jwt_header(a) && looks_like_claims(c) {
            return Some(Parsed::DecodedParts {
                header: a.clone(),
                claims: c.clone(),
            });
        }
    }
    let end = b.pos(first_end.saturating_sub(1));
    if rest.starts_with('{') || rest.starts_with('[') {
        let rule = if first.is_some() && first == second {
            &PASTED_TWICE
        } else {
            &TWO_VALUES
        };
        let start = at_text(body, origin, second_start);
        return Some(Parsed::Broken(
            rule.with(&[("end", &end), ("start", &start)]),
        ));
    }
    Some(Parsed::Broken(located(
        &TEXT_AFTER,
        b,
        second_start,
        &[("end", &end)],
    )))
}

/// Every rule of this module, for the catalog (`crate::core::check::catalog`).
pub(crate) const RULES: &[&Rule] = &[
    &NUMBERED_LINES,
    &CONSOLE_PREVIEW,
    &PLACEHOLDER,
    &CURLY_QUOTES,
    &INVISIBLE,
    &TRUNCATED,
    &TRAILING_COMMA,
    &ONE_MEMBER,
    &LINE_BREAK,
    &CONTROL_CHARACTER,
    &NODE_OBJECT,
    &PYTHON_DICT,
    &SYNTAX,
    &TEXT_BEFORE,
    &TEXT_AFTER,
    &PASTED_TWICE,
    &TWO_VALUES,
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule that explains a broken body ("" when it parses).
    fn rule(body: &str) -> &'static str {
        match parse(body, Origin::default()) {
            Parsed::Broken(f) => f.rule.key,
            Parsed::Value(_) | Parsed::DecodedParts { .. } => "",
        }
    }

    fn detail(body: &str) -> String {
        match parse(body, Origin::default()) {
            Parsed::Broken(f) => f.detail,
            Parsed::Value(_) | Parsed::DecodedParts { .. } => String::new(),
        }
    }

    #[test]
    fn classes() {
        assert_eq!(rule("{“access_token”: “x”}"), "json.curly_quotes");
        assert_eq!(rule("{\"a\": \"x"), "json.truncated");
        assert_eq!(rule("{\"a\": 1,\n}"), "json.trailing_comma");
        assert_eq!(rule("{\"a\":1}{\"a\":1}"), "json.pasted_twice");
        assert_eq!(rule("{\"a\":1}{\"b\":1}"), "json.two_values");
        assert_eq!(rule("{\"a\":\u{200B}1}"), "json.invisible_character");
        assert_eq!(rule("{'a': 'b', 'c': True}"), "paste.python.print");
        assert_eq!(
            rule("{ access_token: 'x', expires_in: 5 }"),
            "paste.node.print"
        );
        assert_eq!(
            rule("{ \"token_type\": \"Bearer\", ... }"),
            "paste.placeholder"
        );
        assert_eq!(rule("{\"a\": \"x\ny\"}"), "json.line_break_in_string");
        assert_eq!(rule("{\"a\": 1} trailing"), "json.text_after");
        assert_eq!(rule("{\"a\": 1}"), "");
    }

    #[test]
    fn positions_in_messages() {
        let d = detail("{\n  \"a\": “x”\n}");
        assert!(d.contains("line 2, column 8"), "{d}");
        assert!(d.contains("U+201C LEFT DOUBLE QUOTATION MARK"), "{d}");
        let d = detail("{\"a\": 1,\n}");
        assert!(d.contains("line 1, column 8"), "{d}");
    }
}
