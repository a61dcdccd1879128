//! The copy-ready token request: one `curl` command, written for the learner's shell.
//!
//! Shape (bash shown; PowerShell and cmd differ only in quoting, continuation and `curl.exe`):
//!
//! ```text
//! curl -sS -w '\n' https://dev-abc123.us.auth0.com/oauth/token \
//!   --data grant_type=client_credentials \
//!   --data-urlencode client_id=… \
//!   --data-urlencode client_secret=… \
//!   --data-urlencode audience=…
//! ```
//!
//! Why each part:
//! * `-sS`: no progress meter, but curl's own errors are still shown. No `-o` and no `-f`/`--fail`:
//!   the learner needs the response body, error bodies above all, and `--fail` hides them.
//! * `-w '\n'`: ends the output with a line break, so zsh does not print its `%` marker after the
//!   JSON and the next prompt starts on its own line. curl reads the two characters `\n` itself,
//!   so the argument is the same in all three shells.
//! * `--data name=value` makes curl POST the body as `application/x-www-form-urlencoded`
//!   (RFC 6749 §4.4.2). `--data-urlencode name=value` percent-encodes the value (only the part after
//!   the first `=`), so `&`, `+`, `%` and `=` in a secret reach the server byte-exact; plain
//!   `--data` would send them raw and corrupt the form.
//! * A value that the shell cannot carry safely is encoded here instead (RFC 6749 Appendix B form
//!   encoding) and sent with `--data`, so the server still receives exactly the typed bytes. Which
//!   values that is depends on the shell; see [`needs_pre_encoding`].
//! * Basic authentication (RFC 6749 §2.3.1): client ID and secret are form-urlencoded first (`~`
//!   left as it is, see [`quote::basic_credential_encode`]), then
//!   given to curl as `-u id:secret`; curl joins them with the colon and base64-encodes them. The
//!   colon is unambiguous because an encoded ID has none. The secret is then not in the body.
//! * Empty fields show the lesson's placeholders (`{YOUR_CLIENT_ID}`, …) so the shape is visible;
//!   an empty audience or scope is left out — they are optional.
//! * The audience goes as `audience=` (Auth0's parameter, which other servers ignore), except to
//!   Microsoft Entra's v1 endpoint, which only reads `resource=`.

use super::{ClientAuth, CommandError, Field, RequestInput, SecretDisplay, Shell};
use crate::core::endpoint::resolve_endpoint;
use crate::core::provider::Provider;
use crate::core::quote;

/// What replaces the client secret on screen. A fixed length, so it tells nothing about the secret.
pub const MASK: &str = "••••••••";

/// Shown when the token endpoint field is empty: the lesson's Auth0 form.
pub const PLACEHOLDER_ENDPOINT_AUTH0: &str = "https://{YOUR_DOMAIN}/oauth/token";
/// Shown when the token endpoint cannot be used (its field shows why).
pub const PLACEHOLDER_ENDPOINT: &str = "{YOUR_TOKEN_ENDPOINT}";
pub const PLACEHOLDER_CLIENT_ID: &str = "{YOUR_CLIENT_ID}";
pub const PLACEHOLDER_CLIENT_SECRET: &str = "{YOUR_CLIENT_SECRET}";

/// Linux refuses a single argument of 128 KiB or more (`MAX_ARG_STRLEN`, NUL included): the shell
/// would fail with "Argument list too long".
const POSIX_MAX_ARG_BYTES: usize = 128 * 1024 - 1;
/// `CreateProcess` accepts at most 32,767 UTF-16 units of command line.
const WINDOWS_MAX_COMMAND_LINE: usize = 32_767;
/// cmd.exe accepts at most 8,191 characters on one (joined) line.
const CMD_MAX_LINE: usize = 8_191;

