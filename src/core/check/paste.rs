//! Pastes that are not a token response, each with its own rule: nothing at all, the command, a
//! tool's error text (see `tools`), an HTML page, PowerShell's formatted output, only the token or
//! an `Authorization: Bearer` line, the application's credentials, decoded claims, and JSON of
//! another kind.

use serde_json::{Map, Value};

use super::http_status;
use super::text;
use super::tools;
use super::MAX_PASTE_BYTES;
use crate::core::report::{Finding, Status};
use crate::core::rule::{fill, Rule};

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

/// What to paste instead, for most pastes that are not the response.
pub(crate) const RESPONSE_FIX: &str = "Copy everything the command printed — the whole JSON object from `{` to `}`, with access_token, token_type and expires_in — and paste it here. \
    (Run the command again only if its output is gone.)";

/// For a paste that holds (or looks like) the client secret.
const SECRET_FIX: &str = "Nothing you paste here leaves this page, but keep the secret out of chats, forums and screenshots; if it has been shared, rotate it on the application's Settings tab. \
    Then run the token request and paste the server's whole answer here.";

/// The title of most rules here.
pub(crate) const WHAT: &str = "What was pasted";

pub(crate) const RFC_6749_5_1: &str = "RFC 6749 §5.1";

/// The base of the `paste_not_token_response` rules.
pub(crate) const NOT_A_RESPONSE: Rule = Rule {
    check: "paste_not_token_response",
    status: Status::Fail,
    title: WHAT,
    fix: RESPONSE_FIX,
    reference: RFC_6749_5_1,
    headline: "This is not a token response",
    ..Rule::BLANK
};

// ---------------------------------------------------------------------------------------------
// The size, an empty box, the command alone, headers alone

static TOO_LARGE: Rule = Rule {
    key: "paste.too_large",
    check: "paste_size",
    status: Status::Fail,
    title: "Size of the paste",
    detail: "The paste is {size}, more than the {limit} this checker reads. \
             A token response is a few kilobytes at most.",
    fix: "Paste only the response body: the JSON object from its first `{` to its last `}`.",
    headline: "The paste is too large to check; paste only the token response",
    ..Rule::BLANK
};

pub(crate) fn too_large(bytes: usize) -> Finding {
    TOO_LARGE.with(&[
        ("size", &text::size_text(bytes)),
        ("limit", &text::size_text(MAX_PASTE_BYTES)),
    ])
}

static TRIMMED: Rule = Rule {
    key: "paste.trimmed",
    check: "paste_trimmed",
    status: Status::Info,
    title: "Size of the paste",
    detail: "The paste ({size}) holds thousands of values, while a token response holds a few dozen. \
             Every member at the top was read, but inside each one only the first {kept} values were kept (the rest was only checked to be JSON), so a long list or object below may show only its first entries.",
    ..Rule::BLANK
};

/// A paste with far more values than a response has: what was read and what was left out.
pub(crate) fn trimmed(bytes: usize) -> Finding {
    TRIMMED.with(&[
        ("size", &text::size_text(bytes)),
        ("kept", &crate::core::value::KEPT.to_string()),
    ])
}

const EMPTY_BASE: Rule = Rule {
    check: "paste_empty",
    status: Status::Fail,
    title: WHAT,
    fix: RESPONSE_FIX,
    reference: RFC_6749_5_1,
    headline: "Paste the whole token response — the JSON your token endpoint returned — first",
    ..Rule::BLANK
};
static EMPTY: Rule = Rule {
    key: "paste.empty",
    detail: "The box is empty.",
    ..EMPTY_BASE
};
static EMPTY_AFTER_WRAPPER: Rule = Rule {
    key: "paste.empty_after_wrapper",
    detail: "Nothing is left to check once the wrapper around it is set aside.",
    ..EMPTY_BASE
};

pub(crate) fn empty(set_aside: bool) -> Finding {
    if set_aside {
        EMPTY_AFTER_WRAPPER.finding()
    } else {
        EMPTY.finding()
    }
}

