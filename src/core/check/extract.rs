//! Extraction: takes the response body out of wrappers that are plainly not part of it, and says
//! what was set aside. It never touches the JSON itself, except for one lossless step: no-break
//! spaces *between* JSON members (outside strings) are read as the spaces they stand for.
//!
//! Everything here is one or two linear passes over the lines, so a very large paste stays fast.

use super::notes::Note;
use super::text::{self, Origin};

/// The body and what was removed around it.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Extracted {
    /// What is left to judge, trimmed.
    pub body: String,
    /// Where `body` starts in the paste.
    pub origin: Origin,
    /// What was set aside, in order.
    pub set_aside: Vec<Note>,
    /// The first line of a command that came before the body (prompt removed).
    pub command: Option<String>,
    /// The status code of the last HTTP status line, when the paste showed one.
    pub status: Option<u16>,
    /// The paste held wget's progress messages (`Resolving …`, `HTTP request sent …`).
    pub wget: bool,
    /// The file wget said it saved the response in, when not the terminal.
    pub saved_to: Option<String>,
}

/// Lines of the text with the byte offset where each starts.
struct Lines<'a> {
    items: Vec<(usize, &'a str)>,
}

impl<'a> Lines<'a> {
    fn new(s: &'a str) -> Lines<'a> {
        let mut items = Vec::new();
        let mut start = 0usize;
        for l in s.split('\n') {
            items.push((start, l));
            start += l.len() + 1;
        }
        Lines { items }
    }

    fn get(&self, i: usize) -> &'a str {
        self.items.get(i).map(|x| x.1).unwrap_or("")
    }

    fn start(&self, i: usize) -> usize {
        self.items.get(i).map(|x| x.0).unwrap_or(0)
    }
}

fn blank(l: &str) -> bool {
    l.trim().is_empty()
}

fn fence_line(l: &str) -> bool {
    let t = l.trim();
    let marker = if t.starts_with("```") {
        '`'
    } else if t.starts_with("~~~") {
        '~'
    } else {
        return false;
    };
    // A fence line is the marker and at most a language word ("```json").
    let rest = t.trim_start_matches(marker);
    rest.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'+')
}

/// The status code of an HTTP status line such as `HTTP/1.1 200 OK` or `HTTP/2 401`.
pub(crate) fn status_code(t: &str) -> Option<u16> {
    let rest = t.strip_prefix("HTTP/")?;
    let (ver, rest) = rest.split_once(' ')?;
    if ver.is_empty() || !ver.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    let code = rest.get(..3)?;
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match rest.get(3..) {
        Some("") | None => {}
        Some(more) if more.starts_with(' ') => {}
        Some(_) => return None,
    }
    code.parse().ok()
}

fn is_request_line(t: &str) -> bool {
    let mut words = t.split(' ');
    let method = words.next().unwrap_or("");
    matches!(
        method,
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS"
    ) && words.next().is_some()
        && t.rsplit(' ').next().is_some_and(|v| v.starts_with("HTTP/"))
}

/// `Name: value` with an RFC 9110 token as the name (no space before the colon).
fn is_header_line(l: &str) -> bool {
    let Some(colon) = l.find(':') else {
        return false;
    };
    let name = l.get(..colon).unwrap_or("");
    let after = l.get(colon + 1..).unwrap_or("");
    !name.is_empty()
        && name.len() <= 100
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
        && (after.is_empty() || after.starts_with(' ') || after.starts_with('\t'))
}

/// A line of `curl -v` output (`* `, `> `, `< `, `{ [123 bytes data]`); returns what follows the
/// marker.
fn verbose_line(l: &str) -> Option<&str> {
    if l == "*" || l == ">" || l == "<" {
        return Some("");
    }
    for p in ["* ", "> ", "< "] {
        if let Some(rest) = l.strip_prefix(p) {
            return Some(rest);
        }
    }
    if (l.starts_with("{ [") || l.starts_with("} [")) && l.contains("bytes data]") {
        return Some("");
    }
    None
}

/// What curl writes to the terminal besides `-v` lines: `Note: Unnecessary use of -X or --request,
/// POST is already inferred.`, `Warning: …`.
fn is_curl_note(t: &str) -> bool {
    t.starts_with("Note: ") || t.starts_with("Warning: ")
}

/// The progress meter's last state with a `-v` line glued after it (both go to the terminal, and
/// the meter ends without a line break): `100   512    0     0 --:--:-- …     0*   Trying …`.
fn progress_then_verbose(t: &str) -> bool {
    // The meter's state is under 100 characters: look for the `*` there only.
    let head = t.get(..text::floor_boundary(t, 120)).unwrap_or("");
    head.find('*').is_some_and(|k| {
        k > 0
            && is_progress_line(t.get(..k).unwrap_or("").trim())
            && verbose_line(t.get(k..).unwrap_or("")).is_some()
    })
}

/// curl's progress meter (`  % Total    % Received …`, `100  1234  100 …  --:--:-- …`).
fn is_progress_line(t: &str) -> bool {
    // (The meter's lines are short: a long line is not searched.)
    t.len() < 300 && is_progress_text(t)
}

fn is_progress_text(t: &str) -> bool {
    t.contains("% Total")
        || (t.contains("Dload") && t.contains("Upload"))
        || (t.starts_with(|c: char| c.is_ascii_digit())
            && t.contains(':')
            && t.chars()
                .all(|c| c.is_ascii_digit() || " :-.kMGT".contains(c)))
}

