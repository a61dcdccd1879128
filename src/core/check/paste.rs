//! Pastes that are not a token response, each with its own explanation: nothing at all, the
//! command, curl's or PowerShell's error text, an HTML page, PowerShell's formatted output, only
//! the token or an `Authorization: Bearer` line, decoded claims, and JSON of another kind.

use serde_json::{Map, Value};

use super::text;
use super::MAX_PASTE_BYTES;
use crate::core::report::{Finding, Status};

/// What the first look at the body found.
pub(crate) enum Early {
    /// Not a response at all; the finding explains.
    Done(Finding),
    /// Only a token, bare or in an `Authorization: Bearer` line; `wrapped` when its lines were
    /// joined (a terminal broke it over several).
    Token {
        token: String,
        bearer: bool,
        wrapped: bool,
    },
    /// Something to parse as JSON.
    Json,
    /// Text that names the client secret (the finding says so); the byte offset of a response
    /// after it, when there is one.
    Secret(Finding, Option<usize>),
}

/// For a paste that holds (or looks like) the client secret.
const SECRET_FIX: &str = "Nothing you paste here leaves this page, but keep the secret out of \
    chats, forums and screenshots; if it has been shared, rotate it on the application's Settings \
    tab. Then run the token request and paste the server's whole answer here.";

const RESPONSE_FIX: &str =
    "Copy everything the command printed — the whole JSON object from `{` to \
    `}`, with access_token, token_type and expires_in — and paste it here. (Run the command again \
    only if its output is gone.)";

pub(crate) fn too_large(bytes: usize) -> Finding {
    Finding::new(
        "paste_size",
        Status::Fail,
        "Size of the paste",
        format!(
            "The paste is {}, more than the {} this checker reads. A token response is a few \
             kilobytes at most.",
            text::size_text(bytes),
            text::size_text(MAX_PASTE_BYTES)
        ),
    )
    .with_fix("Paste only the response body: the JSON object from its first `{` to its last `}`.")
}

/// A paste with far more values than a response has: what was read and what was left out.
pub(crate) fn trimmed(bytes: usize) -> Finding {
    Finding::new(
        "paste_trimmed",
        Status::Info,
        "Size of the paste",
        format!(
            "The paste ({}) holds thousands of values, while a token response holds a few dozen. \
             Every member at the top was read, but inside each one only the first {} values were \
             kept (the rest was only checked to be JSON), so a long list or object below may show \
             only its first entries.",
            text::size_text(bytes),
            crate::core::value::KEPT
        ),
    )
}

pub(crate) fn empty(set_aside: bool) -> Finding {
    Finding::new(
        "paste_empty",
        Status::Fail,
        "What was pasted",
        if set_aside {
            "Nothing is left to check once the wrapper around it is set aside."
        } else {
            "The box is empty."
        },
    )
    .with_fix(RESPONSE_FIX)
    .with_reference("RFC 6749 §5.1")
}

pub(crate) fn command_only(cmd: &str) -> Finding {
    Finding::new(
        "paste_curl_command",
        Status::Fail,
        "The response, not the command",
        if cmd.is_empty() {
            "This is only your shell's prompt, with no command or response after it.".to_string()
        } else {
            format!(
                "This is the command itself ({}), not what the server answered.",
                text::quote(cmd, 60)
            )
        },
    )
    .with_fix(
        "Run the command in your terminal, then copy what it prints — the JSON response — and paste \
         that here.",
    )
    .with_reference("RFC 6749 §4.4.3")
}

/// What an HTTP error status from a token endpoint means, and what to do: `(meaning, fix)`.
pub(crate) fn status_meaning(code: u16) -> Option<(&'static str, &'static str)> {
    Some(match code {
        400 => (
            "HTTP status 400 means the server could not use the request: a parameter is missing or \
             malformed.",
            "Compare your command with the one generated above, which sends every parameter as a form.",
        ),
        401 => (
            "HTTP status 401 means the server did not accept the client's credentials: the client \
             ID or secret is wrong, or they went in the wrong place (the body or HTTP Basic).",
            "Copy the client ID and secret again from the application's Settings tab, and use the \
             command generated above.",
        ),
        403 => (
            "HTTP status 403 means the server refused this client: it may not be allowed this \
             grant or this API.",
            "On Auth0, authorize the application for the API (Applications → APIs → your API → \
             Machine to Machine Applications tab).",
        ),
        404 => (
            "HTTP status 404 means nothing is at that address: the token endpoint's path is wrong.",
            "Use your token endpoint exactly (for Auth0, https://YOUR-DOMAIN/oauth/token).",
        ),
        405 => (
            "HTTP status 405 means the method is wrong: a token request is a POST.",
            "Send a POST with the form data, as the command above does.",
        ),
        415 => (
            "HTTP status 415 means the server refused the body's format: the Content-Type does not \
             match the body.",
            "Send the parameters as a form (`-d name=value`), as the command above does.",
        ),
        429 => (
            "HTTP status 429 means too many requests: the server limits how often a client asks.",
            "Wait a minute, then send the request once.",
        ),
        500..=599 => (
            "An HTTP status of 500 or more means the server had a problem of its own.",
            "Wait a moment and send the request again; if it keeps failing, check the provider's \
             status page.",
        ),
        _ => return None,
    })
}