const COMMAND_BASE: Rule = Rule {
    check: "paste_curl_command",
    status: Status::Fail,
    title: "The response, not the command",
    fix: "Run the command in your terminal, then copy what it prints — the JSON response — and paste that here.",
    reference: "RFC 6749 §4.4.3",
    headline: "This is the command itself; run it and paste what it prints",
    ..Rule::BLANK
};
static COMMAND: Rule = Rule {
    key: "paste.command",
    detail: "This is the command itself ({command}), not what the server answered.",
    ..COMMAND_BASE
};
static PROMPT_ONLY: Rule = Rule {
    key: "paste.prompt_only",
    detail: "This is only your shell's prompt, with no command or response after it.",
    ..COMMAND_BASE
};

pub(crate) fn command_only(cmd: &str) -> Finding {
    if cmd.is_empty() {
        PROMPT_ONLY.finding()
    } else {
        COMMAND.with(&[("command", &text::quote(cmd, 60))])
    }
}

/// The base of the `paste_error_status` rules: an error status without a JSON body.
const ERROR_STATUS: Rule = Rule {
    check: "paste_error_status",
    status: Status::Fail,
    title: WHAT,
    fix: "{fix}",
    headline:
        "The server refused the request without a JSON error; see below what its HTTP status means",
    ..Rule::BLANK
};
static STATUS_WITHOUT_BODY: Rule = Rule {
    key: "paste.status_without_body",
    detail: "The paste shows the HTTP status ({status}) but no body after it. \
             If the server sent a body, copy it too: it says what went wrong. \
             {meaning}",
    ..ERROR_STATUS
};
static HEADERS_ONLY: Rule = Rule {
    key: "paste.headers_only",
    detail: "The paste shows the HTTP status ({status}) but no body after it.",
    fix: "Copy the body too: it follows the blank line after the headers. \
          With curl, leave out -I (which asks for headers only).",
    reference: "",
    ..NOT_A_RESPONSE
};

/// Headers without a body (`status` is the last status line's code).
pub(crate) fn headers_only(status: Option<u16>) -> Finding {
    let shown = status.map(|s| s.to_string()).unwrap_or_default();
    match status.and_then(http_status::meaning) {
        Some(m) => {
            STATUS_WITHOUT_BODY.with(&[("status", &shown), ("meaning", m.meaning), ("fix", m.fix)])
        }
        None => HEADERS_ONLY.with(&[("status", &shown)]),
    }
}

static PLAIN_TEXT_STATUS: Rule = Rule {
    key: "paste.plain_text_status",
    detail: "The server answered with plain text ({text}), not a JSON token response. \
             {meaning}",
    ..ERROR_STATUS
};

/// The status a short plain-text error body names (`Unauthorized`, `Cannot POST /oauth/tokens`).
fn status_named(lower: &str) -> Option<u16> {
    match lower {
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
    }
}

/// A short plain-text body, as servers and frameworks send for an error (`Unauthorized`, `Cannot
/// POST /oauth/tokens`, `404 page not found`): what its status means.
fn plain_text(body: &str, status: Option<u16>) -> Option<Finding> {
    let t = body.trim();
    if t.len() > 120 || t.contains('\n') || !t.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    let lower = t.trim_end_matches('.').to_ascii_lowercase();
    let code = status.filter(|c| *c >= 400).or(status_named(&lower))?;
    let m = http_status::meaning(code)?;
    Some(PLAIN_TEXT_STATUS.with(&[
        ("text", &text::quote(t, 80)),
        ("meaning", m.meaning),
        ("fix", m.fix),
    ]))
}

// ---------------------------------------------------------------------------------------------
// wget's report

