//! Quoting one command-line argument for each shell the widget writes commands for, and the form
//! encoding of RFC 6749 Appendix B.
//!
//! Each function takes the exact text the program must receive in its `argv` and returns the text to
//! type at the prompt. The rules, and why they are these, are on each function; the proof is in
//! `tests/shells.rs`, which runs the POSIX form through real bash, dash and zsh and checks the
//! Windows forms with reference parsers of PowerShell's and cmd's documented rules.

/// Characters that mean nothing special to any POSIX shell (bash, zsh, dash) anywhere in a word.
/// Everything else — including `~`, `#`, `!`, `^`, `[`, `{`, `*`, `?` and all whitespace — is quoted.
fn posix_safe(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '_' | '@' | '%' | '+' | '=' | ':' | ',' | '.' | '/' | '-')
}

/// Quotes `arg` for a POSIX shell (bash, zsh, dash).
///
/// A word made only of safe characters is left bare so common values stay readable. Anything else
/// goes between single quotes, where POSIX (XCU §2.2.2) gives every character its literal meaning —
/// `$`, backticks, `\`, `!` and newlines included. A single quote cannot appear inside single
/// quotes, so each `'` becomes `'\''`: close, an escaped quote, reopen. A word that starts with `=`
/// is quoted too, because zsh expands `=cmd` to the path of `cmd`. An empty argument is `''`.
///
/// A NUL byte cannot be part of any `argv` string; callers must not pass one (the command builder
/// sends such a value pre-encoded instead).
pub fn posix(arg: &str) -> String {
    if !arg.is_empty() && !arg.starts_with('=') && arg.chars().all(posix_safe) {
        return arg.to_string();
    }
    let mut out = String::with_capacity(arg.len() + 2);
    out.push('\'');
    for c in arg.chars() {
        if c == '\'' {
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// The characters PowerShell's tokenizer accepts as a single quote: the ASCII apostrophe and the
/// typographic quotes U+2018–U+201B (`‘ ’ ‚ ‛`). A value holding a curly quote would otherwise end
/// the string early.
pub fn is_powershell_single_quote(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}')
}

/// Quotes `arg` as a PowerShell verbatim (single-quoted) string.
///
/// Inside `'…'` nothing is special — no `$` expansion, no backtick escapes — except the quote
/// characters themselves: two quote characters in a row stand for the second one (PowerShell's
/// tokenizer, `about_Quoting_Rules`). So every quote character, ASCII or typographic, is doubled.
/// The result is always quoted, so the reader never has to wonder whether a bare word is safe.
///
/// What reaches a *native* program such as `curl.exe` is a further question (Windows PowerShell 5.1
/// and pwsh before 7.3 rebuild the command line without escaping `"`, and drop empty arguments):
/// the command builder never hands this function such an argument for a native command.
pub fn powershell(arg: &str) -> String {
    let mut out = String::with_capacity(arg.len() + 2);
    out.push('\'');
    for c in arg.chars() {
        if is_powershell_single_quote(c) {
            out.push(c);
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// Quotes `arg` so that the Microsoft C runtime (and `CommandLineToArgvW`) parses it back into
/// exactly `arg` — the rules every Windows program built with MSVC or MinGW, `curl.exe` included,
/// uses to split its command line.
///
/// The argument is wrapped in `"` when it is empty, contains a space, tab, newline, vertical tab or
/// `"`, or when `force` is set. Inside quotes, backslashes are literal unless they precede a `"`:
/// `n` backslashes before a `"` become `2n + 1` backslashes and the quote, and `n` backslashes at
/// the very end become `2n` so they do not escape the closing quote.
pub fn windows_argv(arg: &str, force: bool) -> String {
    let needs = force
        || arg.is_empty()
        || arg
            .chars()
            .any(|c| matches!(c, ' ' | '\t' | '\n' | '\u{b}' | '"'));
    if !needs {
        return arg.to_string();
    }
    let mut out = String::with_capacity(arg.len() + 2);
    out.push('"');
    let mut backslashes = 0usize;
    for c in arg.chars() {
        match c {
            '\\' => backslashes += 1,
            '"' => {
                push_n(&mut out, '\\', backslashes * 2 + 1);
                out.push('"');
                backslashes = 0;
            }
            _ => {
                push_n(&mut out, '\\', backslashes);
                out.push(c);
                backslashes = 0;
            }
        }
    }
    push_n(&mut out, '\\', backslashes * 2);
    out.push('"');
    out
}

fn push_n(out: &mut String, c: char, n: usize) {
    for _ in 0..n {
        out.push(c);
    }
}

/// The characters cmd.exe treats specially while it reads a line (its "phase 2"): each gets a `^`
/// in front, which cmd removes, leaving the character literal.
fn cmd_special(c: char) -> bool {
    matches!(c, '(' | ')' | '!' | '^' | '"' | '<' | '>' | '&' | '|')
}

/// Quotes `arg` for the interactive cmd.exe prompt, so that the program receives exactly `arg`.
///
/// Two layers, as cmd reads the line and then the program splits it:
/// 1. [`windows_argv`] quoting for the program's C runtime;
/// 2. a caret before each of `( ) ! ^ " < > & |`. Escaping every `"` as well means cmd never enters
///    its "quoted" state, in which carets stay literal — so every caret is removed, and every
///    special character is literal.
///
/// `%` is the exception: cmd expands `%NAME%` (and `%NAME:a=b%`) before it looks at carets, and
/// leaves it alone only when no variable of that name exists. A caret *before* `%` does not help
/// with `%PATH:a=b%` (the name is still `PATH`), so the caret goes right *after* each `%`: every
/// name cmd could look up then starts with `^`, which no variable has, and the caret itself is
/// removed afterwards like any other. An argument ending in `%` is wrapped in quotes so that the
/// `%` is followed by the (escaped) closing quote rather than by whatever comes next on the line.
///
/// `!` is only special with delayed expansion, which is off at the interactive prompt by default;
/// the command builder keeps `!` out of the values it sends to cmd anyway. This is for the prompt:
/// in a batch file `%` would have to be written `%%`.
///
/// Returns `None` when `arg` holds a control character (a line break, tab, NUL, …): a line break
/// ends the command at the prompt, a tab triggers file-name completion, and a NUL cannot be part of
/// a command line at all.
pub fn cmd(arg: &str) -> Option<String> {
    if arg.chars().any(|c| c.is_ascii_control()) {
        return None;
    }
    let argv = windows_argv(arg, arg.ends_with('%'));
    let mut out = String::with_capacity(argv.len() * 2);
    let mut chars = argv.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%' {
            out.push('%');
            match chars.peek() {
                // The next character brings its own caret, so the name already starts with `^`.
                Some(&next) if cmd_special(next) => {}
                // Escaping a plain character (or another `%`) with `^` yields that same character.
                Some(_) => out.push('^'),
                // Unreachable: an argument ending in `%` is quoted, so it ends in `"`.
                None => {}
            }
        } else {
            if cmd_special(c) {
                out.push('^');
            }
            out.push(c);
        }
    }
    Some(out)
}

/// `application/x-www-form-urlencoded` encoding of one name or value (RFC 6749 Appendix B, which
/// defers to the HTML form encoding; the byte set here is the WHATWG URL Standard's): ASCII letters
/// and digits and `* - . _` stay as they are, a space becomes `+`, and every other UTF-8 byte becomes
/// `%XX` with upper-case hex digits. Decoding it gives back exactly the input.
pub fn form_urlencode(value: &str) -> String {
    encode(value, false)
}

/// [`form_urlencode`] for the client ID and secret of HTTP Basic authentication (RFC 6749
/// §2.3.1), except that `~` stays as it is: it decodes to itself, and servers that skip the
/// decoding step (several do) still get the right secret from Microsoft Entra, whose secrets all
/// contain a `~`.
pub fn basic_credential_encode(value: &str) -> String {
    encode(value, true)
}

fn encode(value: &str, keep_tilde: bool) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for &b in value.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b))
            }
            b'~' if keep_tilde => out.push('~'),
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0x0f)]));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posix_examples() {
        assert_eq!(posix("abc"), "abc");
        assert_eq!(posix(""), "''");
        assert_eq!(posix("a b"), "'a b'");
        assert_eq!(posix("it's"), "'it'\\''s'");
        assert_eq!(posix("=x"), "'=x'");
    }

    #[test]
    fn powershell_examples() {
        assert_eq!(powershell("a'b"), "'a''b'");
        assert_eq!(powershell("a\u{2019}b"), "'a\u{2019}\u{2019}b'");
        assert_eq!(powershell("$x `y"), "'$x `y'");
    }

    #[test]
    fn windows_examples() {
        assert_eq!(windows_argv("abc", false), "abc");
        assert_eq!(windows_argv("", false), "\"\"");
        assert_eq!(windows_argv("a\"b", false), "\"a\\\"b\"");
        assert_eq!(windows_argv("a b\\", false), "\"a b\\\\\"");
        assert_eq!(windows_argv("a\\b c", false), "\"a\\b c\"");
    }

    #[test]
    fn cmd_examples() {
        assert_eq!(cmd("a&b").as_deref(), Some("a^&b"));
        assert_eq!(cmd("a b").as_deref(), Some("^\"a b^\""));
        assert_eq!(cmd("%PATH%x").as_deref(), Some("%^PATH%^x"));
        assert_eq!(cmd("x%").as_deref(), Some("^\"x%^\""));
        assert_eq!(cmd("a\nb"), None);
    }

    #[test]
    fn form_examples() {
        assert_eq!(form_urlencode("a b+c&d=é"), "a+b%2Bc%26d%3D%C3%A9");
        assert_eq!(form_urlencode("*-._~"), "*-._%7E");
    }
}