pub(crate) fn headers_only(status: Option<u16>) -> Finding {
    let meaning = status.and_then(status_meaning);
    let detail = format!(
        "The paste shows the HTTP status{} but no body after it.{}",
        status.map(|s| format!(" ({s})")).unwrap_or_default(),
        meaning.map_or(String::new(), |(m, _)| format!(
            " If the server sent a body, copy it too: it says what went wrong. {m}"
        ))
    );
    Finding::new(
        if meaning.is_some() {
            "paste_error_status"
        } else {
            "paste_not_token_response"
        },
        Status::Fail,
        "What was pasted",
        detail,
    )
    .with_fix(meaning.map_or(
        "Copy the body too: it follows the blank line after the headers. With curl, leave out -I \
         (which asks for headers only).",
        |(_, fix)| fix,
    ))
}

/// The meaning of the HTTP status written right after `marker` in `text` (`… status code 401`).
fn status_after(text: &str, marker: &str) -> Option<(&'static str, &'static str)> {
    let (_, rest) = text.split_once(marker)?;
    rest.get(..3)?.parse().ok().and_then(status_meaning)
}

/// A short plain-text body, as servers and frameworks send for an error (`Unauthorized`, `Cannot
/// POST /oauth/tokens`, `404 page not found`): what its status means.
fn plain_text(body: &str, status: Option<u16>) -> Option<Finding> {
    let t = body.trim();
    if t.len() > 120 || t.contains('\n') || !t.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    let lower = t.trim_end_matches('.').to_ascii_lowercase();
    let named = match lower.as_str() {
        "bad request" => Some(400),
        "unauthorized" | "unauthorised" => Some(401),
        "forbidden" | "access denied" => Some(403),
        "not found" | "404 page not found" | "404 not found" => Some(404),
        "method not allowed" => Some(405),
        "unsupported media type" => Some(415),
        "too many requests" => Some(429),
        "internal server error" | "bad gateway" | "service unavailable" | "gateway timeout" => {
            Some(500)
        }
        _ if lower.starts_with("cannot post /") || lower.starts_with("cannot get /") => Some(404),
        _ => None,
    };
    let code = status.filter(|c| *c >= 400).or(named)?;
    let (meaning, fix) = status_meaning(code)?;
    Some(
        Finding::new(
            "paste_error_status",
            Status::Fail,
            "What was pasted",
            format!(
                "The server answered with plain text ({}), not a JSON token response. {meaning}",
                text::quote(t, 80)
            ),
        )
        .with_fix(fix),
    )
}

/// wget's progress messages and no body: wget saved the response in a file, or (by default)
/// dropped the body of an error response.
pub(crate) fn wget_output(saved_to: Option<&str>, status: Option<u16>) -> Finding {
    let (detail, fix) = match (status, saved_to) {
        (Some(code), _) if code >= 400 => (
            format!(
                "This is wget's report of the request, not the server's response. The server \
                 answered with HTTP status {code}, but wget does not show the body of an error \
                 response, and the body is what says what went wrong.{}",
                if code == 401 {
                    " A 401 from the token endpoint means the server did not accept the client ID \
                     and secret (wget calls that `Username/Password Authentication Failed`)."
                } else {
                    ""
                }
            ),
            "Run the command again with `--content-on-error -qO-` added, so that wget prints the \
             server's answer, and paste that; or use the curl command above."
                .to_string(),
        ),
        (_, Some(file)) => {
            let shown = text::quote(file, 60);
            let how = if file
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
            {
                format!(
                    "Show it with `cat {file}` (PowerShell: `Get-Content {file}`, cmd: `type {file}`)"
                )
            } else {
                "Open that file".to_string()
            };
            (
                format!(
                    "This is wget's report of the download, not the response: wget saved the \
                     server's answer in the file {shown} instead of showing it."
                ),
                format!(
                    "{how} and paste what it holds; or add `-qO-` to the wget command so that it \
                     prints the answer."
                ),
            )
        }
        _ => (
            "This is wget's report of the request, not the server's response, which is not in \
             the paste."
                .to_string(),
            "Add `-qO-` to the wget command so that it prints the answer, or use the curl command \
             above, and paste the JSON it shows."
                .to_string(),
        ),
    };
    Finding::new("paste_wget", Status::Fail, "What was pasted", detail).with_fix(fix)
}

