//! What extraction set aside, in words: each [`Note`] is one entry of the report's "set aside"
//! list, and [`Note::text`] is the one place that says it.

use super::text;
use crate::core::rule::fill;

/// One thing set aside around the response body.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Note {
    ByteOrderMark,
    ByteOrderMarkBeforeBody,
    TerminalColours,
    CrLf,
    /// An earlier try before the last one (`lines` lines; by a command, or a response).
    EarlierAttempt {
        lines: usize,
        by_command: bool,
    },
    PowerShell7Display,
    /// A JWT debugger's labels; `token` when the encoded token above them is what is checked.
    JwtDebugger {
        token: bool,
    },
    Fence,
    ProseBeforeFence(usize),
    ProseAfterFence(usize),
    /// `Invoke-RestMethod : ` before an error response on the same line.
    PowerShellErrorText(String),
    GitBashPrompt(String),
    /// A bare prompt (`command` empty) or a command and how many lines it spans.
    Command {
        command: String,
        lines: usize,
    },
    WgetProgress(usize),
    ProseBefore(String),
    RequestPrinted,
    StatusLine {
        line: String,
        headers: usize,
    },
    VerboseBefore(usize),
    ProgressMeter,
    CurlMessage(String),
    /// `-w '%{http_code}'` output after the body.
    StatusCodeAfter(String),
    /// curl's `--fail-with-body` message after the body.
    CurlFailAfter(String),
    ClosingFence,
    /// The closing fence glued to the body's last line.
    ClosingFenceGlued,
    LinesAfter {
        lines: usize,
        first: String,
    },
    VerboseAfter(usize),
    PromptAfter,
    WgetAfter,
    ZshMarkAfterBrace,
    FishMarkAfterBrace,
    CurlNoteAfterBrace(String),
    PromptGlued(String),
    NoBreakSpaces(usize),
    ZshMarkAfterToken,
    FishMarkAfterToken,
    /// Text that names the client secret before the response.
    SecretBefore(usize),
    WrappedToken,
}

const BYTE_ORDER_MARK: &str = "a byte order mark (U+FEFF) at the very start";
const BYTE_ORDER_MARK_BEFORE_BODY: &str = "a byte order mark (U+FEFF) before the body";
const TERMINAL_COLOURS: &str = "a terminal's colour codes (ESC sequences such as `jq -C` writes), which are not part of the response";
const CR_LF: &str =
    "CR LF line endings (from Windows, or an HTTP response's headers), read as plain line breaks";
const EARLIER_ATTEMPT: &str = "{lines} with {earlier} (only the last response is checked)";
const AN_EARLIER_COMMAND: &str = "an earlier command and its output";
const AN_EARLIER_RESPONSE: &str = "an earlier response";
const POWERSHELL_7: &str =
    "PowerShell 7's error display around the response (`Line |`, the command, the `|` margin)";
const JWT_DEBUGGER_TOKEN: &str =
    "a JWT debugger's labels and its decoded panels (the token above them is checked)";
const JWT_DEBUGGER: &str = "a JWT debugger's labels (HEADER, PAYLOAD) and its signature panel";
const FENCE: &str = "a Markdown code fence (```)";
const PROSE_BEFORE_FENCE: &str = "{lines} of text before the code fence";
const PROSE_AFTER_FENCE: &str = "{lines} of text after the code fence";
const POWERSHELL_ERROR_TEXT: &str = "PowerShell's error text around the response ({text})";
const GIT_BASH_PROMPT: &str = "Git Bash's prompt line {line}";
const A_SHELL_PROMPT: &str = "a shell prompt";
const COMMAND_LINES: &str = "the command {command} ({count} lines)";
const COMMAND: &str = "the command {command}";
const WGET_PROGRESS: &str = "{lines} of wget's progress messages";
const PROSE_BEFORE: &str = "the text {text} before the response";
const REQUEST_PRINTED: &str = "the request that was printed before the response";
const STATUS_LINE_HEADERS: &str = "the HTTP status line {line} and {headers}";
const STATUS_LINE: &str = "the HTTP status line {line}";
const VERBOSE_BEFORE: &str = "{lines} of curl's verbose output (starting with `*`, `>` or `<`)";
const PROGRESS_METER: &str = "curl's progress meter";
const CURL_MESSAGE: &str = "curl's message {message}";
const STATUS_CODE_AFTER: &str =
    "the HTTP status code {code} that curl's `-w '%{{http_code}'` printed after the body";
const CURL_FAIL_AFTER: &str =
    "curl's message {message} after the response (curl's --fail-with-body prints the body first)";
const CLOSING_FENCE: &str = "a closing Markdown code fence (```)";
const CLOSING_FENCE_GLUED: &str = "the closing Markdown code fence (```)";
const LINES_AFTER: &str = "{lines} after the response, starting with {first}";
const VERBOSE_AFTER: &str = "{lines} of curl's verbose output after the response";
const PROMPT_AFTER: &str = "the shell prompt after the response";
const WGET_AFTER: &str = "wget's closing message after the response";
const ZSH_MARK_AFTER_BRACE: &str = "zsh's end-of-line mark `%` after the closing brace";
const FISH_MARK_AFTER_BRACE: &str = "fish's end-of-line mark `⏎` after the closing brace";
const CURL_NOTE_AFTER_BRACE: &str = "curl's note {note} after the closing brace";
const PROMPT_GLUED: &str = "the shell prompt {prompt} printed after the response";
const NO_BREAK_SPACES: &str = "{count} between the JSON members, read as ordinary spaces";
const ZSH_MARK_AFTER_TOKEN: &str = "zsh's end-of-line mark `%` after the token";
const FISH_MARK_AFTER_TOKEN: &str = "fish's end-of-line mark `⏎` after the token";
const SECRET_BEFORE: &str = "{lines} before the response (it names your client secret)";
const WRAPPED_TOKEN: &str = "the line breaks that the terminal put inside the token";