/// Words that start a command a learner might have pasted with its output.
fn starts_with_command(s: &str) -> bool {
    // The first word, looked for in the first 64 bytes only: a 1 MB line without a space would
    // otherwise be walked whole, once per line tested.
    let word = first_word(s);
    const OTHER_WORDS: [&str; 9] = [
        "export", "set", "echo", "jq", "cat", "python", "python3", "node", "sudo",
    ];
    if REQUEST_PROGRAMS
        .iter()
        .chain(&OTHER_WORDS)
        .any(|w| word.eq_ignore_ascii_case(w))
    {
        return true;
    }
    // `TOKEN=$(curl …)`, `$response = Invoke-RestMethod …`
    let head = s.get(..text::floor_boundary(s, 200)).unwrap_or("");
    !head.starts_with('{')
        && !head.starts_with('"')
        && (head.contains("$(curl ")
            || head.contains("`curl ")
            || text::contains_ci(head, "invoke-restmethod ")
            || text::contains_ci(head, "invoke-webrequest "))
}

/// The length in bytes of a shell prompt at the start of the line, when there is one:
/// `$ `, `% `, `# `, `❯ `, `PS C:\> `, `C:\Users\me>`, `user@host:~$ `, `[me@box dir]$ `.
/// A bare prompt with nothing after it counts too.
pub(crate) fn prompt_len(l: &str) -> Option<usize> {
    let lead = l.len() - l.trim_start().len();
    let t = l.trim_start();
    if t.is_empty() {
        return None;
    }
    for p in ["$ ", "% ", "# ", "> ", "❯ ", "➜ ", "λ ", "» "] {
        if t.starts_with(p) {
            return Some(lead + p.len());
        }
    }
    if matches!(t.trim_end(), "$" | "%" | "#" | ">" | "❯" | "➜") {
        return Some(l.len());
    }
    if t.starts_with("PS ") {
        if let Some(k) = t.find("> ") {
            if k < 300 {
                return Some(lead + k + 2);
            }
        }
        if t.trim_end().ends_with('>') && t.len() < 300 {
            return Some(l.len());
        }
    }
    if let [drive, b':', b'\\', ..] = t.as_bytes() {
        if !drive.is_ascii_alphabetic() {
            return None;
        }
        if let Some(k) = t.find('>') {
            if k < 300 {
                return Some(lead + k + 1);
            }
        }
    }
    // user@host:~$ curl …, [me@box dir]$ curl …, bash-5.2$ curl …, (venv) host % curl …
    for (k, c) in t.char_indices().take(120) {
        if !matches!(c, '$' | '#' | '%' | '>') {
            continue;
        }
        let prefix = t.get(..k).unwrap_or("");
        let after = t.get(k + 1..).unwrap_or("");
        if prefix.trim().is_empty() || prefix.contains(['"', '\'', '{', '}', '=', ',', '<']) {
            continue;
        }
        if !(after.is_empty() || after.starts_with(' ')) {
            continue;
        }
        let cmd = after.trim_start();
        // A bare prompt must look like one: user@host, a path, or the shell's name.
        let prompt_like = prefix.contains(['@', ':', '~', '/', '\\']) || prefix.starts_with("bash");
        if (cmd.is_empty() && prompt_like) || starts_with_command(cmd) {
            return Some(lead + k + 1 + (after.len() - cmd.len()));
        }
    }
    None
}

/// The first line of Git Bash's two-line prompt: `me@LAPTOP-1 MINGW64 ~/oauth (main)` (the `$ `
/// comes on the next line).
fn is_git_bash_prompt_header(l: &str) -> bool {
    if l.len() >= 300 {
        return false;
    }
    let mut words = l.split_whitespace();
    let (Some(who), Some(system), Some(_path)) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    who.contains('@')
        && [
            "MINGW64",
            "MINGW32",
            "MSYS",
            "UCRT64",
            "CLANG64",
            "CLANG32",
            "CLANGARM64",
        ]
        .contains(&system)
}

/// A shell's complaint about a command, which starts with the command's name
/// (`curl.exe : The term 'curl.exe' is not recognized …`): kept for the checker to explain.
fn is_shell_complaint(l: &str) -> bool {
    let head = l.get(..text::floor_boundary(l, 300)).unwrap_or("");
    head.contains(" : The term '")
        || head.contains("is not recognized as")
        || head.contains("command not found")
}

fn continues(l: &str) -> bool {
    let t = l.trim_end();
    t.ends_with('\\') || t.ends_with('^') || t.ends_with('`')
}

/// A line that carries only command-line options (`  --data-urlencode 'x=y'`), as when a
/// command's continuation backslashes were lost.
fn is_option_line(l: &str) -> bool {
    let t = l.trim_start();
    let mut chars = t.chars();
    chars.next() == Some('-')
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '-')
}

/// A command (with an optional prompt) and its continuation lines, starting at line `i`: how many
/// lines it spans and the command text of its first line.
fn command_block<'a>(lines: &Lines<'a>, i: usize, end: usize) -> Option<(usize, &'a str)> {
    let l = lines.get(i);
    let (rest, prompted) = match prompt_len(l) {
        Some(n) => (l.get(n..).unwrap_or(""), true),
        None => (l.trim_start(), false),
    };
    if !prompted && !starts_with_command(rest) {
        return None;
    }
    if rest.trim_start().starts_with('{') || is_shell_complaint(rest) {
        return None;
    }
    let mut n = 1;
    let mut cont = continues(l);
    while i + n < end {
        let next = lines.get(i + n);
        // (A response right after a line ending in `\`: the shell did not continue the command
        // there, as PowerShell and cmd do not.)
        if (cont || is_option_line(next)) && !opens_json(next) && !is_shell_complaint(next) {
            cont = continues(next);
            n += 1;
        } else {
            break;
        }
    }
    Some((n, rest.trim()))
}