fn curl_error(line: &str) -> Finding {
    let code: Option<u32> = line
        .strip_prefix("curl: (")
        .and_then(|r| r.split_once(')'))
        .and_then(|(n, _)| n.parse().ok());
    let placeholder = line.contains("YOUR_") || line.contains("{YOUR");
    let (cause, fix) = match code {
        _ if placeholder => (
            "The command still contains a placeholder such as {YOUR_DOMAIN} where your own value \
             belongs.",
            "Fill in every field of the form above (domain, client ID, secret, audience), then copy \
             the command again and run it.",
        ),
        Some(3) => (
            "The URL is malformed: often a quote or line continuation broke when the command was \
             copied, or the URL has a space.",
            "Check the URL in the command (https://…/oauth/token for Auth0), and use the command \
             generated above for your shell.",
        ),
        Some(1) => (
            "curl does not support the protocol: usually a stray quote or invisible character before \
             `https` (for example from Windows cmd, which does not understand single quotes).",
            "Use the command generated above for your shell, and retype the start of the URL.",
        ),
        Some(6) if cut_host(line) => (
            "The address was cut at a line break: curl got only the part before it. (The lesson's \
             example breaks the domain over two lines.)",
            "Put the whole address on one line, or use the command generated above for your shell.",
        ),
        Some(6) => (
            "The host name could not be found: the domain in the URL is misspelled, or there is no \
             network connection.",
            "Copy your tenant's domain again (for Auth0 it is on the application's Settings tab, such \
             as dev-abc123.us.auth0.com) and check your connection.",
        ),
        Some(7) => (
            "Nothing answered at that address: the host or port is wrong, or a firewall or proxy \
             blocks the connection.",
            "Check the URL, and any proxy settings (HTTPS_PROXY) on your network.",
        ),
        Some(28) => (
            "The request timed out.",
            "Check your connection and any proxy or VPN, then try again.",
        ),
        Some(35) | Some(60) => (
            "The secure (TLS) connection failed: a proxy or antivirus intercepts HTTPS, the system's \
             certificates are outdated, or the host is wrong.",
            "Check the host name; on a company network ask for the proxy's certificate. Do not switch \
             off certificate checks (-k) for a request that carries your client secret.",
        ),
        Some(22) => (
            "curl was run with -f/--fail, so it hid the server's error response.",
            "Run the command without -f (or --fail) and paste the JSON the server sends back.",
        ),
        Some(26) => (
            "curl could not read a file given with @ (for example -d @body.json).",
            "Check the file name, or pass the values directly as in the command above.",
        ),
        Some(52) | Some(56) => (
            "The connection was closed without an answer.",
            "Check the URL (https, not http) and try again.",
        ),
        _ => (
            "curl stopped before it received a response.",
            "Read curl's message, fix what it names, and run the command again.",
        ),
    };
    // With -f the server did answer (an HTTP error status); for the others it never did.
    let reached = if code == Some(22) {
        "the server answered with an error status, but its response is not here."
    } else {
        "the request never reached the token endpoint."
    };
    Finding::new(
        "paste_curl_error",
        Status::Fail,
        "A response from the server",
        format!(
            "This is an error from curl ({}), not a response: {reached} {cause}",
            text::quote(line, 160),
        ),
    )
    .with_fix(fix)
}

fn shell_error(line: &str, detail: &str, fix: &str) -> Finding {
    tool_error("the shell", line, detail, fix)
}

/// An error message from a tool between the learner and the server (`source`: "the shell",
/// "the browser", "Python"), quoting its line.
fn tool_error(source: &str, line: &str, detail: &str, fix: &str) -> Finding {
    Finding::new(
        "paste_curl_error",
        Status::Fail,
        "A response from the server",
        format!(
            "This is an error from {source} ({}), not a response. {}",
            text::quote(line, 160),
            detail
        ),
    )
    .with_fix(fix)
}

/// Errors from a browser's console, Node or Python instead of the response.
fn program_error(body: &str) -> Option<Finding> {
    // (Error lines are short: a long line, such as a response on one line, is not searched.)
    let lines = || {
        body.lines()
            .map(str::trim)
            .take(50)
            .filter(|l| l.len() <= 1000)
    };
    if let Some(l) = lines().find(|l| l.contains("blocked by CORS policy")) {
        return Some(tool_error(
            "the browser",
            l,
            "The browser stopped the request (CORS): token endpoints do not answer web pages \
             directly, because a client secret in a page's code would be visible to everyone who \
             opens it. The client credentials grant is for programs on a server or your computer.",
            "Run the command above in a terminal, and paste what it prints.",
        ));
    }
    if let Some(l) = lines().find(|l| {
        // (Chrome's console prefixes `Uncaught (in promise) `.)
        l.contains("TypeError: Failed to fetch")
            || l.contains("TypeError: NetworkError when attempting to fetch")
            || l.contains("TypeError: fetch failed")
    }) {
        return Some(tool_error(
            "JavaScript's fetch",
            l,
            "The request did not complete: in a browser this is usually CORS (token endpoints do \
             not answer web pages, to keep the secret out of them); otherwise the address or the \
             network.",
            "Run the command above in a terminal, and paste what it prints.",
        ));
    }
    if let Some(l) = lines().find(|l| l.starts_with("Promise {")) {
        return Some(tool_error(
            "JavaScript",
            l,
            "This is a Promise printed before it finished, not the response.",
            "Wait for it: `const res = await fetch(…); console.log(await res.text());`, or run the \
             command above in a terminal.",
        ));
    }
    if let Some(l) = lines().find(|l| l.contains("Request failed with status code ")) {
        let meaning = status_after(l, "status code ").map_or("", |(m, _)| m);
        return Some(tool_error(
            "axios",
            l,
            &format!(
                "axios turned the server's error into an exception; the server's own answer, \
                 which says what went wrong, is in `error.response.data`. {meaning}"
            ),
            "Print it as JSON: `console.log(JSON.stringify(error.response.data))`, and paste that.",
        ));
    }
    if let Some(l) = lines().find(|l| l.starts_with("requests.exceptions.HTTPError:")) {
        let meaning = status_after(l, "HTTPError: ").map_or("", |(m, _)| m);
        return Some(tool_error(
            "Python",
            l,
            &format!(
                "`raise_for_status()` turned the server's error into an exception and its body, \
                 which says what went wrong, was not printed. {meaning}"
            ),
            "Print the body before raising: `print(r.text)`, and paste that.",
        ));
    }
    None
}