fn lines(n: usize) -> String {
    text::plural(n, "line", "lines")
}

impl Note {
    /// The entry as the report shows it.
    pub(crate) fn text(&self) -> String {
        let one = |template: &str, name: &str, value: &str| fill(template, &[(name, value)]);
        match self {
            Note::ByteOrderMark => BYTE_ORDER_MARK.to_string(),
            Note::ByteOrderMarkBeforeBody => BYTE_ORDER_MARK_BEFORE_BODY.to_string(),
            Note::TerminalColours => TERMINAL_COLOURS.to_string(),
            Note::CrLf => CR_LF.to_string(),
            Note::EarlierAttempt {
                lines: n,
                by_command,
            } => {
                let earlier = if *by_command {
                    AN_EARLIER_COMMAND
                } else {
                    AN_EARLIER_RESPONSE
                };
                fill(
                    EARLIER_ATTEMPT,
                    &[("lines", &lines(*n)), ("earlier", earlier)],
                )
            }
            Note::PowerShell7Display => POWERSHELL_7.to_string(),
            Note::JwtDebugger { token: true } => JWT_DEBUGGER_TOKEN.to_string(),
            Note::JwtDebugger { token: false } => JWT_DEBUGGER.to_string(),
            Note::Fence => FENCE.to_string(),
            Note::ProseBeforeFence(n) => one(PROSE_BEFORE_FENCE, "lines", &lines(*n)),
            Note::ProseAfterFence(n) => one(PROSE_AFTER_FENCE, "lines", &lines(*n)),
            Note::PowerShellErrorText(t) => one(POWERSHELL_ERROR_TEXT, "text", &text::quote(t, 40)),
            Note::GitBashPrompt(l) => one(GIT_BASH_PROMPT, "line", &text::quote(l, 50)),
            Note::Command { command, .. } if command.is_empty() => A_SHELL_PROMPT.to_string(),
            Note::Command { command, lines: n } if *n > 1 => fill(
                COMMAND_LINES,
                &[
                    ("command", &text::quote(command, 50)),
                    ("count", &n.to_string()),
                ],
            ),
            Note::Command { command, .. } => one(COMMAND, "command", &text::quote(command, 50)),
            Note::WgetProgress(n) => one(WGET_PROGRESS, "lines", &lines(*n)),
            Note::ProseBefore(t) => one(PROSE_BEFORE, "text", &text::quote(t, 40)),
            Note::RequestPrinted => REQUEST_PRINTED.to_string(),
            Note::StatusLine { line, headers: 0 } => {
                one(STATUS_LINE, "line", &text::quote(line, 40))
            }
            Note::StatusLine { line, headers } => fill(
                STATUS_LINE_HEADERS,
                &[
                    ("line", &text::quote(line, 40)),
                    ("headers", &text::plural(*headers, "header", "headers")),
                ],
            ),
            Note::VerboseBefore(n) => one(VERBOSE_BEFORE, "lines", &lines(*n)),
            Note::ProgressMeter => PROGRESS_METER.to_string(),
            Note::CurlMessage(m) => one(CURL_MESSAGE, "message", &text::quote(m, 60)),
            Note::StatusCodeAfter(code) => one(STATUS_CODE_AFTER, "code", code),
            Note::CurlFailAfter(m) => one(CURL_FAIL_AFTER, "message", &text::quote(m, 60)),
            Note::ClosingFence => CLOSING_FENCE.to_string(),
            Note::ClosingFenceGlued => CLOSING_FENCE_GLUED.to_string(),
            Note::LinesAfter { lines: n, first } => fill(
                LINES_AFTER,
                &[("lines", &lines(*n)), ("first", &text::quote(first, 40))],
            ),
            Note::VerboseAfter(n) => one(VERBOSE_AFTER, "lines", &lines(*n)),
            Note::PromptAfter => PROMPT_AFTER.to_string(),
            Note::WgetAfter => WGET_AFTER.to_string(),
            Note::ZshMarkAfterBrace => ZSH_MARK_AFTER_BRACE.to_string(),
            Note::FishMarkAfterBrace => FISH_MARK_AFTER_BRACE.to_string(),
            Note::CurlNoteAfterBrace(n) => one(CURL_NOTE_AFTER_BRACE, "note", &text::quote(n, 60)),
            Note::PromptGlued(p) => one(PROMPT_GLUED, "prompt", &text::quote(p, 60)),
            Note::NoBreakSpaces(n) => {
                let count = text::plural(*n, "no-break space (U+00A0)", "no-break spaces (U+00A0)");
                one(NO_BREAK_SPACES, "count", &count)
            }
            Note::ZshMarkAfterToken => ZSH_MARK_AFTER_TOKEN.to_string(),
            Note::FishMarkAfterToken => FISH_MARK_AFTER_TOKEN.to_string(),
            Note::SecretBefore(n) => one(SECRET_BEFORE, "lines", &lines(*n)),
            Note::WrappedToken => WRAPPED_TOKEN.to_string(),
        }
    }
}