/// A line that ends a PowerShell error record (`At line:1 char:1`, `+ CategoryInfo …`).
fn is_powershell_error_tail(l: &str) -> bool {
    let t = l.trim_start();
    t.starts_with("At line:") || t.starts_with("At C:\\") || t.starts_with("+ ")
}

/// `401`, as `curl -w '%{http_code}'` prints it after the body.
fn http_status_word(t: &str) -> Option<u16> {
    let code: u16 = t.parse().ok().filter(|_| t.len() == 3)?;
    (100..=599).contains(&code).then_some(code)
}

/// curl's `curl: (22) The requested URL returned error: 401`, which `--fail-with-body` prints
/// after the server's response; returns the status it names.
fn curl_fail_status(t: &str) -> Option<u16> {
    let rest = t.strip_prefix("curl: (22)")?;
    let (_, after) = rest.split_once("error: ")?;
    http_status_word(after.get(..3)?)
}

/// What follows a complete body on its last line and is plainly not JSON: curl's
/// `* Connection #0 … left intact`, zsh's `%`, the next shell prompt, a closing fence.
/// Returns (bytes of the line to keep, description).
fn glued_tail(line: &str) -> Option<(usize, Note)> {
    let p = line.rfind('}')?;
    let r = line.get(p + 1..)?.trim();
    if r.is_empty() {
        return None;
    }
    let curl_note = r.starts_with('*')
        && (r.contains("Connection #")
            || r.contains("left intact")
            || r.contains("Closing connection"));
    let prompt = r.ends_with(['$', '#', '%', '>', '❯'])
        && r.len() <= 200
        && !r.contains(['"', '{', '}', '[', ']', ',']);
    let note = if r == "%" {
        Note::ZshMarkAfterBrace
    } else if r == "⏎" {
        Note::FishMarkAfterBrace
    } else if http_status_word(r).is_some() {
        Note::StatusCodeAfter(r.to_string())
    } else if curl_fail_status(r).is_some() {
        Note::CurlFailAfter(r.to_string())
    } else if curl_note {
        Note::CurlNoteAfterBrace(r.to_string())
    } else if fence_line(r) {
        Note::ClosingFenceGlued
    } else if prompt {
        Note::PromptGlued(r.to_string())
    } else {
        return None;
    };
    Some((p + 1, note))
}

/// Replaces no-break spaces that sit between JSON tokens (outside strings) with plain spaces, keeping
/// character positions. Returns the text and how many were replaced.
fn nbsp_outside_strings(s: &str) -> (String, usize) {
    // Nearly every paste has none: skip the character-by-character copy (a tenth of the time a
    // 1 MB paste takes).
    // (One char at a time: a single-char pattern is a fast byte search, a char set is not.)
    if !(s.contains('\u{00A0}') || s.contains('\u{202F}') || s.contains('\u{2007}')) {
        return (s.to_string(), 0);
    }
    let mut out = String::with_capacity(s.len());
    let mut in_str = false;
    let mut esc = false;
    let mut n = 0;
    for c in s.chars() {
        if in_str {
            if esc {
                esc = false;
            } else if c == '\\' {
                esc = true;
            } else if c == '"' {
                in_str = false;
            }
            out.push(c);
        } else if c == '"' {
            in_str = true;
            out.push(c);
        } else if matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2007}') {
            out.push(' ');
            n += 1;
        } else {
            out.push(c);
        }
    }
    (out, n)
}

/// Where the learner's last try starts, when an earlier one comes before it in the paste: the
/// line of the last prompted command that is followed by a JSON response, or else (no prompts,
/// two `curl -i` outputs one after the other) the last HTTP status line that has a JSON response
/// both before and after it. The flag says which (a command, or a status line).
fn last_attempt(lines: &Lines, first: usize, end: usize) -> Option<(usize, bool)> {
    last_command(lines, first, end)
        .map(|k| (k, true))
        .or_else(|| last_status_line(lines, first, end).map(|k| (k, false)))
}

/// A line that starts a JSON response.
fn opens_json(l: &str) -> bool {
    l.trim_start().starts_with('{')
}

/// The last HTTP status line (plain or curl -v's `< HTTP/2 200`) with a response after it and an
/// earlier response (status line, then body) before it.
fn last_status_line(lines: &Lines, first: usize, end: usize) -> Option<usize> {
    let is_status = |l: &str| {
        status_code(l.trim()).is_some()
            || verbose_line(l).is_some_and(|v| status_code(v.trim()).is_some())
    };
    let mut later_response = false;
    for k in (first + 1..end).rev() {
        let l = lines.get(k);
        if opens_json(l) {
            later_response = true;
        } else if later_response && is_status(l) {
            // An earlier response has its own status line before its body (a request body, as
            // `http -v` prints it, has a request line instead).
            // (One pass: a body after any status line.)
            let mut status_seen = false;
            let earlier = (first..k).any(|j| {
                let l = lines.get(j);
                if is_status(l) {
                    status_seen = true;
                    false
                } else {
                    status_seen && opens_json(l)
                }
            });
            return earlier.then_some(k);
        }
    }
    None
}

/// The line of the last prompted command that is followed by a JSON response, when an earlier
/// response or command comes before it in the paste.
fn last_command(lines: &Lines, first: usize, end: usize) -> Option<usize> {
    // A token request, not any command: `jq`, `echo $TOKEN | cut …` after a response only look at it.
    let request_at = |k: usize| {
        let l = lines.get(k);
        prompt_len(l).is_some_and(|n| is_request_command(l.get(n..).unwrap_or("").trim_start()))
    };
    let mut later_response = false;
    for k in (first + 1..end).rev() {
        if opens_json(lines.get(k)) {
            later_response = true;
            continue;
        }
        if later_response && request_at(k) {
            // An earlier try: its response, or its command (its output may be an error text).
            let earlier = (first..k).any(|j| opens_json(lines.get(j)) || request_at(j));
            return earlier.then_some(k);
        }
    }
    None
}