/// The first line that starts with `prefix` (ASCII case-insensitive), trimmed.
fn line_starting<'a>(body: &'a str, prefix: &str) -> Option<&'a str> {
    body.lines()
        .map(str::trim)
        .find(|l| text::starts_with_ci(l, prefix))
}

/// `curl: (6) Could not resolve host: dev-`: a host that ends where a line broke it.
fn cut_host(line: &str) -> bool {
    line.split_once("resolve host: ")
        .map(|(_, h)| h.trim())
        .is_some_and(|h| h.ends_with(['-', '.']) || (!h.contains('.') && h != "localhost"))
}

/// A shell's complaint that an option of curl's (`-d`, `--data`) is not a command: the lines of
/// a multi-line command ran one by one (bash, zsh, sh, PowerShell, cmd).
fn option_run_as_command(l: &str) -> bool {
    (l.ends_with("command not found") && l.contains(": -"))
        || l.contains("command not found: -")
        || (l.ends_with(": not found") && l.contains(": -"))
        || l.contains("The term '-")
        || (l.starts_with("'-") && l.contains("is not recognized"))
}

fn errors(body: &str) -> Option<Finding> {
    // Error texts are short and come first: the first 64 KB are enough, and a megabyte-long
    // response is not searched line by line a dozen times.
    let body = body.get(..text::floor_boundary(body, 65_536)).unwrap_or("");
    if let Some(f) = program_error(body) {
        return Some(f);
    }
    if let Some(l) = body
        .lines()
        .map(str::trim)
        .take(200)
        .find(|l| l.len() <= 1000 && option_run_as_command(l))
    {
        let cut = body
            .lines()
            .take(200)
            .any(|l| l.trim().starts_with("curl: (6)") && cut_host(l));
        return Some(shell_error(
            l,
            &format!(
                "The shell ran the command's lines one by one, so curl never got the options on the \
                 later lines (`-d …`){}. A line of a command continues only when it ends with the \
                 continuation mark itself (`\\` in bash and zsh, `` ` `` in PowerShell, `^` in \
                 cmd), with nothing after it, not even a space: the lesson's example has spaces \
                 after its backslashes and breaks the domain over two lines.",
                if cut {
                    ", and the address was cut at a line break"
                } else {
                    ""
                }
            ),
            "Copy the command generated above for your shell (it is ready to run), or put the \
             whole command on one line.",
        ));
    }
    if let Some(l) = body.lines().map(str::trim).find(|l| {
        l.starts_with("curl: command not found")
            || l.ends_with("command not found: curl")
            || l.contains("'curl' is not recognized")
    }) {
        return Some(shell_error(
            l,
            "curl is not installed, or not on the PATH of this shell.",
            "Install curl (Windows 10 and later include curl.exe), or use the command generated above for your shell.",
        ));
    }
    if let Some(l) = line_starting(body, "curl: ") {
        return Some(curl_error(l));
    }
    if let Some(l) = line_starting(body, "http: error:") {
        return Some(shell_error(
            l,
            "HTTPie could not get a response: read the reason it gives (a misspelled host, no \
             network, a certificate problem).",
            "Fix what the message names and run the request again; or use the curl command \
             generated above.",
        ));
    }
    // Python's requests library prints a response object as `<Response [401]>`.
    if let Some(code) = body
        .trim()
        .strip_prefix("<Response [")
        .and_then(|r| r.strip_suffix("]>"))
    {
        return Some(
            Finding::new(
                "paste_python",
                Status::Fail,
                "What was pasted",
                format!(
                    "This is how Python's requests library prints a response object (HTTP status \
                     {}), not what the server sent.",
                    text::quote(code, 10)
                ),
            )
            .with_fix(
                "Print the body instead: `print(response.text)`. Or run the curl command generated \
                 above and paste its output.",
            ),
        );
    }
    // PowerShell's error records are short and name the cmdlet near the top: looking at the first
    // 64 KB keeps a long paste from being scanned twice more.
    let head = body.get(..text::floor_boundary(body, 65_536)).unwrap_or("");
    let ps = text::contains_ci(head, "invoke-webrequest")
        || text::contains_ci(head, "invoke-restmethod");
    if ps {
        let first = body.lines().next().unwrap_or("").trim();
        if body.contains("A parameter cannot be found that matches parameter name")
            || body.contains("Cannot bind parameter")
        {
            return Some(shell_error(
                first,
                "In Windows PowerShell, `curl` is a shortcut for Invoke-WebRequest, which does not \
                 understand curl's options (-X, -d, -H).",
                "Type `curl.exe` instead of `curl`, or use the PowerShell command generated above.",
            ));
        }
        if body.contains("underlying connection was closed")
            || body.contains("Could not create SSL/TLS secure channel")
        {
            return Some(shell_error(
                first,
                "Windows PowerShell 5.1 offered an old TLS version, which the server refuses.",
                "Run `[Net.ServicePointManager]::SecurityProtocol = 'Tls12'` first, or use \
                 `curl.exe` with the command above.",
            ));
        }
        if body.contains("remote name could not be resolved")
            || body.contains("No such host is known")
        {
            return Some(shell_error(
                first,
                "The host name could not be found: the domain in the URL is misspelled.",
                "Copy your tenant's domain again and run the command once more.",
            ));
        }
        // PowerShell 7 shows the server's body when there is one: its bare status line means
        // the body was empty.
        if body.contains("Response status code does not indicate success: ") {
            let meaning = status_after(body, "Response status code does not indicate success: ");
            return Some(shell_error(
                first,
                &format!(
                    "The server answered with an error status and no body to explain it.{}",
                    meaning.map_or(String::new(), |(m, _)| format!(" {m}"))
                ),
                meaning.map_or(
                    "Check the command against the one generated above, and send it again.",
                    |(_, fix)| fix,
                ),
            ));
        }
        if body.contains("The remote server returned an error") {
            return Some(shell_error(
                first,
                "The server answered with an error, but Windows PowerShell shows only the HTTP status, \
                 not the error response itself.",
                "Run the request with `curl.exe` (the command above) to see the JSON error, or in \
                 PowerShell catch it: `try { Invoke-RestMethod … } catch { $_.ErrorDetails.Message }`.",
            ));
        }
        if body.contains("CategoryInfo") || body.contains("FullyQualifiedErrorId") {
            return Some(shell_error(
                first,
                "PowerShell reported an error before any response arrived.",
                "Read the first line of the error, fix what it names, or use `curl.exe` with the command above.",
            ));
        }
    }
    None
}