const WGET_BASE: Rule = Rule {
    check: "paste_wget",
    status: Status::Fail,
    title: WHAT,
    headline: "This is wget's report of the request; the server's response is not in it",
    ..Rule::BLANK
};
static WGET_ERROR_STATUS: Rule = Rule {
    key: "paste.wget.error_status",
    detail: "This is wget's report of the request, not the server's response. \
             The server answered with HTTP status {code}, but wget does not show the body of an error response, and the body is what says what went wrong.{unauthorized}",
    fix: "Run the command again with `--content-on-error -qO-` added, so that wget prints the server's answer, and paste that; or use the curl command above.",
    ..WGET_BASE
};
/// Said in [`WGET_ERROR_STATUS`] for a 401.
const WGET_401: &str = " A 401 from the token endpoint means the server did not accept the client ID and secret (wget calls that `Username/Password Authentication Failed`).";
static WGET_SAVED: Rule = Rule {
    key: "paste.wget.saved_to_file",
    detail: "This is wget's report of the download, not the response: wget saved the server's answer in the file {file} instead of showing it.",
    fix: "{how} and paste what it holds; or add `-qO-` to the wget command so that it prints the answer.",
    ..WGET_BASE
};
/// How to show a saved file whose name needs no quoting.
const WGET_SHOW_FILE: &str =
    "Show it with `cat {name}` (PowerShell: `Get-Content {name}`, cmd: `type {name}`)";
const WGET_OPEN_FILE: &str = "Open that file";
static WGET_NO_RESPONSE: Rule = Rule {
    key: "paste.wget.no_response",
    detail: "This is wget's report of the request, not the server's response, which is not in the paste.",
    fix: "Add `-qO-` to the wget command so that it prints the answer, or use the curl command above, and paste the JSON it shows.",
    ..WGET_BASE
};

/// wget's progress messages and no body: wget saved the response in a file, or (by default)
/// dropped the body of an error response.
pub(crate) fn wget_output(saved_to: Option<&str>, status: Option<u16>) -> Finding {
    match (status, saved_to) {
        (Some(code), _) if code >= 400 => WGET_ERROR_STATUS.with(&[
            ("code", &code.to_string()),
            ("unauthorized", if code == 401 { WGET_401 } else { "" }),
        ]),
        (_, Some(file)) => {
            let plain = file
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
            let how = if plain {
                fill(WGET_SHOW_FILE, &[("name", file)])
            } else {
                WGET_OPEN_FILE.to_string()
            };
            WGET_SAVED.with(&[("file", &text::quote(file, 60)), ("how", &how)])
        }
        _ => WGET_NO_RESPONSE.finding(),
    }
}

// ---------------------------------------------------------------------------------------------
// A web page

const HTML_BASE: Rule = Rule {
    check: "paste_html",
    status: Status::Fail,
    title: WHAT,
    fix: "Send the POST request to your token endpoint, as in the command above, and paste the JSON it returns.",
    reference: RFC_6749_5_1,
    headline: "This is a web page, not the JSON token response",
    ..Rule::BLANK
};
/// The sentence before the page's likely cause.
const HTML_LEAD: &str = "This is {kind}{title}{status}, not the JSON a token endpoint returns. ";
const AN_HTML_PAGE: &str = "an HTML page";
const AN_XML_DOCUMENT: &str = "an XML document";
const TITLED: &str = " titled {title}";
const WITH_STATUS: &str = " (HTTP status {status})";

static HTML_NOT_FOUND: Rule = Rule {
    key: "paste.html.not_found",
    detail: "The address points to a page that does not exist: the token endpoint's path is probably wrong (for Auth0 it is https://<your domain>/oauth/token).",
    ..HTML_BASE
};
static HTML_METHOD: Rule = Rule {
    key: "paste.html.method_not_allowed",
    detail: "The server expected another method: a token request is a POST.",
    ..HTML_BASE
};
static HTML_LOGIN: Rule = Rule {
    key: "paste.html.login_page",
    detail: "This is a login page: the request went to a page meant for people in a browser, not to the token endpoint.",
    ..HTML_BASE
};
static HTML_XML_SERVICE: Rule = Rule {
    key: "paste.html.xml_service",
    detail: "Another kind of service answered (cloud storage and API gateways answer in XML), not the token endpoint: check the address.",
    ..HTML_BASE
};
static HTML_FIREWALL: Rule = Rule {
    key: "paste.html.firewall",
    detail: "A firewall or proxy answered instead of the token endpoint.",
    ..HTML_BASE
};
static HTML_PAGE: Rule = Rule {
    key: "paste.html.web_page",
    detail: "The request reached a web page instead of the token endpoint.",
    ..HTML_BASE
};