/// Programs that send a token request: curl, HTTPie, xh, wget, PowerShell's web cmdlets.
const REQUEST_PROGRAMS: [&str; 10] = [
    "curl",
    "curl.exe",
    "http",
    "https",
    "xh",
    "wget",
    "invoke-restmethod",
    "invoke-webrequest",
    "irm",
    "iwr",
];

/// The first word of a command line, looked for in its first 64 bytes only.
fn first_word(s: &str) -> &str {
    s.get(..text::floor_boundary(s, 64))
        .unwrap_or("")
        .split(|c: char| c.is_ascii_whitespace())
        .next()
        .unwrap_or("")
}

/// A command that sends a token request.
fn is_request_command(cmd: &str) -> bool {
    let word = first_word(cmd);
    REQUEST_PROGRAMS
        .iter()
        .any(|w| word.eq_ignore_ascii_case(w))
}

/// PowerShell 7 shows an error as `Invoke-RestMethod:` / `Line |` / the command / its underline,
/// then the message in a `     | ` gutter — for a failed token request, the error response. The
/// gutter lines are joined without line breaks (PowerShell wraps long messages at the window's
/// width, anywhere). Returns the body and the line it starts on.
fn powershell7_gutter(text: &str) -> Option<(String, usize, usize)> {
    let mut saw_line_marker = false;
    let mut start = None;
    for (k, l) in text.lines().enumerate().take(200) {
        let t = l.trim_start();
        if t.starts_with("Line |") {
            saw_line_marker = true;
        } else if saw_line_marker && t.starts_with("| {") {
            start = Some((k, l.len() - t.len() + 2));
            break;
        }
    }
    let (first, col) = start?;
    let mut body = String::new();
    for l in text.lines().skip(first) {
        let t = l.trim_start();
        match t.strip_prefix('|') {
            Some(rest) => body.push_str(rest.strip_prefix(' ').unwrap_or(rest)),
            None if t.is_empty() => continue,
            None => break,
        }
    }
    Some((body.trim().to_string(), first, col))
}

/// A JWT debugger's decoded panels copied with their labels (jwt.io: `HEADER: ALGORITHM & TOKEN
/// TYPE`, `PAYLOAD: DATA`, `VERIFY SIGNATURE`; or `Decoded Header` / `Decoded Payload`): the two
/// JSON objects without the labels, and the line the first starts on.
fn jwt_debugger_panels(text: &str) -> Option<(String, usize)> {
    if text.len() > 65_536 {
        return None;
    }
    let label = |l: &str, words: &[&str]| {
        let u = l.trim().to_ascii_uppercase();
        u.len() < 60 && !u.contains('{') && words.iter().any(|w| u.starts_with(w))
    };
    let lines: Vec<&str> = text.lines().collect();
    // The first label line at or after line `from`.
    let find = |from: usize, words: &[&str]| {
        let found = lines.get(from..)?.iter().position(|l| label(l, words))?;
        Some(from + found)
    };
    let h = find(0, &["HEADER", "DECODED HEADER"])?;
    let p = find(h + 1, &["PAYLOAD", "DECODED PAYLOAD"])?;
    let end = find(
        p + 1,
        &[
            "VERIFY SIGNATURE",
            "SIGNATURE",
            "JWT SIGNATURE VERIFICATION",
        ],
    )
    .unwrap_or(lines.len());
    let header = lines.get(h + 1..p)?.join("\n");
    let payload = lines.get(p + 1..end)?.join("\n");
    if !(header.trim_start().starts_with('{') && payload.trim_start().starts_with('{')) {
        return None;
    }
    // The encoded token above the panels, when it was copied too: that is what to check.
    let token = lines.get(..h)?.iter().enumerate().find(|(_, l)| {
        let t = l.trim();
        t.starts_with("eyJ") && t.matches('.').count() == 2 && !t.contains(' ')
    });
    Some(match token {
        Some((k, l)) => (l.trim().to_string(), k),
        None => (format!("{}\n{}", header.trim(), payload.trim()), h + 1),
    })
}