fn html(body: &str, status: Option<u16>) -> Option<Finding> {
    if !body.starts_with('<') {
        return None;
    }
    let head = body.get(..text::floor_boundary(body, 65_536)).unwrap_or("");
    let is_html = [
        "<html",
        "<!doctype",
        "<head",
        "<body",
        "<title",
        "<?xml",
        "<div",
        "<h1",
        "<p>",
    ]
    .iter()
    .any(|m| text::contains_ci(head, m));
    if !is_html {
        return None;
    }
    let lower = head.to_ascii_lowercase();
    let title = lower.find("<title").and_then(|k| {
        let open_end = k + lower.get(k..)?.find('>')? + 1;
        let close = open_end + lower.get(open_end..)?.find("</title")?;
        head.get(open_end..close)
            .map(str::trim)
            .filter(|t| !t.is_empty())
    });
    let hay = |w: &str| lower.contains(w);
    // "404" and "not found" count in the title or the first heading only: asset names and
    // scripts elsewhere in a page often contain them.
    let h1 = lower.find("<h1").and_then(|k| {
        let rest = lower.get(k..)?;
        rest.get(rest.find('>')? + 1..rest.find("</h1")?)
    });
    let prominent = format!(
        "{} {}",
        title.unwrap_or("").to_ascii_lowercase(),
        h1.unwrap_or("")
    );
    let xml = lower.trim_start().starts_with("<?xml") && !hay("<html");
    let cause = if status == Some(404)
        || prominent.contains("404")
        || prominent.contains("not found")
    {
        "The address points to a page that does not exist: the token endpoint's path is probably wrong \
         (for Auth0 it is https://<your domain>/oauth/token)."
    } else if status == Some(405) || hay("method not allowed") || prominent.contains("405") {
        "The server expected another method: a token request is a POST."
    } else if hay("log in") || hay("login") || hay("sign in") {
        "This is a login page: the request went to a page meant for people in a browser, not to the \
         token endpoint."
    } else if xml {
        "Another kind of service answered (cloud storage and API gateways answer in XML), not the \
         token endpoint: check the address."
    } else if hay("cloudflare") || hay("access denied") || hay("blocked") || hay("firewall") {
        "A firewall or proxy answered instead of the token endpoint."
    } else {
        "The request reached a web page instead of the token endpoint."
    };
    Some(
        Finding::new(
            "paste_html",
            Status::Fail,
            "What was pasted",
            format!(
                "This is {}{}{}, not the JSON a token endpoint returns. {}",
                if xml { "an XML document" } else { "an HTML page" },
                title.map(|t| format!(" titled {}", text::quote(t, 80))).unwrap_or_default(),
                status.map(|s| format!(" (HTTP status {})", s)).unwrap_or_default(),
                cause
            ),
        )
        .with_fix("Send the POST request to your token endpoint, as in the command above, and paste the JSON it returns.")
        .with_reference("RFC 6749 §5.1"),
    )
}