/// What a page's head tells about it.
struct Page<'a> {
    /// Its title, as written.
    title: Option<&'a str>,
    /// The lower-cased head of the page.
    lower: String,
    /// Its title and first heading, lower-cased: "404" and "not found" count only there (asset
    /// names and scripts elsewhere in a page often contain them).
    prominent: String,
    /// An XML document rather than an HTML page.
    xml: bool,
}

fn read_page(head: &str) -> Page<'_> {
    let lower = head.to_ascii_lowercase();
    let title = lower.find("<title").and_then(|k| {
        let open_end = k + lower.get(k..)?.find('>')? + 1;
        let close = open_end + lower.get(open_end..)?.find("</title")?;
        head.get(open_end..close)
            .map(str::trim)
            .filter(|t| !t.is_empty())
    });
    let h1 = lower.find("<h1").and_then(|k| {
        let rest = lower.get(k..)?;
        rest.get(rest.find('>')? + 1..rest.find("</h1")?)
    });
    let prominent = format!(
        "{} {}",
        title.unwrap_or("").to_ascii_lowercase(),
        h1.unwrap_or("")
    );
    let xml = lower.trim_start().starts_with("<?xml") && !lower.contains("<html");
    Page {
        title,
        lower,
        prominent,
        xml,
    }
}

/// The likely cause of a page instead of the response, most telling first.
fn page_rule(page: &Page, status: Option<u16>) -> &'static Rule {
    let hay = |w: &str| page.lower.contains(w);
    if status == Some(404) || page.prominent.contains("404") || page.prominent.contains("not found")
    {
        &HTML_NOT_FOUND
    } else if status == Some(405) || hay("method not allowed") || page.prominent.contains("405") {
        &HTML_METHOD
    } else if hay("log in") || hay("login") || hay("sign in") {
        &HTML_LOGIN
    } else if page.xml {
        &HTML_XML_SERVICE
    } else if hay("cloudflare") || hay("access denied") || hay("blocked") || hay("firewall") {
        &HTML_FIREWALL
    } else {
        &HTML_PAGE
    }
}

fn html(body: &str, status: Option<u16>) -> Option<Finding> {
    if !body.starts_with('<') {
        return None;
    }
    let head = text::head(body);
    let markers = [
        "<html",
        "<!doctype",
        "<head",
        "<body",
        "<title",
        "<?xml",
        "<div",
        "<h1",
        "<p>",
    ];
    if !markers.iter().any(|m| text::contains_ci(head, m)) {
        return None;
    }
    let page = read_page(head);
    let title = page
        .title
        .map(|t| fill(TITLED, &[("title", &text::quote(t, 80))]))
        .unwrap_or_default();
    let status_text = status
        .map(|s| fill(WITH_STATUS, &[("status", &s.to_string())]))
        .unwrap_or_default();
    let kind = if page.xml {
        AN_XML_DOCUMENT
    } else {
        AN_HTML_PAGE
    };
    let lead = fill(
        HTML_LEAD,
        &[("kind", kind), ("title", &title), ("status", &status_text)],
    );
    Some(page_rule(&page, status).after(&lead, &[]))
}

// ---------------------------------------------------------------------------------------------
// A token alone, or an Authorization header

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