/// A terminal's escape sequences removed (colours from `jq -C`, or a log that kept them): CSI
/// `ESC [ … final`, OSC `ESC ] … BEL` and two-character `ESC x`. A raw ESC is never part of valid
/// JSON, so nothing of a response is lost. `None` when there is no ESC.
fn without_escapes(s: &str) -> Option<String> {
    if !s.contains('\u{1b}') {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('[') => {
                for c in chars.by_ref() {
                    if ('@'..='~').contains(&c) {
                        break;
                    }
                }
            }
            Some(']') => {
                for c in chars.by_ref() {
                    if c == '\u{7}' || c == '\u{1b}' {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    Some(out)
}

/// What wget writes to the terminal around a download (GNU wget and BusyBox's).
enum Wget {
    /// The status it reports: `HTTP request sent, awaiting response... 401 Unauthorized`.
    Status(u16),
    /// `Saving to: ‘token’`: the file the body went to.
    Saved(String),
    Other,
}

fn wget_line(t: &str) -> Option<Wget> {
    // wget's lines are short; a long one (a response on one line) is not read through.
    if t.len() > 400 {
        return None;
    }
    if let Some(rest) = t
        .strip_prefix("HTTP request sent, awaiting response... ")
        .or_else(|| t.strip_prefix("Proxy request sent, awaiting response... "))
    {
        return Some(http_status_word(rest.get(..3)?).map_or(Wget::Other, Wget::Status));
    }
    if let Some(rest) = t.strip_prefix("wget: server returned error: ") {
        return Some(status_code(rest).map_or(Wget::Other, Wget::Status));
    }
    // `2026-12-04 15:40:13 ERROR 401: Unauthorized.`
    if let Some((_, rest)) = t.split_once(" ERROR ") {
        if let Some(code) = rest.get(..3).and_then(http_status_word) {
            return Some(Wget::Status(code));
        }
    }
    let saving = t
        .strip_prefix("Saving to: ")
        .or_else(|| t.strip_prefix("saving to "));
    if let Some(name) = saving {
        let name = name.trim_matches(|c| matches!(c, '‘' | '’' | '\'' | '`'));
        return Some(if matches!(name, "STDOUT" | "-" | "") {
            Wget::Other
        } else {
            Wget::Saved(name.to_string())
        });
    }
    let timestamp_url = t.starts_with("--")
        && t.as_bytes().get(2).is_some_and(u8::is_ascii_digit)
        && t.contains("--  ");
    let known = [
        "Resolving ",
        "Connecting to ",
        "Reusing existing connection to ",
        "Length: ",
        "Loaded CA certificate",
        "Username/Password Authentication Failed.",
    ]
    .iter()
    .any(|p| t.starts_with(p));
    let progress_or_done = (t.contains("%[") && t.contains(']'))
        || t.contains("% |")
        || t.contains(" saved [")
        || t.ends_with("' saved")
        || t.contains("written to stdout [")
        || t.ends_with("[following]");
    (timestamp_url || known || progress_or_done).then_some(Wget::Other)
}

/// A short line of the learner's own words around the response (`Response:`, `Here it is`,
/// `Is this right?`): no JSON punctuation, no token, no credential.
fn prose_line(t: &str) -> bool {
    (1..=120).contains(&t.len())
        && t.bytes().any(|b| b.is_ascii_alphabetic())
        && !t.contains(['{', '}', '[', ']', '"', '=', '<', '>'])
        && !t.contains("eyJ")
        && !text::contains_ci(t, "secret")
        && !text::contains_ci(t, "client")
}

/// Up to three prose lines from `from`, then a line that opens JSON or a token: that line.
fn after_prose(lines: &Lines, from: usize, end: usize) -> Option<usize> {
    (from + 1..end.min(from + 4)).find(|&k| {
        let t = lines.get(k).trim_start();
        (t.starts_with('{') || t.starts_with("eyJ"))
            && (from..k).all(|j| blank(lines.get(j)) || prose_line(lines.get(j).trim()))
    })
}

/// The body of a paste and what was set aside around it: the text normalised (byte order mark,
/// terminal colours, CR LF), the learner's last try picked out of a longer session, whole-paste
/// wrappers recognised (PowerShell 7's error display, a JWT debugger's panels, a code fence),
/// then the wrapper lines before the body classified one by one ([`Before`]), then those after
/// it ([`after_body`], [`rest_of_session`]), and finally the body's own edges.
pub(crate) fn extract(paste: &str) -> Extracted {
    let mut notes: Vec<Note> = Vec::new();
    let norm = normalise(paste, &mut notes);
    let lines = Lines::new(&norm);
    let mut first = 0usize;
    let mut end = lines.items.len();
    while first < end && blank(lines.get(first)) {
        first += 1;
    }
    while end > first && blank(lines.get(end - 1)) {
        end -= 1;
    }
    // A shell session with several attempts: the last command that printed a response is the
    // learner's latest try, so the check starts there.
    if let Some((k, by_command)) = last_attempt(&lines, first, end) {
        notes.push(Note::EarlierAttempt {
            lines: k - first,
            by_command,
        });
        first = k;
    }
    // PowerShell 7's margin and a JWT debugger's panels are read from the last attempt on.
    let from_attempt = norm.get(lines.start(first)..).unwrap_or("");
    if let Some(ex) = whole_paste_wrapper(from_attempt, first, &mut notes) {
        return ex;
    }
    let mut fenced = strip_fence(&lines, &mut first, &mut end, &mut notes);

    let mut before = Before::default();
    let i = before.scan(&lines, first, end, &mut notes);
    let body_first = before.prose(&lines, i, end);
    before.note(&mut notes);
    let mut status = before.status;
    let wget_after = after_body(
        &lines,
        body_first,
        &mut end,
        &mut fenced,
        &mut status,
        &mut notes,
    );
    rest_of_session(&lines, body_first, &mut end, &mut notes);
    if wget_after.verbose > 0 {
        notes.push(Note::VerboseAfter(wget_after.verbose));
    }
    if wget_after.prompt {
        notes.push(Note::PromptAfter);
    }
    if wget_after.wget {
        notes.push(Note::WgetAfter);
    }
    let mut ex = Extracted {
        body: String::new(),
        origin: Origin::default(),
        set_aside: Vec::new(),
        command: before.command.map(str::to_string),
        status,
        wget: before.wget_lines > 0 || wget_after.wget,
        saved_to: before.saved_to,
    };
    if body_first < end {
        let span = (lines.start(body_first) + before.start_in_line, end);
        body(&norm, &lines, span, &mut ex, &mut notes);
    }
    ex.set_aside = notes;
    ex
}

/// The paste without a byte order mark, terminal colour codes and CR LF line endings.
fn normalise(paste: &str, notes: &mut Vec<Note>) -> String {
    let mut text_in = paste;
    if let Some(rest) = text_in.strip_prefix('\u{FEFF}') {
        notes.push(Note::ByteOrderMark);
        text_in = rest;
    }
    let unescaped = without_escapes(text_in);
    if unescaped.is_some() {
        notes.push(Note::TerminalColours);
    }
    let text_in = unescaped.as_deref().unwrap_or(text_in);
    if text_in.contains('\r') {
        notes.push(Note::CrLf);
        text_in.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text_in.to_string()
    }
}

/// PowerShell 7's error display or a JWT debugger's panels around the whole rest of the paste:
/// the body inside, starting on line `first` of the paste at the latest.
fn whole_paste_wrapper(text: &str, first: usize, notes: &mut Vec<Note>) -> Option<Extracted> {
    let (body, line, col, note) = if let Some((body, line, col)) = powershell7_gutter(text) {
        (body, line, col, Note::PowerShell7Display)
    } else {
        let (body, line) = jwt_debugger_panels(text)?;
        let token = body.starts_with("eyJ");
        (body, line, 0, Note::JwtDebugger { token })
    };
    notes.push(note);
    Some(Extracted {
        body,
        origin: Origin {
            lines_before: first + line,
            cols_before: col,
        },
        set_aside: std::mem::take(notes),
        ..Extracted::default()
    })
}

/// A Markdown code fence that opens before any line that starts with `{`: the lines inside it
/// become the range to read. Returns whether there was one.
fn strip_fence(lines: &Lines, first: &mut usize, end: &mut usize, notes: &mut Vec<Note>) -> bool {
    let opening = (*first..*end)
        .take_while(|&k| !lines.get(k).trim_start().starts_with('{'))
        .find(|&k| fence_line(lines.get(k)));
    let Some(f1) = opening else {
        return false;
    };
    let text_lines =
        |range: std::ops::Range<usize>| range.filter(|&k| !blank(lines.get(k))).count();
    notes.push(Note::Fence);
    let prose_before = text_lines(*first..f1);
    if prose_before > 0 {
        notes.push(Note::ProseBeforeFence(prose_before));
    }
    if let Some(f2) = (f1 + 1..*end).find(|&k| fence_line(lines.get(k))) {
        let prose_after = text_lines(f2 + 1..*end);
        if prose_after > 0 {
            notes.push(Note::ProseAfterFence(prose_after));
        }
        *end = f2;
    }
    *first = f1 + 1;
    true
}

/// What the lines before the body held. [`Before::line`] classifies one line at a time.
#[derive(Default)]
struct Before<'a> {
    command: Option<&'a str>,
    command_lines: usize,
    status: Option<u16>,
    status_line: Option<&'a str>,
    headers: usize,
    verbose: usize,
    progress: usize,
    curl_notes: Vec<&'a str>,
    prompt_header: Option<&'a str>,
    request_skipped: bool,
    /// Where the body starts on its first line (after `Invoke-RestMethod : ` or `Response:`).
    start_in_line: usize,
    wget_lines: usize,
    saved_to: Option<String>,
    prose_before: Option<&'a str>,
}

impl<'a> Before<'a> {
    /// Reads the wrapper lines from `first`; returns the line where the body starts.
    fn scan(
        &mut self,
        lines: &Lines<'a>,
        first: usize,
        end: usize,
        notes: &mut Vec<Note>,
    ) -> usize {
        let last_status = (first..end)
            .rev()
            .find(|&k| status_code(lines.get(k).trim()).is_some());
        let mut i = first;
        while i < end {
            match self.line(lines, i, end, last_status, notes) {
                Some(n) => i += n,
                None => break,
            }
        }
        i
    }

    /// Classifies line `i`: how many lines it (and the lines that belong to it) take, or `None`
    /// where the body starts.
    fn line(
        &mut self,
        lines: &Lines<'a>,
        i: usize,
        end: usize,
        last_status: Option<usize>,
        notes: &mut Vec<Note>,
    ) -> Option<usize> {
        let l = lines.get(i);
        let t = l.trim();
        if t.is_empty() {
            return Some(1);
        }
        if let Some(inner) = verbose_line(l) {
            self.verbose += 1;
            self.status = status_code(inner.trim()).or(self.status);
            return Some(1);
        }
        if let Some(code) = status_code(t) {
            self.status = Some(code);
            self.status_line = Some(t);
            // (`wget -S` indents the status line and the headers.)
            let headers = (i + 1..end)
                .take_while(|&k| is_header_line(lines.get(k).trim_start()))
                .count();
            self.headers += headers;
            return Some(1 + headers);
        }
        if is_request_line(t) && last_status.is_some_and(|k| k > i) {
            self.request_skipped = true;
            let skipped = (i + 1..end)
                .take_while(|&k| status_code(lines.get(k).trim()).is_none())
                .count();
            return Some(1 + skipped);
        }
        if is_progress_line(t) || progress_then_verbose(t) {
            self.progress += 1;
            return Some(1);
        }
        if let Some(w) = wget_line(t) {
            self.wget_lines += 1;
            match w {
                Wget::Status(code) => self.status = Some(code),
                Wget::Saved(name) => self.saved_to = Some(name),
                Wget::Other => {}
            }
            return Some(1);
        }
        if is_curl_note(t) {
            self.curl_notes.push(t);
            return Some(1);
        }
        if is_git_bash_prompt_header(t) {
            self.prompt_header.get_or_insert(t);
            return Some(1);
        }
        if self.cmdlet_error(l, t, notes) {
            return None;
        }
        let (n, cmd) = command_block(lines, i, end)?;
        self.command.get_or_insert(cmd);
        self.command_lines += n;
        Some(n)
    }

    /// Windows PowerShell puts an error response inside its own error text:
    /// `Invoke-RestMethod : {"error":…}` followed by `At line:1 char:1` and `+ …` lines. True
    /// where the body starts (on this line, after the text, or — for an error record that is
    /// not a response — at this line, for the recognisers to read its words).
    fn cmdlet_error(&mut self, l: &str, t: &str, notes: &mut Vec<Note>) -> bool {
        if !(text::starts_with_ci(t, "invoke-restmethod")
            || text::starts_with_ci(t, "invoke-webrequest"))
        {
            return false;
        }
        // (Both cmdlet names are 17 characters long.)
        let after_cmdlet = t.get(17..).unwrap_or("").trim_start();
        if let Some(message) = after_cmdlet.strip_prefix(':') {
            if !message.trim_start().starts_with('{') {
                return true;
            }
        }
        let Some(brace) = l.find(": {").or_else(|| l.find(":{")) else {
            return false;
        };
        self.start_in_line = l
            .get(brace..)
            .and_then(|s| s.find('{'))
            .map_or(0, |k| brace + k);
        let before = l.get(..self.start_in_line).unwrap_or("").trim();
        notes.push(Note::PowerShellErrorText(before.to_string()));
        true
    }

    /// The learner's own words before the response, `Response:` on its line or before the `{`:
    /// returns the line where the body starts.
    fn prose(&mut self, lines: &Lines<'a>, i: usize, end: usize) -> usize {
        if self.start_in_line != 0 || i >= end || opens_json(lines.get(i)) {
            return i;
        }
        let l = lines.get(i);
        if let Some(k) = after_prose(lines, i, end) {
            self.prose_before = Some(l.trim());
            return k;
        }
        if let Some((label, _)) = l.split_once('{') {
            let label = label.trim();
            if label.ends_with(':') && label.len() <= 40 && prose_line(label) {
                self.prose_before = Some(label);
                self.start_in_line = l.len() - l.trim_start().len() + label.len();
            }
        }
        i
    }

    /// What was set aside before the body, in the order a learner reads it.
    fn note(&self, notes: &mut Vec<Note>) {
        if let Some(p) = self.prompt_header {
            notes.push(Note::GitBashPrompt(p.to_string()));
        }
        if let Some(cmd) = self.command {
            notes.push(Note::Command {
                command: cmd.to_string(),
                lines: self.command_lines,
            });
        }
        if self.wget_lines > 0 {
            notes.push(Note::WgetProgress(self.wget_lines));
        }
        if let Some(p) = self.prose_before {
            notes.push(Note::ProseBefore(p.to_string()));
        }
        if self.request_skipped {
            notes.push(Note::RequestPrinted);
        }
        if let Some(sl) = self.status_line {
            notes.push(Note::StatusLine {
                line: sl.to_string(),
                headers: self.headers,
            });
        }
        if self.verbose > 0 {
            notes.push(Note::VerboseBefore(self.verbose));
        }
        if self.progress > 0 {
            notes.push(Note::ProgressMeter);
        }
        for note in &self.curl_notes {
            notes.push(Note::CurlMessage((*note).to_string()));
        }
    }
}

/// What the lines after the body held, for notes written after the rest of a session's.
#[derive(Default)]
struct After {
    verbose: usize,
    wget: bool,
    prompt: bool,
}

/// The wrapper lines after the body, read from the end: blank lines, curl's verbose lines,
/// wget's closing line, `-w '%{http_code}'`'s status, `--fail-with-body`'s message, a bare
/// prompt, a closing fence.
fn after_body(
    lines: &Lines,
    body_first: usize,
    end: &mut usize,
    fenced: &mut bool,
    status: &mut Option<u16>,
    notes: &mut Vec<Note>,
) -> After {
    let mut after = After::default();
    while *end > body_first {
        let l = lines.get(*end - 1);
        let t = l.trim();
        let more = body_first < *end - 1;
        if blank(l) {
        } else if more && verbose_line(l).is_some() {
            after.verbose += 1;
        } else if more && wget_line(t).is_some() {
            // `wget -O -` ends with `… - written to stdout [1045/1045]`.
            after.wget = true;
        } else if let Some(code) = http_status_word(t).filter(|_| more) {
            *status = status.or(Some(code));
            notes.push(Note::StatusCodeAfter(t.to_string()));
        } else if let Some(code) = curl_fail_status(t).filter(|_| more) {
            *status = status.or(Some(code));
            notes.push(Note::CurlFailAfter(t.to_string()));
        } else if more && matches!(t, "$" | "%" | "#" | "❯") {
            after.prompt = true;
        } else if more && fence_line(l) && !*fenced {
            notes.push(Note::ClosingFence);
            *fenced = true;
        } else {
            break;
        }
        *end -= 1;
    }
    after
}

/// The rest of a shell session or error record after a body that ended with `}`: a prompt, a
/// Git Bash prompt, curl's notes, PowerShell's error tail, or the learner's own words.
fn rest_of_session(lines: &Lines, body_first: usize, end: &mut usize, notes: &mut Vec<Note>) {
    // (A brace with zsh's `%` or fish's `⏎` glued after it ends the body too.)
    let ends_body = |l: &str| {
        let t = l.trim_end();
        t.ends_with('}') || glued_tail(t).is_some()
    };
    let mut prev_ends_brace = ends_body(lines.get(body_first));
    for k in body_first + 1..*end {
        let l = lines.get(k);
        if blank(l) {
            continue;
        }
        // (Stops at the first line that is not prose, or at the fourth: never a walk to the end
        // for every line of a long response.)
        let prose_to_end = || {
            let mut seen = 0;
            (k..*end).all(|j| {
                let t = lines.get(j).trim();
                if t.is_empty() {
                    return true;
                }
                seen += 1;
                seen <= 3 && prose_line(t)
            })
        };
        let session = prompt_len(l).is_some()
            || is_git_bash_prompt_header(l)
            || l.starts_with("* ")
            || is_powershell_error_tail(l);
        if prev_ends_brace && (session || prose_to_end()) {
            let rest = (k..*end).filter(|&j| !blank(lines.get(j))).count();
            notes.push(Note::LinesAfter {
                lines: rest,
                first: l.trim().to_string(),
            });
            *end = k;
            return;
        }
        prev_ends_brace = ends_body(l);
    }
}

/// The body between byte `span.0` and the end of line `span.1 - 1`, its edges cleaned: a tail
/// glued to its last line, a byte order mark, no-break spaces between members, zsh's `%` after
/// a lone token.
fn body(
    norm: &str,
    lines: &Lines,
    span: (usize, usize),
    ex: &mut Extracted,
    notes: &mut Vec<Note>,
) {
    let (start, end) = span;
    let last = lines.get(end - 1);
    let mut end_byte = lines.start(end - 1) + last.len();
    if let Some((keep, what)) = glued_tail(last) {
        end_byte = lines.start(end - 1) + keep;
        let tail = last.get(keep..).unwrap_or("").trim();
        ex.status = ex
            .status
            .or_else(|| http_status_word(tail))
            .or_else(|| curl_fail_status(tail));
        notes.push(what);
    }
    let raw = norm.get(start..end_byte).unwrap_or("");
    let mut body_start = start + (raw.len() - raw.trim_start().len());
    let mut body = raw.trim();
    if let Some(rest) = body.strip_prefix('\u{FEFF}') {
        if !notes.contains(&Note::ByteOrderMark) {
            notes.push(Note::ByteOrderMarkBeforeBody);
        }
        let rest = rest.trim_start();
        body_start += body.len() - rest.len();
        body = rest;
    }
    let at = text::pos_of(norm, body_start);
    ex.origin = Origin {
        lines_before: at.line - 1,
        cols_before: at.col - 1,
    };
    ex.body = if body.starts_with('{') || body.starts_with('[') {
        let (replaced, n) = nbsp_outside_strings(body);
        if n > 0 {
            notes.push(Note::NoBreakSpaces(n));
        }
        replaced
    } else if let Some((token, mark)) = marked_token(body) {
        // Only the token, printed without a final line break: zsh marks that with `%`, fish
        // with `⏎`.
        notes.push(mark);
        token.to_string()
    } else {
        body.to_string()
    };
}

/// A lone token followed by zsh's `%` or fish's `⏎` end-of-output mark.
fn marked_token(body: &str) -> Option<(&str, Note)> {
    let (token, note) = match body.strip_suffix('%') {
        Some(t) => (t, Note::ZshMarkAfterToken),
        None => (body.strip_suffix('⏎')?, Note::FishMarkAfterToken),
    };
    let lone =
        token.len() >= 16 && !token.contains(char::is_whitespace) && !token.contains(['%', '⏎']);
    lone.then_some((token, note))
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "{\"access_token\":\"x\",\"token_type\":\"Bearer\"}";

    #[test]
    fn plain_body_is_untouched() {
        let e = extract(&format!("  \n{}\n\n", BODY));
        assert_eq!(e.body, BODY);
        assert!(e.set_aside.is_empty());
        assert_eq!(
            e.origin,
            Origin {
                lines_before: 1,
                cols_before: 0
            }
        );
    }

    #[test]
    fn curl_i_and_glued_connection_note() {
        let paste = format!(
            "$ curl -i -X POST https://x/oauth/token \\\n  -d grant_type=client_credentials\nHTTP/2 200 \ncontent-type: application/json\ndate: today\n\n{}* Connection #0 to host x left intact\n$ ",
            BODY
        );
        let e = extract(&paste);
        assert_eq!(e.body, BODY);
        assert_eq!(e.status, Some(200));
        assert!(e
            .command
            .as_deref()
            .is_some_and(|c| c.starts_with("curl -i")));
        assert_eq!(
            e.set_aside.len(),
            4,
            "{}",
            e.set_aside
                .iter()
                .map(Note::text)
                .collect::<Vec<_>>()
                .join(" | ")
        );
    }

    #[test]
    fn fence_and_zsh_mark() {
        let e = extract(&format!("Here it is:\n```json\n{}%\n```\nthanks", BODY));
        assert_eq!(e.body, BODY);
        assert_eq!(e.origin.lines_before, 2);
    }

    #[test]
    fn verbose_output() {
        let paste = format!(
            "*   Trying 1.2.3.4:443...\n> POST /oauth/token HTTP/2\n> Host: x\n>\n< HTTP/2 401\n< content-type: application/json\n<\n{{ [93 bytes data]\n{}\n* Connection #0 to host x left intact",
            BODY
        );
        let e = extract(&paste);
        assert_eq!(e.body, BODY);
        assert_eq!(e.status, Some(401));
    }

    #[test]
    fn powershell_error_record() {
        let paste = "Invoke-RestMethod : {\"error\":\"access_denied\",\"error_description\":\"Unauthorized\"}\nAt line:1 char:1\n+ Invoke-RestMethod -Method Post ...\n+ ~~~~~\n    + CategoryInfo : InvalidOperation";
        let e = extract(paste);
        assert_eq!(
            e.body,
            "{\"error\":\"access_denied\",\"error_description\":\"Unauthorized\"}"
        );
        assert_eq!(e.origin.cols_before, 20);
    }

    #[test]
    fn prompts() {
        assert_eq!(prompt_len("$ curl x"), Some(2));
        assert_eq!(prompt_len("me@box:~/dir$ curl x"), Some(14));
        assert_eq!(prompt_len("PS C:\\Users\\me> curl.exe x"), Some(16));
        assert_eq!(prompt_len("{\"a\": \"b$ c\"}"), None);
        assert_eq!(prompt_len("eyJhbGciOi"), None);
    }
}