/// The token in `Authorization: Bearer …`, `Bearer …` or `-H "Authorization: Bearer …"`.
fn bearer(body: &str) -> Option<String> {
    let first = body.lines().next().unwrap_or("").trim();
    let mut t = first;
    for p in ["-H ", "--header ", "-H", "--header"] {
        if let Some(r) = t.strip_prefix(p) {
            t = r.trim_start();
            break;
        }
    }
    t = t.trim_start_matches(['"', '\'']);
    if text::starts_with_ci(t, "authorization:") {
        t = t.get("authorization:".len()..).unwrap_or("").trim_start();
    }
    if !text::starts_with_ci(t, "bearer ") {
        return None;
    }
    let rest = t.get(7..).unwrap_or("").trim_start();
    let token: String = rest
        .chars()
        .take_while(|c| !c.is_ascii_whitespace() && *c != '"' && *c != '\'')
        .collect();
    if token.is_empty() {
        None
    } else {
        Some(token)
    }
}

/// PowerShell's display of Invoke-RestMethod / Invoke-WebRequest results.
fn powershell(body: &str) -> Option<Finding> {
    let table = body
        .lines()
        .take(3)
        .any(|l| l.contains("access_token") && l.contains("token_type"))
        && body
            .lines()
            .take(4)
            .any(|l| l.trim_start().starts_with("----"));
    let hashtable = body.starts_with("@{") && body.contains('=');
    let list = body.lines().take(40).any(|l| {
        let t = l.trim_start();
        [
            "access_token",
            "token_type",
            "expires_in",
            "StatusCode",
            "Content",
            "RawContent",
        ]
        .iter()
        .any(|k| {
            t.strip_prefix(k)
                .is_some_and(|r| r.starts_with(' ') && r.trim_start().starts_with(':'))
        })
    });
    if !(table || hashtable || list) {
        return None;
    }
    let web_request = body.contains("StatusCode") || body.contains("RawContent");
    Some(
        Finding::new(
            "paste_powershell",
            Status::Fail,
            "What was pasted",
            "This is how PowerShell displays the object it made from the response, not the JSON text: \
             quotes and braces are gone and long values such as the token may be cut.",
        )
        .with_fix(if web_request {
            "Paste the response body instead: `(Invoke-WebRequest …).Content`, or run `curl.exe` with the command above."
        } else {
            "Turn the result back into JSON: `Invoke-RestMethod … | ConvertTo-Json`, and paste that — or run `curl.exe` with the command above."
        })
        .with_reference("RFC 6749 §5.1"),
    )
}

/// A single word made of token characters (invisible ones included: they are reported later).
pub(crate) fn looks_like_token(s: &str) -> bool {
    !s.starts_with(['{', '[', '"', '<'])
        && (s.starts_with("eyJ") || s.bytes().filter(u8::is_ascii_alphanumeric).count() >= 16)
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.~+/=".contains(c) || text::is_invisible(c))
}

/// A lone URL: the token endpoint or another address pasted instead of the response.
fn url(body: &str) -> Option<Finding> {
    let t = body.trim();
    let is_url = (text::starts_with_ci(t, "https://") || text::starts_with_ci(t, "http://"))
        && !t.contains(char::is_whitespace);
    is_url.then(|| {
        Finding::new(
            "paste_not_token_response",
            Status::Fail,
            "What was pasted",
            format!(
                "This is an address ({}), not what the server answered.",
                text::quote(t, 100)
            ),
        )
        .with_fix(RESPONSE_FIX)
        .with_reference("RFC 6749 §5.1")
    })
}

pub(crate) fn classify(body: &str, status: Option<u16>) -> Early {
    if let Some(f) = errors(body) {
        return Early::Done(f);
    }
    if let Some(f) = html(body, status) {
        return Early::Done(f);
    }
    if let Some(token) = bearer(body) {
        return Early::Token {
            token,
            bearer: true,
            wrapped: false,
        };
    }
    if let Some(f) = powershell(body) {
        return Early::Done(f);
    }
    if let Some(f) = url(body) {
        return Early::Done(f);
    }
    if looks_like_token(body) {
        return Early::Token {
            token: body.to_string(),
            bearer: false,
            wrapped: false,
        };
    }
    if let Some(f) = plain_text(body, status) {
        return Early::Done(f);
    }
    if let Some(f) = names_the_secret(body) {
        return Early::Secret(f, response_after(body));
    }
    if let Some(token) = wrapped_token(body) {
        return Early::Token {
            token,
            bearer: false,
            wrapped: true,
        };
    }
    Early::Json
}