/// A single word made of token characters (invisible ones included: they are reported later).
pub(crate) fn looks_like_token(s: &str) -> bool {
    !s.starts_with(['{', '[', '"', '<'])
        && (s.starts_with("eyJ") || s.bytes().filter(u8::is_ascii_alphanumeric).count() >= 16)
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.~+/=".contains(c) || text::is_invisible(c))
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

static TOKEN_ONLY: Rule = Rule {
    key: "paste.token_only",
    check: "paste_token_only",
    status: Status::Fail,
    title: "The whole response",
    detail: "This is only the access token, not the whole token response. \
             The token is decoded below, but the response's other fields (token_type, expires_in, and whether a refresh or ID token came along) are needed too.",
    fix: RESPONSE_FIX,
    reference: RFC_6749_5_1,
    headline: "You pasted only the access token; paste the whole JSON response",
};
static BEARER_HEADER: Rule = Rule {
    key: "paste.bearer_header",
    check: "paste_bearer_header",
    detail: "This is an Authorization header (or its value) with the access token, not the token response. \
             The token is decoded below, but the response's other fields (token_type, expires_in, and whether a refresh or ID token came along) are needed too.",
    headline: "You pasted an Authorization header; paste the whole JSON response",
    ..TOKEN_ONLY
};

pub(crate) fn token_only() -> Finding {
    TOKEN_ONLY.finding()
}

pub(crate) fn bearer_header() -> Finding {
    BEARER_HEADER.finding()
}

const CREDENTIAL_BASE: Rule = Rule {
    check: "paste_credential",
    status: Status::Fail,
    title: WHAT,
    reference: RFC_6749_5_1,
    headline: "This is one of your application's credentials, not the token response",
    ..Rule::BLANK
};
static CLIENT_ID: Rule = Rule {
    key: "paste.client_id",
    detail:
        "This is your client ID — the value in the Client ID field above — not the token response. \
             It names your application in the request; the server's answer is what to paste here.",
    fix: RESPONSE_FIX,
    ..CREDENTIAL_BASE
};
static SECRET_LIKE: Rule = Rule {
    key: "paste.client_secret",
    detail: "This is one long string without dots, and Auth0's access tokens always have dots (a JWT, or five parts when the request names no API). \
             It looks like a credential, most likely your client secret.",
    fix: SECRET_FIX,
    ..CREDENTIAL_BASE
};

/// A lone string that is one of the application's credentials rather than a token: the client
/// ID the learner entered, or (Auth0, whose access tokens always have dots) a long one-part
/// string such as the 64-character client secret.
pub(crate) fn credential(s: &str, client_id: &str, auth0: bool) -> Option<Finding> {
    if !client_id.is_empty() && s == client_id {
        Some(CLIENT_ID.finding())
    } else if auth0 && s.len() >= 48 && !s.contains('.') && !s.starts_with("eyJ") {
        Some(SECRET_LIKE.finding())
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// PowerShell's display of the response, a lone address

/// PowerShell's display of Invoke-RestMethod / Invoke-WebRequest results.
const POWERSHELL_DISPLAY: &str = "This is how PowerShell displays the object it made from the response, not the JSON text: quotes and braces are gone and long values such as the token may be cut.";
static PS_REST_DISPLAY: Rule = Rule {
    key: "paste.powershell.display",
    check: "paste_powershell",
    status: Status::Fail,
    title: WHAT,
    detail: POWERSHELL_DISPLAY,
    fix: "Turn the result back into JSON: `Invoke-RestMethod … | ConvertTo-Json`, and paste that — or run `curl.exe` with the command above.",
    reference: RFC_6749_5_1,
    headline: "This is PowerShell's display of the response, not its JSON text",
};
static PS_WEB_REQUEST_DISPLAY: Rule = Rule {
    key: "paste.powershell.web_request_display",
    fix: "Paste the response body instead: `(Invoke-WebRequest …).Content`, or run `curl.exe` with the command above.",
    ..PS_REST_DISPLAY
};

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
    let names = [
        "access_token",
        "token_type",
        "expires_in",
        "StatusCode",
        "Content",
        "RawContent",
    ];
    let list = body.lines().take(40).any(|l| {
        let t = l.trim_start();
        names.iter().any(|k| {
            t.strip_prefix(k)
                .is_some_and(|r| r.starts_with(' ') && r.trim_start().starts_with(':'))
        })
    });
    if !(table || hashtable || list) {
        return None;
    }
    let web_request = body.contains("StatusCode") || body.contains("RawContent");
    Some(if web_request {
        PS_WEB_REQUEST_DISPLAY.finding()
    } else {
        PS_REST_DISPLAY.finding()
    })
}

static ADDRESS: Rule = Rule {
    key: "paste.address",
    detail: "This is an address ({url}), not what the server answered.",
    ..NOT_A_RESPONSE
};

/// A lone URL: the token endpoint or another address pasted instead of the response.
fn url(body: &str) -> Option<Finding> {
    let t = body.trim();
    let is_url = (text::starts_with_ci(t, "https://") || text::starts_with_ci(t, "http://"))
        && !t.contains(char::is_whitespace);
    if !is_url {
        return None;
    }
    super::misread::sign_in_address(t)
        .or_else(|| Some(ADDRESS.with(&[("url", &text::quote(t, 100))])))
}

// ---------------------------------------------------------------------------------------------
// The first look at the body

/// What the body is at first sight, in order of precedence.
pub(crate) fn classify(body: &str, status: Option<u16>) -> Early {
    if let Some(f) = tools::explain(body) {
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
    if let Some(f) = powershell(body).or_else(|| url(body)) {
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
    match wrapped_token(body) {
        Some(token) => Early::Token {
            token,
            bearer: false,
            wrapped: true,
        },
        None => Early::Json,
    }
}

// ---------------------------------------------------------------------------------------------
// The client secret in the paste

static SECRET_SETTINGS: Rule = Rule {
    key: "paste.secret_in_settings",
    detail: "This is not a token response: it looks like your application's settings or a script's variables, and it names the client secret.",
    fix: SECRET_FIX,
    ..NOT_A_RESPONSE
};

/// Text that is not JSON but names the client secret: the application's settings copied from
/// the dashboard, a `.env` file, a script's variables.
fn names_the_secret(body: &str) -> Option<Finding> {
    let head = body.get(..text::floor_boundary(body, 4096)).unwrap_or("");
    // A label followed by a value (16 characters or more), not a sentence that mentions it
    // ("Invalid client secret").
    let labels = [
        "client_secret",
        "client secret",
        "client-secret",
        "clientsecret",
    ];
    let named = head.lines().take(50).any(|line| {
        let lower = line.to_ascii_lowercase();
        labels
            .iter()
            .filter_map(|n| lower.find(n).map(|k| k + n.len()))
            .any(|k| {
                let value = line.get(k..).unwrap_or("").trim_start_matches(|c: char| {
                    c.is_whitespace() || matches!(c, ':' | '=' | '"' | '\'')
                });
                super::misread::real_value(value)
            })
    });
    (named && !body.trim_start().starts_with(['{', '['])).then(|| SECRET_SETTINGS.finding())
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

static SECRET_AROUND: Rule = Rule {
    key: "paste.secret_before_response",
    check: "paste_secret",
    status: Status::Warn,
    title: "Your client secret",
    detail: "The text before the response holds your client secret. \
             Nothing you paste here leaves this page, but keep the secret out of chats, forums, tickets and screenshots.",
    fix: "If the secret has been shared, rotate it on the application's Settings tab.",
    ..Rule::BLANK
};

/// The client secret was in the text around the response.
pub(crate) fn secret_around() -> Finding {
    SECRET_AROUND.finding()
}

// ---------------------------------------------------------------------------------------------
// JSON of another kind

const DECODED_BASE: Rule = Rule {
    check: "paste_decoded_claims",
    status: Status::Fail,
    title: WHAT,
    fix: RESPONSE_FIX,
    reference: RFC_6749_5_1,
    headline: "These are a token's decoded contents, not the token response",
    ..Rule::BLANK
};
static DECODED_CLAIMS: Rule = Rule {
    key: "paste.decoded_claims",
    detail: "These are the decoded contents of a token (its claims), as a JWT debugger such as jwt.io shows them — not the token response. \
             They are listed below, but the response and the token itself are needed: its signature cannot be checked from decoded claims.",
    ..DECODED_BASE
};
static DECODED_HEADER: Rule = Rule {
    key: "paste.decoded_header",
    detail: "This is the decoded header of a token, as a JWT debugger such as jwt.io shows it — not the token response.",
    ..DECODED_BASE
};

pub(crate) fn looks_like_claims(m: &Map<String, Value>) -> bool {
    ["iss", "sub", "aud", "exp", "iat"]
        .iter()
        .filter(|k| m.contains_key(**k))
        .count()
        >= 2
}

pub(crate) fn decoded_claims(header_only: bool) -> Finding {
    if header_only {
        DECODED_HEADER.finding()
    } else {
        DECODED_CLAIMS.finding()
    }
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

const IN_STRING_BASE: Rule = Rule {
    check: "json_in_string",
    status: Status::Fail,
    title: "JSON, not a string of JSON",
    reference: RFC_6749_5_1,
    headline: "The response is wrapped in a JSON string (encoded twice)",
    ..Rule::BLANK
};
static SINGLE_QUOTED: Rule = Rule {
    key: "json.in_single_quotes",
    detail: "The response is wrapped in single quotes (`'{…}'`): this is how a browser console shows a string (JSON.stringify) and how Python's prompt shows `r.text`. \
             The response inside is checked below, but the quotes are not part of it.",
    fix: "Paste only the JSON, from the first `{` to the last `}`: `print(r.text)` in Python, or `copy(data)` in a browser console, prints it without quotes.",
    ..IN_STRING_BASE
};
static PYTHON_BYTES: Rule = Rule {
    key: "json.python_bytes",
    detail: "The response is wrapped in `b'…'`: this is how Python's prompt shows `r.content` (the body as bytes). \
             The response inside is checked below, but the wrapper is not part of it.",
    ..SINGLE_QUOTED
};
static ENCODED_TWICE: Rule = Rule {
    key: "json.encoded_twice",
    detail: "The paste is one JSON string whose text is the response (`\"{\\\"access_token\\\"…}\"`): it was encoded twice, for example by a logging tool or JSON.stringify. \
             The response inside is checked below, but the paste itself is not a token response.",
    fix: "Paste the response exactly as the server sent it: it starts with `{`, not with a quote.",
    ..IN_STRING_BASE
};
static STRING_NOT_RESPONSE: Rule = Rule {
    key: "json.string_not_response",
    detail: "The paste is one JSON string (`\"…\"`) rather than a JSON object, and its text is not a valid response either.",
    ..ENCODED_TWICE
};

pub(crate) fn json_in_single_quotes(bytes: bool) -> Finding {
    if bytes {
        PYTHON_BYTES.finding()
    } else {
        SINGLE_QUOTED.finding()
    }
}

pub(crate) fn json_in_string(inner_ok: bool) -> Finding {
    if inner_ok {
        ENCODED_TWICE.finding()
    } else {
        STRING_NOT_RESPONSE.finding()
    }
}

static JWKS: Rule = Rule {
    key: "paste.jwks",
    detail: "This is a JSON Web Key Set — your server's public keys — not a token response.",
    ..NOT_A_RESPONSE
};
static DISCOVERY: Rule = Rule {
    key: "paste.discovery_document",
    detail: "This is your server's discovery document (its metadata), not a token response.",
    ..NOT_A_RESPONSE
};
static REQUEST_BODY: Rule = Rule {
    key: "paste.request_body",
    detail: "This is the request you send, not the response the server returns. \
             It may contain your client secret: do not share it.",
    ..NOT_A_RESPONSE
};
static EMPTY_OBJECT: Rule = Rule {
    key: "paste.empty_object",
    detail: "This is an empty JSON object.",
    ..NOT_A_RESPONSE
};
static OTHER_OBJECT: Rule = Rule {
    key: "paste.other_object",
    detail: "This JSON object has {members}, but neither access_token (a token response) nor error (an error response).",
    ..NOT_A_RESPONSE
};
static ARRAY: Rule = Rule {
    key: "paste.array",
    detail: "This is a JSON array; a token response is one JSON object.",
    ..NOT_A_RESPONSE
};
static STRING: Rule = Rule {
    key: "paste.string",
    detail: "This is a JSON string; a token response is one JSON object.",
    ..NOT_A_RESPONSE
};
static STATUS_CODE: Rule = Rule {
    key: "paste.status_code",
    detail: "This is only an HTTP status code ({code}), as curl prints it with `-w '%{{http_code}'` and `-o /dev/null`; the response itself was thrown away.",
    ..NOT_A_RESPONSE
};
static NUMBER: Rule = Rule {
    key: "paste.number",
    detail: "This is a number; a token response is one JSON object.",
    ..NOT_A_RESPONSE
};
static WORD: Rule = Rule {
    key: "paste.json_word",
    detail: "This is a single JSON word; a token response is one JSON object.",
    ..NOT_A_RESPONSE
};

/// Up to 12 member names, quoted, and how many more.
fn member_list(m: &Map<String, Value>) -> String {
    let names: Vec<String> = m.keys().take(12).map(|k| text::quote(k, 40)).collect();
    let more = if m.len() > 12 {
        format!(" and {} more", m.len() - 12)
    } else {
        String::new()
    };
    format!("{}{}", names.join(", "), more)
}

pub(crate) fn not_token_response(v: &Value) -> Finding {
    match v {
        Value::Object(m) if m.get("keys").is_some_and(Value::is_array) => JWKS.finding(),
        Value::Object(m)
            if m.contains_key("issuer")
                && (m.contains_key("token_endpoint") || m.contains_key("jwks_uri")) =>
        {
            DISCOVERY.finding()
        }
        Value::Object(m) if m.contains_key("grant_type") || m.contains_key("client_secret") => {
            REQUEST_BODY.finding()
        }
        Value::Object(m) if m.is_empty() => EMPTY_OBJECT.finding(),
        Value::Object(m) => OTHER_OBJECT.with(&[("members", &member_list(m))]),
        Value::Array(_) => ARRAY.finding(),
        Value::String(_) => STRING.finding(),
        Value::Number(n) if n.as_u64().is_some_and(|c| (100..=599).contains(&c)) => {
            STATUS_CODE.with(&[("code", &n.to_string())])
        }
        Value::Number(_) => NUMBER.finding(),
        Value::Bool(_) | Value::Null => WORD.finding(),
    }
}

/// Every rule of this module, for the catalog (`crate::core::check::catalog`).
pub(crate) const RULES: &[&Rule] = &[
    &TOO_LARGE,
    &TRIMMED,
    &EMPTY,
    &EMPTY_AFTER_WRAPPER,
    &COMMAND,
    &PROMPT_ONLY,
    &STATUS_WITHOUT_BODY,
    &HEADERS_ONLY,
    &PLAIN_TEXT_STATUS,
    &WGET_ERROR_STATUS,
    &WGET_SAVED,
    &WGET_NO_RESPONSE,
    &HTML_NOT_FOUND,
    &HTML_METHOD,
    &HTML_LOGIN,
    &HTML_XML_SERVICE,
    &HTML_FIREWALL,
    &HTML_PAGE,
    &TOKEN_ONLY,
    &BEARER_HEADER,
    &CLIENT_ID,
    &SECRET_LIKE,
    &PS_REST_DISPLAY,
    &PS_WEB_REQUEST_DISPLAY,
    &ADDRESS,
    &SECRET_SETTINGS,
    &SECRET_AROUND,
    &DECODED_CLAIMS,
    &DECODED_HEADER,
    &SINGLE_QUOTED,
    &PYTHON_BYTES,
    &ENCODED_TWICE,
    &STRING_NOT_RESPONSE,
    &JWKS,
    &DISCOVERY,
    &REQUEST_BODY,
    &EMPTY_OBJECT,
    &OTHER_OBJECT,
    &ARRAY,
    &STRING,
    &STATUS_CODE,
    &NUMBER,
    &WORD,
];