/// One word of the command: fixed text written as is, or a value that is quoted for the shell.
enum Word {
    Lit(&'static str),
    Val(String),
}

/// Builds the token request command for `shell`. The text is exactly what to paste: real `\n`
/// line breaks after each continuation mark, no prompt, no trailing spaces, no final newline.
///
/// With [`SecretDisplay::Mask`] the secret (with Basic authentication: its encoded form) is
/// replaced by [`MASK`]; the command is otherwise the same as the runnable one.
///
/// The endpoint is the one [`resolve_endpoint`] gives; when the field is empty the lesson's
/// placeholder `https://{YOUR_DOMAIN}/oauth/token` is shown, and when it has a problem the
/// placeholder `{YOUR_TOKEN_ENDPOINT}` is — the endpoint field explains why, and a command with a
/// known-wrong address (plain `http://` to a remote host, say) is never offered.
///
/// Errors only when the command cannot be run at all: a value too long for the operating system's
/// or the shell's limits. Everything else — quotes, `$`, `%`, `^`, line breaks, emoji, even a NUL
/// byte — is expressed so that the server receives exactly the typed value.
pub fn build_command(
    input: &RequestInput,
    shell: Shell,
    auth: ClientAuth,
    secret: SecretDisplay,
) -> Result<String, CommandError> {
    let real = words(input, shell, auth, false);
    check_limits(&real, shell)?;
    match secret {
        SecretDisplay::Reveal => render(&real, shell),
        SecretDisplay::Mask => render(&words(input, shell, auth, true), shell),
    }
}

/// The fields whose placeholder the command still holds, in the form's order: the token endpoint
/// (empty, or not usable as typed), the client ID and the client secret. Such a command cannot
/// work, so Copy says what to fill in instead of copying it.
pub fn unfilled(input: &RequestInput) -> Vec<Field> {
    let mut out = Vec::new();
    if resolve_endpoint(&input.endpoint).is_err() {
        out.push(Field::Endpoint);
    }
    if input.client_id.is_empty() {
        out.push(Field::ClientId);
    }
    if input.client_secret.is_empty() {
        out.push(Field::ClientSecret);
    }
    out
}

/// The address to call and whether it is Microsoft Entra's v1 endpoint, which names the API with
/// `resource` (it ignores `audience`).
fn endpoint_of(input: &RequestInput) -> (String, bool) {
    match resolve_endpoint(&input.endpoint) {
        Ok(r) => {
            let entra_v1 = r.provider == Provider::Entra && !r.url.contains("/v2.0/");
            (r.url, entra_v1)
        }
        Err(p) if p.message.is_empty() => (PLACEHOLDER_ENDPOINT_AUTH0.to_string(), false),
        Err(_) => (PLACEHOLDER_ENDPOINT.to_string(), false),
    }
}

/// Whether `value` is sent encoded by us (`--data name=<encoded>`) rather than by curl
/// (`--data-urlencode name=<value>`), in `shell`:
///
/// * bash/zsh: values with a control character (a line break, tab, NUL, ESC, …). A NUL cannot be
///   part of an argument at all; pasted into a terminal, a tab triggers completion and other
///   control characters act as keys (Ctrl-C, Ctrl-D, …). Everything else, non-ASCII included, is
///   carried by single quotes.
/// * PowerShell: anything but printable ASCII, and `"` and `\`. Windows PowerShell 5.1 and pwsh
///   before 7.3 rebuild `curl.exe`'s command line without escaping `"` (and mangle backslashes
///   before the quotes they add), and a `curl.exe` that reads its arguments in the ANSI code page
///   turns non-ASCII characters into `?`. Encoded values are plain ASCII with no quote, so every
///   PowerShell version passes them intact.
/// * cmd: anything but printable ASCII (the same code-page reason, and a line break cannot be typed
///   at the prompt), `%` (cmd expands `%NAME%` before anything else) and `!` (expanded when delayed
///   expansion is on).
pub(crate) fn needs_pre_encoding(shell: Shell, value: &str) -> bool {
    let printable = |c: char| (' '..='~').contains(&c);
    match shell {
        Shell::Bash => value.chars().any(char::is_control),
        Shell::PowerShell => !value.chars().all(|c| printable(c) && c != '"' && c != '\\'),
        Shell::Cmd => !value.chars().all(|c| printable(c) && c != '%' && c != '!'),
    }
}

fn value_line(shell: Shell, name: &str, value: &str, placeholder: &str, mask: bool) -> Vec<Word> {
    if value.is_empty() {
        return vec![
            Word::Lit("--data-urlencode"),
            Word::Val(format!("{name}={placeholder}")),
        ];
    }
    if needs_pre_encoding(shell, value) {
        let shown = if mask {
            MASK.to_string()
        } else {
            quote::form_urlencode(value)
        };
        vec![Word::Lit("--data"), Word::Val(format!("{name}={shown}"))]
    } else {
        let shown = if mask { MASK } else { value };
        vec![
            Word::Lit("--data-urlencode"),
            Word::Val(format!("{name}={shown}")),
        ]
    }
}

fn words(input: &RequestInput, shell: Shell, auth: ClientAuth, mask: bool) -> Vec<Vec<Word>> {
    let (url, entra_v1) = endpoint_of(input);
    let program = match shell {
        Shell::Bash => "curl",
        // Windows PowerShell 5.1 aliases `curl` to Invoke-WebRequest; `curl.exe` is the real one.
        // cmd gets the same spelling so the two Windows commands look alike.
        Shell::PowerShell | Shell::Cmd => "curl.exe",
    };
    let mut first = vec![Word::Lit(program), Word::Lit("-sS")];
    if url.contains('[') {
        // An IPv6 address such as [::1]: keep curl from reading the brackets as a URL glob.
        first.push(Word::Lit("-g"));
    }
    first.push(Word::Lit("-w"));
    first.push(Word::Val("\\n".to_string()));
    first.push(Word::Val(url));

    let mut lines = vec![
        first,
        vec![
            Word::Lit("--data"),
            Word::Val("grant_type=client_credentials".to_string()),
        ],
    ];
    match auth {
        ClientAuth::Body => {
            lines.push(value_line(
                shell,
                "client_id",
                &input.client_id,
                PLACEHOLDER_CLIENT_ID,
                false,
            ));
            lines.push(value_line(
                shell,
                "client_secret",
                &input.client_secret,
                PLACEHOLDER_CLIENT_SECRET,
                mask,
            ));
        }
        ClientAuth::Basic => {
            let id = if input.client_id.is_empty() {
                PLACEHOLDER_CLIENT_ID.to_string()
            } else {
                quote::basic_credential_encode(&input.client_id)
            };
            let secret = if input.client_secret.is_empty() {
                PLACEHOLDER_CLIENT_SECRET.to_string()
            } else if mask {
                MASK.to_string()
            } else {
                quote::basic_credential_encode(&input.client_secret)
            };
            lines.push(vec![Word::Lit("-u"), Word::Val(format!("{id}:{secret}"))]);
        }
    }
    if !input.audience.is_empty() {
        let name = if entra_v1 { "resource" } else { "audience" };
        lines.push(value_line(shell, name, &input.audience, "", false));
    }
    if !input.scope.is_empty() {
        lines.push(value_line(shell, "scope", &input.scope, "", false));
    }
    lines
}

fn internal_error() -> CommandError {
    CommandError {
        message: "This command could not be written for cmd. Choose PowerShell instead."
            .to_string(),
    }
}

fn render(lines: &[Vec<Word>], shell: Shell) -> Result<String, CommandError> {
    let continuation = match shell {
        Shell::Bash => " \\\n  ",
        Shell::PowerShell => " `\n  ",
        Shell::Cmd => " ^\n  ",
    };
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push_str(continuation);
        }
        for (j, word) in line.iter().enumerate() {
            if j > 0 {
                out.push(' ');
            }
            match word {
                Word::Lit(text) => out.push_str(text),
                Word::Val(value) => match shell {
                    Shell::Bash => out.push_str(&quote::posix(value)),
                    Shell::PowerShell => out.push_str(&quote::powershell(value)),
                    Shell::Cmd => out.push_str(&quote::cmd(value).ok_or_else(internal_error)?),
                },
            }
        }
    }
    Ok(out)
}