/// Text that is not JSON but names the client secret: the application's settings copied from
/// the dashboard, a `.env` file, a script's variables.
fn names_the_secret(body: &str) -> Option<Finding> {
    let head = body.get(..text::floor_boundary(body, 4096)).unwrap_or("");
    // A label followed by a value (16 characters or more), not a sentence that mentions it
    // ("Invalid client secret").
    let named = head.lines().take(50).any(|line| {
        let lower = line.to_ascii_lowercase();
        [
            "client_secret",
            "client secret",
            "client-secret",
            "clientsecret",
        ]
        .iter()
        .filter_map(|n| lower.find(n).map(|k| k + n.len()))
        .any(|k| {
            let value = line.get(k..).unwrap_or("").trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ':' | '=' | '"' | '\'')
            });
            value
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || b"-._~+/=".contains(b))
                .count()
                >= 16
        })
    });
    (named && !body.trim_start().starts_with(['{', '['])).then(|| {
        Finding::new(
            "paste_not_token_response",
            Status::Fail,
            "What was pasted",
            "This is not a token response: it looks like your application's settings or a script's \
             variables, and it names the client secret.",
        )
        .with_fix(SECRET_FIX)
        .with_reference("RFC 6749 §5.1")
    })
}

/// Where the last line that opens a token or error response starts (a Postman console, a script
/// and its output, a command with a JSON body): a line beginning with `{` whose object has
/// access_token or error.
fn response_after(body: &str) -> Option<usize> {
    let mut at = 0usize;
    // (A few candidates only: each is read to its end.)
    let mut tries = 0;
    for line in body.split_inclusive('\n') {
        if line.trim_start().starts_with('{') && at > 0 && tries < 8 {
            tries += 1;
            let rest = body.get(at..).unwrap_or("");
            if let Ok(crate::core::value::Read {
                value: Value::Object(m),
                ..
            }) = crate::core::value::read(rest.trim())
            {
                if m.contains_key("access_token") || m.contains_key("error") {
                    return Some(at);
                }
            }
        }
        at += line.len();
    }
    None
}

/// The client secret was in the text around the response.
pub(crate) fn secret_around() -> Finding {
    Finding::new(
        "paste_secret",
        Status::Warn,
        "Your client secret",
        "The text before the response holds your client secret. Nothing you paste here leaves \
         this page, but keep the secret out of chats, forums, tickets and screenshots.",
    )
    .with_fix("If the secret has been shared, rotate it on the application's Settings tab.")
}

/// A JWT alone, broken over several lines by a terminal (the Windows console wraps at its
/// width): the lines joined, when each is made of token characters only.
fn wrapped_token(body: &str) -> Option<String> {
    let t = body.trim();
    if !t.starts_with("eyJ") || !t.contains('\n') {
        return None;
    }
    let joined: String = t.lines().map(str::trim).collect();
    looks_like_token(&joined).then_some(joined)
}

pub(crate) fn token_only(bearer: bool) -> Finding {
    let detail = if bearer {
        "This is an Authorization header (or its value) with the access token, not the token response. \
         The token is decoded below, but the response's other fields (token_type, expires_in, and \
         whether a refresh or ID token came along) are needed too."
    } else {
        "This is only the access token, not the whole token response. The token is decoded below, but \
         the response's other fields (token_type, expires_in, and whether a refresh or ID token came \
         along) are needed too."
    };
    Finding::new(
        "paste_token_only",
        Status::Fail,
        "The whole response",
        detail,
    )
    .with_fix(RESPONSE_FIX)
    .with_reference("RFC 6749 §5.1")
}

/// A lone string that is one of the application's credentials rather than a token: the client
/// ID the learner entered, or (Auth0, whose access tokens always have dots) a long one-part
/// string such as the 64-character client secret.
pub(crate) fn credential(s: &str, client_id: &str, auth0: bool) -> Option<Finding> {
    let (detail, fix) = if !client_id.is_empty() && s == client_id {
        (
            "This is your client ID — the value in the Client ID field above — not the token \
             response. It names your application in the request; the server's answer is what to \
             paste here.",
            RESPONSE_FIX,
        )
    } else if auth0 && s.len() >= 48 && !s.contains('.') && !s.starts_with("eyJ") {
        (
            "This is one long string without dots, and Auth0's access tokens always have dots (a \
             JWT, or five parts when the request names no API). It looks like a credential, most \
             likely your client secret.",
            SECRET_FIX,
        )
    } else {
        return None;
    };
    Some(
        Finding::new("paste_credential", Status::Fail, "What was pasted", detail)
            .with_fix(fix)
            .with_reference("RFC 6749 §5.1"),
    )
}

pub(crate) fn bearer_header() -> Finding {
    let mut f = token_only(true);
    f.id = "paste_bearer_header";
    f
}

fn member_list(m: &Map<String, Value>) -> String {
    let names: Vec<String> = m.keys().take(12).map(|k| text::quote(k, 40)).collect();
    let more = if m.len() > 12 {
        format!(" and {} more", m.len() - 12)
    } else {
        String::new()
    };
    format!("{}{}", names.join(", "), more)
}

