//! Parsing the body with serde_json, and, when that fails, saying precisely why: the line and
//! column in the paste, the character found there by name, and the likely cause (curly quotes,
//! truncation, a trailing comma, two pastes, an invisible character, a Python or Node print-out,
//! the placeholder text). Nothing broken is ever repaired.

use serde_json::{error::Category, Map, Value};

use super::text::{self, Origin};
use crate::core::report::{Finding, Status};
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

fn friendly(msg: &str) -> String {
    let s = match msg {
        "expected value" => {
            "a value was expected here (a string in double quotes, a number, true, false, null, an \
             object or an array)"
        }
        "expected `,` or `}`" => {
            "a comma or the closing `}` was expected here: a comma may be missing between two \
             members, or a quote inside a string is not escaped"
        }
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

fn looks_like_claims(m: &Map<String, Value>) -> bool {
    ["iss", "sub", "aud", "exp", "iat"]
        .iter()
        .filter(|k| m.contains_key(**k))
        .count()
        >= 2
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

fn diagnose(body: &str, origin: Origin, err: &serde_json::Error) -> Parsed {
    if numbered_lines(body) {
        return Parsed::Broken(
            Finding::new(
                "json",
                Status::Fail,
                "Valid JSON",
                "Every line starts with its line number (1, 2, 3 …), as an editor or a code viewer \
                 copies them. The numbers are not part of the response, and JSON cannot have them.",
            )
            .with_fix(
                "Copy the response again without line numbers: from the terminal itself, or with \
                 the editor's line numbers turned off.",
            )
            .with_reference("RFC 8259"),
        );
    }
    let msg = core_message(err);
    let mut at = text::offset_of_line_col(body, err.line(), err.column());
    let sc = scan(body);
    let c = text::char_at(body, at);

    // A browser console's preview of an object: bare names, single quotes, long values cut
    // with `…`. Not the example text, although it has the ellipsis.
    if sc.first_ellipsis.is_some() && body.contains('\'') && has_unquoted_key(body) {
        return Parsed::Broken(
            Finding::new(
                "paste_node",
                Status::Fail,
                "A JavaScript object print-out, not JSON",
                "This is how a browser console (or Node.js) shows an object: names without quotes, \
                 strings in single quotes, and long values such as the token shortened with `…`. \
                 It is a preview, not the response text.",
            )
            .with_fix(
                "In the console, run `copy(JSON.stringify(data))` (with your variable's name) and \
                 paste the result here; or run the curl command above and paste its output.",
            )
            .with_reference("RFC 8259"),
        );
    }

    // The placeholder or a response shortened by hand: `...` where members should be.
    if let Some(k) = sc.first_ellipsis {
        return Parsed::Broken(
            Finding::new(
                "paste_placeholder",
                Status::Fail,
                "Example text instead of a response",
                format!(
                    "The paste has {} at {} where JSON members should be: this is the example text \
                     shown in the box, or a response shortened by hand. The checker needs the real, \
                     complete response.",
                    if body.get(k..).is_some_and(|r| r.starts_with('…')) { "`…`" } else { "`...`" },
                    at_text(body, origin, k)
                ),
            )
            .with_fix(
                "Run the token request and paste everything the server sent back, from `{` to `}`, \
                 without shortening the token. What you paste is checked in your browser and is not \
                 sent anywhere.",
            )
            .with_reference("RFC 6749 §5.1"),
        );
    }

    // Curly quotes: the first one is where JSON breaks (or before it).
    if let Some(k) = sc.first_curly {
        if k <= at || c.is_some_and(text::is_curly_quote) {
            let ch = text::char_at(body, k).unwrap_or('"');
            return Parsed::Broken(
                Finding::new(
                    "json_curly_quotes",
                    Status::Fail,
                    "Curly quotes instead of straight quotes",
                    format!(
                        "At {} there is {}. The paste has {} where JSON needs straight quotes (`\"`): a \
                         chat app, word processor or note app replaced them (\"smart quotes\").",
                        at_text(body, origin, k),
                        text::describe_char(ch),
                        text::plural(sc.curly_count, "curly quote", "curly quotes"),
                    ),
                )
                .with_fix(
                    "Copy the response straight from the terminal (or from the saved file) into this \
                     box, not through a chat, e-mail or document — or turn off smart quotes where you \
                     pasted it first.",
                )
                .with_reference("RFC 8259 §7"),
            );
        }
    }

    // An invisible character where JSON breaks.
    if let Some(ch) = c.filter(|&ch| text::is_invisible(ch)) {
        return Parsed::Broken(invisible(body, origin, at, ch));
    }
    if let Some(k) = sc.first_invisible.filter(|&k| k < at) {
        if let Some(ch) = text::char_at(body, k) {
            if ch != '\u{00A0}' && ch != '\u{202F}' && ch != '\u{2007}' {
                return Parsed::Broken(invisible(body, origin, k, ch));
            }
        }
    }

    if err.classify() == Category::Eof {
        return Parsed::Broken(truncated(body, origin, &sc));
    }

    // serde_json says "trailing comma" where it builds values, and "expected value" or "key must
    // be a string" where it only reads through (past `value::KEPT`); all point at the bracket.
    let comma_before = || {
        matches!(c, Some(']' | '}')) && body.get(..at).is_some_and(|h| h.trim_end().ends_with(','))
    };
    if msg == "trailing comma"
        || ((msg == "expected value" || msg == "key must be a string") && comma_before())
    {
        // serde points at the bracket; the comma is the last non-space character before it.
        let head = body.get(..at).unwrap_or("");
        let comma = head.trim_end().len().saturating_sub(1);
        let closer = c
            .map(text::describe_char)
            .unwrap_or_else(|| "the closing bracket".to_string());
        return Parsed::Broken(
            Finding::new(
                "json_trailing_comma",
                Status::Fail,
                "A comma before a closing bracket",
                format!(
                    "At {} a comma comes right before {}: JSON does not allow a comma after the last \
                     member. That happens when a member was deleted or the JSON was edited by hand.",
                    at_text(body, origin, comma),
                    closer
                ),
            )
            .with_fix(
                "Paste the response exactly as the server sent it, without editing it. If you removed \
                 something, copy the response again from the terminal.",
            )
            .with_reference("RFC 8259 §4"),
        );
    }

    // One member line, copied without the object around it: `"access_token": "eyJ…",`.
    if msg == "trailing characters" && body.starts_with('"') && c == Some(':') {
        return Parsed::Broken(
            Finding::new(
                "paste_not_token_response",
                Status::Fail,
                "What was pasted",
                format!(
                    "This is one member of a response ({}), without the `{{` and `}}` around it and \
                     without the other members.",
                    text::quote(body.lines().next().unwrap_or(""), 40)
                ),
            )
            .with_fix(
                "Copy the whole response, from its first `{` to its last `}`: the checker needs \
                 token_type and expires_in as well as the token.",
            )
            .with_reference("RFC 6749 §5.1"),
        );
    }
    if msg == "trailing characters" {
        return trailing(body, origin, at);
    }

    if msg.starts_with("control character") {
        // serde reports a raw line break inside a string at column 0 of the next line.
        if c != Some('\n') && at > 0 && body.as_bytes().get(at - 1) == Some(&b'\n') {
            at -= 1;
        }
        let ch = text::char_at(body, at).unwrap_or('\n');
        if ch == '\n' {
            let head = body.get(..at).unwrap_or("");
            let string_start = head.rfind('"').unwrap_or(0);
            return Parsed::Broken(
                Finding::new(
                    "json_line_break",
                    Status::Fail,
                    "A line break inside a string",
                    format!(
                        "The string that starts at {} runs past the end of its line (at {}). JSON \
                         strings cannot contain line breaks; a terminal or editor most likely wrapped a \
                         long token onto the next line when it was copied.",
                        at_text(body, origin, string_start),
                        at_text(body, origin, at)
                    ),
                )
                .with_fix(
                    "Copy the response again without wrapping: widen the terminal, save it to a file \
                     (`curl … -o response.json`) and copy from there, or join the broken lines so that \
                     each string is on one line.",
                )
                .with_reference("RFC 8259 §7"),
            );
        }
        return Parsed::Broken(generic(
            body,
            origin,
            at,
            &format!(
                "{} inside a string, which JSON does not allow",
                text::describe_char(ch)
            ),
        ));
    }

    let python_signs = (c == Some('\'') && (body.contains("{'") || body.contains("': ")))
        || (c.is_some_and(|ch| matches!(ch, 'T' | 'F' | 'N')) && python_word_at(body, at));
    if has_unquoted_key(body) && !python_signs {
        return Parsed::Broken(
            Finding::new(
                "paste_node",
                Status::Fail,
                "A JavaScript object print-out, not JSON",
                format!(
                    "This looks like a JavaScript object as Node.js prints it (console.log): member \
                     names without quotes and strings in single quotes. JSON needs double quotes \
                     around both; it breaks at {} ({}).",
                    at_text(body, origin, at),
                    c.map(text::describe_char).unwrap_or_else(|| "the end".to_string())
                ),
            )
            .with_fix(
                "Print the response text itself: `console.log(await res.text())`, or \
                 `console.log(JSON.stringify(data))` for a parsed object. Or run the curl command and \
                 paste its output.",
            )
            .with_reference("RFC 8259"),
        );
    }
    if c == Some('\'') || python_signs {
        return Parsed::Broken(
            Finding::new(
                "paste_python",
                Status::Fail,
                "A Python dictionary print-out, not JSON",
                format!(
                    "This looks like a Python dictionary printed with print(): {} JSON needs double \
                     quotes and `true`, `false`, `null`. It breaks at {} ({}).",
                    if python_word_at(body, at) {
                        "it uses Python's `True`, `False` or `None`."
                    } else {
                        "its names and strings are in single quotes."
                    },
                    at_text(body, origin, at),
                    c.map(text::describe_char).unwrap_or_else(|| "the end".to_string())
                ),
            )
            .with_fix(
                "Print the response text instead of the parsed dictionary: `print(response.text)`, \
                 or `print(json.dumps(response.json()))`. Or run the curl command and paste its \
                 output.",
            )
            .with_reference("RFC 8259"),
        );
    }

    let mut detail = friendly(&msg);
    if text::pos_of(body, at) == (text::Pos { line: 1, col: 1 }) {
        if let Some(k) = body.find("\n{") {
            detail.push_str(&format!(
                ". The JSON seems to start at {}; remove the text before it",
                at_text(body, origin, k + 1)
            ));
        }
    }
    Parsed::Broken(generic(body, origin, at, &detail))
}

fn generic(body: &str, origin: Origin, at: usize, what: &str) -> Finding {
    let found = match text::char_at(body, at) {
        Some(ch) => text::describe_char(ch),
        None => "the end of the paste".to_string(),
    };
    Finding::new(
        "json",
        Status::Fail,
        "Valid JSON",
        format!(
            "The response is not valid JSON. At {} ({}): {}. Around it: {}.",
            at_text(body, origin, at),
            found,
            what,
            text::excerpt(body, at, 24, 16)
        ),
    )
    .with_fix(
        "Paste the response exactly as the server sent it: everything from the first `{` to the last \
         `}`, unedited. If you changed something by hand, copy it again from the terminal.",
    )
    .with_reference("RFC 8259")
}

fn invisible(body: &str, origin: Origin, at: usize, ch: char) -> Finding {
    Finding::new(
        "json_invisible",
        Status::Fail,
        "An invisible character",
        format!(
            "At {} there is {}, an invisible character that JSON does not accept there. It usually \
             comes along when text is copied through a web page, chat or document. Around it: {}.",
            at_text(body, origin, at),
            text::describe_char(ch),
            text::excerpt(body, at, 20, 12)
        ),
    )
    .with_fix(
        "Copy the response again straight from the terminal, or delete the invisible character: put \
         the cursor just after it and press Backspace once (the text will not seem to change).",
    )
    .with_reference("RFC 8259 §2")
}

fn truncated(body: &str, origin: Origin, sc: &Scan) -> Finding {
    let end = body.len();
    let last = text::floor_boundary(body, end.saturating_sub(1));
    let mut open = Vec::new();
    if sc.in_string_at_end {
        open.push("a string is still open".to_string());
    }
    let braces = sc.open.iter().filter(|b| **b == b'{').count();
    let brackets = sc.open.len() - braces;
    if braces > 0 {
        open.push(format!(
            "{} not closed",
            text::plural(braces, "opening `{`", "opening `{`s")
        ));
    }
    if brackets > 0 {
        open.push(format!(
            "{} not closed",
            text::plural(brackets, "opening `[`", "opening `[`s")
        ));
    }
    let state = if open.is_empty() {
        String::new()
    } else {
        format!(" ({})", open.join(", "))
    };
    Finding::new(
        "json_truncated",
        Status::Fail,
        "The response is cut off",
        format!(
            "The JSON stops at {} before it is complete{}: the end of the response is missing, so the \
             copy probably stopped short.",
            at_text(body, origin, last),
            state
        ),
    )
    .with_fix(
        "Copy the response again, all the way to its closing `}`. Long tokens are easy to cut when \
         selecting in a terminal: add `-o response.json` to the curl command, then open that file \
         in a text editor and copy everything in it.",
    )
    .with_reference("RFC 8259")
}

/// Text after a complete JSON value: a second paste, jwt.io's header + payload, or other text.
fn trailing(body: &str, origin: Origin, at: usize) -> Parsed {
    let mut stream = serde_json::Deserializer::from_str(body).into_iter::<value::Whole>();
    let first = stream.next().and_then(Result::ok).map(|w| w.0);
    let first_end = stream.byte_offset();
    let after = body.get(first_end..).unwrap_or("");
    let second_start = body.len() - after.trim_start().len();
    let second = stream.next().and_then(Result::ok).map(|w| w.0);
    let rest = body.get(second_start..).unwrap_or("");

    if let (Some(Value::Object(a)), Some(Value::Object(b))) = (&first, &second) {
        if looks_like_jwt_header(a) && looks_like_claims(b) {
            return Parsed::DecodedParts {
                header: a.clone(),
                claims: b.clone(),
            };
        }
    }
    if rest.starts_with('{') || rest.starts_with('[') {
        let same = first.is_some() && first == second;
        return Parsed::Broken(
            Finding::new(
                "json_duplicate",
                Status::Fail,
                "More than one JSON value",
                format!(
                    "A complete JSON value ends at {}, and {} starts right after it at {}. {}",
                    at_text(body, origin, first_end.saturating_sub(1)),
                    if same {
                        "the same value"
                    } else {
                        "another one"
                    },
                    at_text(body, origin, second_start),
                    if same {
                        "The response was pasted twice."
                    } else {
                        "A token response is one JSON object; two were pasted (two responses, or a \
                         response and something else)."
                    }
                ),
            )
            .with_fix("Clear the box and paste the response once.")
            .with_reference("RFC 6749 §5.1"),
        );
    }
    let _ = at;
    Parsed::Broken(generic(
        body,
        origin,
        second_start,
        &format!(
            "the JSON ended at {} but more text follows",
            at_text(body, origin, first_end.saturating_sub(1))
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn broken(body: &str) -> Finding {
        match parse(body, Origin::default()) {
            Parsed::Broken(f) => f,
            Parsed::Value(_) | Parsed::DecodedParts { .. } => {
                Finding::new("ok", Status::Pass, "", "")
            }
        }
    }

    #[test]
    fn classes() {
        assert_eq!(broken("{“access_token”: “x”}").id, "json_curly_quotes");
        assert_eq!(broken("{\"a\": \"x").id, "json_truncated");
        assert_eq!(broken("{\"a\": 1,\n}").id, "json_trailing_comma");
        assert_eq!(broken("{\"a\":1}{\"a\":1}").id, "json_duplicate");
        assert_eq!(broken("{\"a\":\u{200B}1}").id, "json_invisible");
        assert_eq!(broken("{'a': 'b', 'c': True}").id, "paste_python");
        assert_eq!(
            broken("{ access_token: 'x', expires_in: 5 }").id,
            "paste_node"
        );
        assert_eq!(
            broken("{ \"token_type\": \"Bearer\", ... }").id,
            "paste_placeholder"
        );
        assert_eq!(broken("{\"a\": \"x\ny\"}").id, "json_line_break");
        assert_eq!(broken("{\"a\": 1} trailing").id, "json");
    }

    #[test]
    fn positions_in_messages() {
        let f = broken("{\n  \"a\": “x”\n}");
        assert!(f.detail.contains("line 2, column 8"), "{}", f.detail);
        assert!(
            f.detail.contains("U+201C LEFT DOUBLE QUOTATION MARK"),
            "{}",
            f.detail
        );
        let f = broken("{\"a\": 1,\n}");
        assert!(f.detail.contains("line 1, column 8"), "{}", f.detail);
    }
}