fn too_long(what: &str) -> CommandError {
    CommandError {
        message: format!(
            "This command is too long for {what}. Check that only the value itself was pasted \
             into each field."
        ),
    }
}

fn check_limits(lines: &[Vec<Word>], shell: Shell) -> Result<(), CommandError> {
    let mut values = lines.iter().flatten().filter_map(|w| match w {
        Word::Val(v) => Some(v.as_str()),
        Word::Lit(_) => None,
    });
    match shell {
        Shell::Bash => {
            if values.any(|v| v.len() > POSIX_MAX_ARG_BYTES) {
                return Err(too_long(
                    "a command line: one of its values is over 128 KiB",
                ));
            }
        }
        Shell::PowerShell => {
            let total: usize = lines
                .iter()
                .flatten()
                .map(|w| match w {
                    Word::Lit(t) => t.len() + 1,
                    Word::Val(v) => quote::windows_argv(v, false).encode_utf16().count() + 1,
                })
                .sum();
            if total > WINDOWS_MAX_COMMAND_LINE {
                return Err(too_long("Windows, which accepts 32,767 characters"));
            }
        }
        Shell::Cmd => {
            let text = render(lines, shell)?;
            let joined = text.replace("^\n", "");
            if joined.encode_utf16().count() > CMD_MAX_LINE {
                return Err(too_long(
                    "cmd, which accepts 8,191 characters on one line (PowerShell accepts longer \
                     ones)",
                ));
            }
        }
    }
    Ok(())
}