pub(crate) fn looks_like_claims(m: &Map<String, Value>) -> bool {
    ["iss", "sub", "aud", "exp", "iat"]
        .iter()
        .filter(|k| m.contains_key(**k))
        .count()
        >= 2
}

pub(crate) fn decoded_claims(header_only: bool) -> Finding {
    Finding::new(
        "paste_decoded_claims",
        Status::Fail,
        "What was pasted",
        if header_only {
            "This is the decoded header of a token, as a JWT debugger such as jwt.io shows it — not the \
             token response."
        } else {
            "These are the decoded contents of a token (its claims), as a JWT debugger such as jwt.io \
             shows them — not the token response. They are listed below, but the response and the token \
             itself are needed: its signature cannot be checked from decoded claims."
        },
    )
    .with_fix(RESPONSE_FIX)
    .with_reference("RFC 6749 §5.1")
}

/// The response wrapped in single quotes, as a browser console shows a string
/// (`JSON.stringify(data)`) and Python's prompt shows `r.text` (`'{…}'`) or `r.content`
/// (`b'{…}'`), with the prompt line (`>>> r.text`) allowed before it. Returns the text inside
/// and whether it was Python's bytes form.
pub(crate) fn single_quoted(body: &str) -> Option<(&str, bool)> {
    let mut t = body.trim();
    if t.starts_with(">>>") || t.starts_with("> ") {
        t = t.split_once('\n')?.1.trim();
    }
    let (t, bytes) = match t.strip_prefix('b') {
        Some(rest) => (rest, true),
        None => (t, false),
    };
    let inner = t.strip_prefix('\'')?.strip_suffix('\'')?;
    if !(inner.starts_with('{') && inner.ends_with('}')) {
        return None;
    }
    Some((inner, bytes))
}

pub(crate) fn json_in_single_quotes(bytes: bool) -> Finding {
    Finding::new(
        "json_in_string",
        Status::Fail,
        "JSON, not a string of JSON",
        if bytes {
            "The response is wrapped in `b'…'`: this is how Python's prompt shows `r.content` (the \
             body as bytes). The response inside is checked below, but the wrapper is not part of it."
        } else {
            "The response is wrapped in single quotes (`'{…}'`): this is how a browser console shows \
             a string (JSON.stringify) and how Python's prompt shows `r.text`. The response inside is \
             checked below, but the quotes are not part of it."
        },
    )
    .with_fix("Paste only the JSON, from the first `{` to the last `}`: `print(r.text)` in Python, or `copy(data)` in a browser console, prints it without quotes.")
    .with_reference("RFC 6749 §5.1")
}

pub(crate) fn json_in_string(inner_ok: bool) -> Finding {
    Finding::new(
        "json_in_string",
        Status::Fail,
        "JSON, not a string of JSON",
        if inner_ok {
            "The paste is one JSON string whose text is the response (`\"{\\\"access_token\\\"…}\"`): it \
             was encoded twice, for example by a logging tool or JSON.stringify. The response inside \
             is checked below, but the paste itself is not a token response."
        } else {
            "The paste is one JSON string (`\"…\"`) rather than a JSON object, and its text is not a \
             valid response either."
        },
    )
    .with_fix("Paste the response exactly as the server sent it: it starts with `{`, not with a quote.")
    .with_reference("RFC 6749 §5.1")
}

pub(crate) fn not_token_response(v: &Value) -> Finding {
    let detail = match v {
        Value::Object(m) if m.get("keys").is_some_and(Value::is_array) => {
            "This is a JSON Web Key Set — your server's public keys — not a token response.".to_string()
        }
        Value::Object(m) if m.contains_key("issuer") && (m.contains_key("token_endpoint") || m.contains_key("jwks_uri")) => {
            "This is your server's discovery document (its metadata), not a token response.".to_string()
        }
        Value::Object(m) if m.contains_key("grant_type") || m.contains_key("client_secret") => {
            "This is the request you send, not the response the server returns. It may contain your \
             client secret: do not share it."
                .to_string()
        }
        Value::Object(m) if m.is_empty() => "This is an empty JSON object.".to_string(),
        Value::Object(m) => format!(
            "This JSON object has {}, but neither access_token (a token response) nor error (an error \
             response).",
            member_list(m)
        ),
        Value::Array(_) => "This is a JSON array; a token response is one JSON object.".to_string(),
        Value::String(_) => "This is a JSON string; a token response is one JSON object.".to_string(),
        Value::Number(n) if n.as_u64().is_some_and(|c| (100..=599).contains(&c)) => format!(
            "This is only an HTTP status code ({n}), as curl prints it with `-w '%{{http_code}}'` \
             and `-o /dev/null`; the response itself was thrown away."
        ),
        Value::Number(_) => "This is a number; a token response is one JSON object.".to_string(),
        Value::Bool(_) | Value::Null => "This is a single JSON word; a token response is one JSON object.".to_string(),
    };
    Finding::new(
        "paste_not_token_response",
        Status::Fail,
        "What was pasted",
        detail,
    )
    .with_fix(RESPONSE_FIX)
    .with_reference("RFC 6749 §5.1")
}
