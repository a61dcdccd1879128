//! Error messages from the tools between the learner and the server — curl, the shell,
//! PowerShell, HTTPie, a browser, Node.js, Python — pasted instead of the server's response.
//! [`RECOGNISERS`] lists them in order of precedence; the first that recognises the paste explains
//! it.

use super::http_status::{self, StatusMeaning};
use super::text;
use crate::core::report::{Finding, Status};
use crate::core::rule::Rule;

/// The headline of every rule here.
const HEADLINE: &str = "This is an error message from your tools, not the server's response, so there is nothing to check yet";

/// The base of the rules for a tool's error (`paste_curl_error`).
const TOOL_ERROR: Rule = Rule {
    check: "paste_curl_error",
    status: Status::Fail,
    title: "A response from the server",
    headline: HEADLINE,
    ..Rule::BLANK
};

/// The sentence before a tool's explanation, quoting its line.
const TOOL_LEAD: &str = "This is an error from {tool} ({line}), not a response. ";

/// `lead` with the tool and its quoted line.
fn tool_said(rule: &'static Rule, tool: &str, line: &str, args: &[(&str, &str)]) -> Finding {
    let lead = crate::core::rule::fill(
        TOOL_LEAD,
        &[("tool", tool), ("line", &text::quote(line, 160))],
    );
    rule.after(&lead, args)
}

/// Every recogniser of a tool's error text, in order of precedence.
pub(crate) const RECOGNISERS: &[fn(&str) -> Option<Finding>] = &[
    browser_cors,
    fetch_failed,
    promise,
    axios,
    python_http_error,
    curl_exe_missing,
    wrong_shell,
    lines_ran_separately,
    curl_missing,
    curl,
    httpie,
    python_response_object,
    powershell,
];

/// The explanation of the first recogniser that knows the paste's error text. Error texts are
/// short and come first: the first 64 KB are enough, and a megabyte-long response is not searched
/// line by line a dozen times.
pub(crate) fn explain(body: &str) -> Option<Finding> {
    let head = text::head(body);
    RECOGNISERS.iter().find_map(|recognise| recognise(head))
}

/// The first 50 short lines, trimmed (error lines are short: a long line, such as a response on
/// one line, is not searched).
fn short_lines(body: &str) -> impl Iterator<Item = &str> {
    body.lines()
        .map(str::trim)
        .take(50)
        .filter(|l| l.len() <= 1000)
}

/// The first line that starts with `prefix` (ASCII case-insensitive), trimmed.
fn line_starting<'a>(body: &'a str, prefix: &str) -> Option<&'a str> {
    body.lines()
        .map(str::trim)
        .find(|l| text::starts_with_ci(l, prefix))
}

// ---------------------------------------------------------------------------------------------
// Browsers, Node.js and Python

static BROWSER_CORS: Rule = Rule {
    key: "paste.browser.cors",
    detail: "The browser stopped the request (CORS): token endpoints do not answer web pages directly, because a client secret in a page's code would be visible to everyone who opens it. \
             The client credentials grant is for programs on a server or your computer.",
    fix: RUN_IN_TERMINAL,
    ..TOOL_ERROR
};

const RUN_IN_TERMINAL: &str = "Run the command above in a terminal, and paste what it prints.";

fn browser_cors(body: &str) -> Option<Finding> {
    let l = short_lines(body).find(|l| l.contains("blocked by CORS policy"))?;
    Some(tool_said(&BROWSER_CORS, "the browser", l, &[]))
}

static FETCH_FAILED: Rule = Rule {
    key: "paste.js.fetch_failed",
    detail: "The request did not complete: in a browser this is usually CORS (token endpoints do not answer web pages, to keep the secret out of them); otherwise the address or the network.",
    fix: RUN_IN_TERMINAL,
    ..TOOL_ERROR
};

fn fetch_failed(body: &str) -> Option<Finding> {
    // (Chrome's console prefixes `Uncaught (in promise) `.)
    let l = short_lines(body).find(|l| {
        l.contains("TypeError: Failed to fetch")
            || l.contains("TypeError: NetworkError when attempting to fetch")
            || l.contains("TypeError: fetch failed")
    })?;
    Some(tool_said(&FETCH_FAILED, "JavaScript's fetch", l, &[]))
}

static PROMISE: Rule = Rule {
    key: "paste.js.promise",
    detail: "This is a Promise printed before it finished, not the response.",
    fix: "Wait for it: `const res = await fetch(…); console.log(await res.text());`, or run the command above in a terminal.",
    ..TOOL_ERROR
};

fn promise(body: &str) -> Option<Finding> {
    let l = short_lines(body).find(|l| l.starts_with("Promise {"))?;
    Some(tool_said(&PROMISE, "JavaScript", l, &[]))
}

static AXIOS: Rule = Rule {
    key: "paste.js.axios_status",
    detail: "axios turned the server's error into an exception; the server's own answer, which says what went wrong, is in `error.response.data`. \
             {meaning}",
    fix: "Print it as JSON: `console.log(JSON.stringify(error.response.data))`, and paste that.",
    ..TOOL_ERROR
};

/// The meaning of a status, or nothing.
fn meaning_of(m: Option<&StatusMeaning>) -> &'static str {
    m.map_or("", |m| m.meaning)
}

fn axios(body: &str) -> Option<Finding> {
    let l = short_lines(body).find(|l| l.contains("Request failed with status code "))?;
    let meaning = meaning_of(http_status::after(l, "status code "));
    Some(tool_said(&AXIOS, "axios", l, &[("meaning", meaning)]))
}

static PYTHON_HTTP_ERROR: Rule = Rule {
    key: "paste.python.http_error",
    detail: "`raise_for_status()` turned the server's error into an exception and its body, which says what went wrong, was not printed. \
             {meaning}",
    fix: "Print the body before raising: `print(r.text)`, and paste that.",
    ..TOOL_ERROR
};

fn python_http_error(body: &str) -> Option<Finding> {
    let l = short_lines(body).find(|l| l.starts_with("requests.exceptions.HTTPError:"))?;
    let meaning = meaning_of(http_status::after(l, "HTTPError: "));
    Some(tool_said(
        &PYTHON_HTTP_ERROR,
        "Python",
        l,
        &[("meaning", meaning)],
    ))
}

static PYTHON_RESPONSE_OBJECT: Rule = Rule {
    key: "paste.python.response_object",
    check: "paste_python",
    status: Status::Fail,
    title: "What was pasted",
    detail: "This is how Python's requests library prints a response object (HTTP status {code}), not what the server sent.",
    fix: "Print the body instead: `print(response.text)`. \
          Or run the curl command generated above and paste its output.",
    headline: PYTHON_HEADLINE,
    ..Rule::BLANK
};

/// The headline of a Python print-out (`paste_python`).
pub(crate) const PYTHON_HEADLINE: &str =
    "This is a Python print-out of the response, not its JSON text";

/// Python's requests library prints a response object as `<Response [401]>`.
fn python_response_object(body: &str) -> Option<Finding> {
    let code = body
        .trim()
        .strip_prefix("<Response [")
        .and_then(|r| r.strip_suffix("]>"))?;
    Some(PYTHON_RESPONSE_OBJECT.with(&[("code", &text::quote(code, 10))]))
}

// ---------------------------------------------------------------------------------------------
// The shell

static LINES_RAN_SEPARATELY: Rule = Rule {
    key: "paste.shell.lines_ran_separately",
    detail: "The shell ran the command's lines one by one, so curl never got the options on the later lines (`-d …`){cut}. \
             A line of a command continues only when it ends with the continuation mark itself (`\\` in bash and zsh, `` ` `` in PowerShell, `^` in cmd), with nothing after it, not even a space: the lesson's example has spaces after its backslashes and breaks the domain over two lines.",
    fix: "Copy the command generated above for your shell (it is ready to run), or put the whole command on one line.",
    ..TOOL_ERROR
};

/// Said inside [`LINES_RAN_SEPARATELY`] when curl also got an address cut at a line break.
const CUT_TOO: &str = ", and the address was cut at a line break";

/// A shell's complaint that an option of curl's (`-d`, `--data`) is not a command: the lines of
/// a multi-line command ran one by one (bash, zsh, sh, PowerShell, cmd).
fn option_run_as_command(l: &str) -> bool {
    (l.ends_with("command not found") && l.contains(": -"))
        || l.contains("command not found: -")
        || (l.ends_with(": not found") && l.contains(": -"))
        || l.contains("The term '-")
        || (l.starts_with("'-") && l.contains("is not recognized"))
}

fn lines_ran_separately(body: &str) -> Option<Finding> {
    let l = body
        .lines()
        .map(str::trim)
        .take(200)
        .find(|l| l.len() <= 1000 && option_run_as_command(l))?;
    let cut = body
        .lines()
        .take(200)
        .any(|l| l.trim().starts_with("curl: (6)") && cut_host(l));
    let cut = if cut { CUT_TOO } else { "" };
    Some(tool_said(
        &LINES_RAN_SEPARATELY,
        "the shell",
        l,
        &[("cut", cut)],
    ))
}

static CURL_MISSING: Rule = Rule {
    key: "paste.shell.curl_missing",
    detail: "curl is not installed, or not on the PATH of this shell.",
    fix: "Install curl with your system's package manager (Debian and Ubuntu: `sudo apt install curl`; Fedora: `sudo dnf install curl`; Alpine: `apk add curl`; macOS includes it), then run the command again.",
    ..TOOL_ERROR
};

/// bash's `bash: curl: command not found`, zsh's `zsh: command not found: curl`, dash's
/// `sh: 1: curl: not found`.
fn curl_missing(body: &str) -> Option<Finding> {
    let l = short_lines(body).find(|l| {
        l.starts_with("curl: command not found")
            || l.ends_with(": curl: command not found")
            || l.ends_with("command not found: curl")
            || l.ends_with(": curl: not found")
    })?;
    Some(tool_said(&CURL_MISSING, "the shell", l, &[]))
}

// ---------------------------------------------------------------------------------------------
// Windows: curl.exe missing, and a command for one shell run in another

static CURL_EXE_MISSING: Rule = Rule {
    key: "paste.shell.curl_exe_missing",
    detail: "curl is not on this Windows. \
             Windows includes it as `curl.exe` from Windows 10 version 1803 (April 2018) on, and in every Windows 11; an older Windows, or one where it was removed, has none.",
    fix: "Update Windows, or install curl (`winget install cURL.cURL`, or from curl.se/windows), then open a new terminal window and run the command again.",
    ..TOOL_ERROR
};

/// cmd's `'curl.exe' is not recognized as an internal or external command`, PowerShell's `The
/// term 'curl.exe' is not recognized` (and the same for `curl` in cmd, which has no alias).
fn curl_exe_missing(body: &str) -> Option<Finding> {
    let l = short_lines(body).find(|l| {
        l.contains("'curl.exe' is not recognized")
            || (l.starts_with("'curl' is not recognized") && l.contains("internal or external"))
    })?;
    Some(tool_said(&CURL_EXE_MISSING, "the shell", l, &[]))
}

/// The shells a command is written for and run in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sh {
    Posix,
    PowerShell,
    Cmd,
}

impl Sh {
    fn name(self) -> &'static str {
        match self {
            Sh::Posix => "bash or zsh",
            Sh::PowerShell => "PowerShell",
            Sh::Cmd => "cmd, the Windows Command Prompt",
        }
    }

    /// The mark that continues a line, as a code span.
    fn mark(self) -> &'static str {
        match self {
            Sh::Posix => "`\\`",
            Sh::PowerShell => "`` ` ``",
            Sh::Cmd => "`^`",
        }
    }

    /// Its label in the form's shell choice.
    fn choice(self) -> &'static str {
        match self {
            Sh::Posix => "“bash / zsh”",
            Sh::PowerShell => "“PowerShell (Windows)”",
            Sh::Cmd => "“cmd (Windows Command Prompt)”",
        }
    }
}

/// The shell that printed the error, from its wording.
fn ran_in(body: &str) -> Option<Sh> {
    let has = |s: &str| body.contains(s);
    if has("is not recognized as the name of a cmdlet")
        || has("CommandNotFoundException")
        || has("A parameter cannot be found that matches parameter name")
    {
        Some(Sh::PowerShell)
    } else if has("is not recognized as an internal or external command") || has("resolve host: `")
    {
        // (A backtick reaches curl as an address only in cmd: bash would start a command
        // substitution.)
        Some(Sh::Cmd)
    } else if short_lines(body).any(|l| {
        l.ends_with("command not found")
            || l.contains("command not found: ")
            || l.ends_with(": not found")
    }) {
        Some(Sh::Posix)
    } else {
        None
    }
}

/// The continuation marks and the shells they belong to.
const MARKS: [(char, Sh); 3] = [('\\', Sh::Posix), ('`', Sh::PowerShell), ('^', Sh::Cmd)];

/// A line of a curl command (echoed by PowerShell after `+ `, or after a prompt) that ends with
/// a continuation mark: the mark's shell.
fn echoed_mark(l: &str) -> Option<Sh> {
    let is_curl = l.contains("curl ") || l.contains("curl.exe ");
    let last = l.chars().last()?;
    let sh = MARKS.iter().find(|(m, _)| *m == last).map(|(_, sh)| *sh);
    sh.filter(|_| is_curl)
}

/// The shell the command was written for: from the continuation mark the shell ran as a command
/// of its own or curl took for an address, or that ends an echoed command line; else a bare
/// `curl` that Windows PowerShell took for Invoke-WebRequest (the bash command's), or a
/// `curl.exe` that bash could not find (a Windows command's).
fn written_for(body: &str) -> Option<Sh> {
    for (mark, sh) in MARKS {
        let choked = [
            format!("The term '{mark}' is not recognized"),
            format!("'{mark}' is not recognized as"),
            format!("resolve host: {mark}"),
        ];
        if choked.iter().any(|c| body.contains(c.as_str())) {
            return Some(sh);
        }
    }
    if let Some(sh) = short_lines(body).find_map(echoed_mark) {
        return Some(sh);
    }
    // Windows PowerShell's alias, when the echoed command (if any) is a bare `curl`.
    let echoed_other = short_lines(body)
        .any(|l| l.starts_with("+ ") && !l.trim_start_matches("+ ").starts_with("curl "));
    if body.contains("A parameter cannot be found that matches parameter name") && !echoed_other {
        return Some(Sh::Posix);
    }
    let bash_without_curl_exe = body.contains("curl.exe: command not found")
        || body.contains("command not found: curl.exe");
    bash_without_curl_exe.then_some(Sh::PowerShell)
}

/// Is this the lesson's own example (Auth0's `curl --request POST --url 'https://YOUR_DOMAIN/…'`)?
fn lesson_example(body: &str) -> bool {
    body.contains("YOUR_DOMAIN") || body.contains("curl --request POST")
}

static WRONG_SHELL: Rule = Rule {
    key: "paste.shell.wrong_shell",
    detail: "{written}, but it ran in {ran}, which reads it differently: {why}",
    fix: "Under “Your shell” above, choose {choice} and copy the command again: it is then written for the shell you use. \
          (Or run this one in {written_name}.)",
    headline: "The command was written for another shell than the one that ran it",
    ..TOOL_ERROR
};
const WRITTEN_FOR: &str = "This command was written for {shell} (its lines end with {mark})";
const WINDOWS_COMMAND: &str =
    "This command was written for Windows, PowerShell or cmd (it calls `curl.exe`)";
const LESSON_EXAMPLE: &str =
    "This is the lesson's example command, written for bash and zsh (its lines end with `\\`)";
const IN_POWERSHELL: &str = "PowerShell continues a line only with a backtick (`` ` ``) at its very end, so every line after the first ran as a command of its own.";
const IN_POWERSHELL_ALIAS: &str = "in Windows PowerShell, `curl` (unlike `curl.exe`) is a short name for Invoke-WebRequest, which knows none of curl's options (`-sS`, `--data`), and PowerShell continues a line only with a backtick (`` ` ``) at its very end, so every line after the first ran as a command of its own.";
const IN_CMD: &str = "cmd continues a line only with `^` at its very end and does not understand single quotes, so every line after the first ran as a command of its own.";
const IN_POSIX: &str = "bash and zsh continue a line only with `\\` at its very end, and they call curl `curl`, not `curl.exe`.";

/// [`wrong_shell`] for an error after the command that caused it (`command`, its first line,
/// set aside from the paste with its prompt): the command's own last character tells the shell
/// it was written for.
pub(crate) fn wrong_shell_after(command: &str, body: &str) -> Option<Finding> {
    if !(command.contains("curl ") || command.contains("curl.exe ")) {
        return None;
    }
    // Error texts are short and come first: the head is enough (as for `explain`).
    wrong_shell(&format!("{}\n{}", command.trim(), text::head(body)))
}

/// A command written for one shell and run in another: each says which, from its own wording.
fn wrong_shell(body: &str) -> Option<Finding> {
    let ran = ran_in(body)?;
    let written = written_for(body)?;
    if ran == written {
        return None;
    }
    let complaint = |l: &&str| {
        l.contains("is not recognized")
            || l.contains("command not found")
            || l.contains("A parameter cannot be found")
    };
    let line = short_lines(body)
        .find(complaint)
        .or_else(|| short_lines(body).find(|l| !l.is_empty()))
        .unwrap_or("");
    let said = if written == Sh::Posix && lesson_example(body) {
        LESSON_EXAMPLE.to_string()
    } else if ran == Sh::Posix {
        WINDOWS_COMMAND.to_string()
    } else {
        crate::core::rule::fill(
            WRITTEN_FOR,
            &[("shell", written.name()), ("mark", written.mark())],
        )
    };
    let why = match ran {
        Sh::PowerShell if body.contains("Invoke-WebRequest") => IN_POWERSHELL_ALIAS,
        Sh::PowerShell => IN_POWERSHELL,
        Sh::Cmd => IN_CMD,
        Sh::Posix => IN_POSIX,
    };
    let written_name = if ran == Sh::Posix {
        "the Windows shell it was written for"
    } else {
        written.name()
    };
    Some(tool_said(
        &WRONG_SHELL,
        "the shell",
        line,
        &[
            ("written", &said),
            ("ran", ran.name()),
            ("why", why),
            ("choice", ran.choice()),
            ("written_name", written_name),
        ],
    ))
}

static HTTPIE: Rule = Rule {
    key: "paste.httpie.error",
    detail: "HTTPie could not get a response: read the reason it gives (a misspelled host, no network, a certificate problem).",
    fix: "Fix what the message names and run the request again; or use the curl command generated above.",
    ..TOOL_ERROR
};

fn httpie(body: &str) -> Option<Finding> {
    let l = line_starting(body, "http: error:")?;
    Some(tool_said(&HTTPIE, "the shell", l, &[]))
}

// ---------------------------------------------------------------------------------------------
// curl: its exit code names the cause

/// The sentence before curl's explanation: curl's line, and how far the request got.
const CURL_LEAD: &str = "This is an error from curl ({line}), not a response: the request never reached the token endpoint. ";
/// With `-f`, the server did answer.
const CURL_FAIL_LEAD: &str = "This is an error from curl ({line}), not a response: the server answered with an error status, but its response is not here. ";

static CURL_PLACEHOLDER: Rule = Rule {
    key: "paste.curl.placeholder",
    detail: "The command still contains a placeholder such as {YOUR_DOMAIN} where your own value belongs.",
    fix: "Fill in every field of the form above (domain, client ID, secret, audience), then copy the command again and run it.",
    ..TOOL_ERROR
};
static CURL_MALFORMED_URL: Rule = Rule {
    key: "paste.curl.malformed_url",
    detail: "The URL is malformed: often a quote or line continuation broke when the command was copied, or the URL has a space.",
    fix: "Check the URL in the command (https://…/oauth/token for Auth0), and use the command generated above for your shell.",
    ..TOOL_ERROR
};
static CURL_PROTOCOL: Rule = Rule {
    key: "paste.curl.unsupported_protocol",
    detail: "curl does not support the protocol: usually a stray quote or invisible character before `https` (for example from Windows cmd, which does not understand single quotes).",
    fix: "Use the command generated above for your shell, and retype the start of the URL.",
    ..TOOL_ERROR
};
static CURL_HOST_CUT: Rule = Rule {
    key: "paste.curl.host_cut",
    detail: "The address was cut at a line break: curl got only the part before it. \
             (The lesson's example breaks the domain over two lines.)",
    fix: "Put the whole address on one line, or use the command generated above for your shell.",
    ..TOOL_ERROR
};
static CURL_UNKNOWN_HOST: Rule = Rule {
    key: "paste.curl.unknown_host",
    detail: "The host name could not be found: the domain in the URL is misspelled, or there is no network connection.",
    fix: "Copy your tenant's domain again (for Auth0 it is on the application's Settings tab, such as dev-abc123.us.auth0.com) and check your connection.",
    ..TOOL_ERROR
};
static CURL_REFUSED: Rule = Rule {
    key: "paste.curl.connection_refused",
    detail: "Nothing answered at that address: the host or port is wrong, or a firewall or proxy blocks the connection.",
    fix: "Check the URL, and any proxy settings (HTTPS_PROXY) on your network.",
    ..TOOL_ERROR
};
static CURL_TIMEOUT: Rule = Rule {
    key: "paste.curl.timeout",
    detail: "The request timed out.",
    fix: "Check your connection and any proxy or VPN, then try again.",
    ..TOOL_ERROR
};
static CURL_TLS: Rule = Rule {
    key: "paste.curl.tls",
    detail: "The secure (TLS) connection failed: a proxy or antivirus intercepts HTTPS, the system's certificates are outdated, or the host is wrong.",
    fix: "Check the host name; on a company network ask for the proxy's certificate. \
          Do not switch off certificate checks (-k) for a request that carries your client secret.",
    ..TOOL_ERROR
};
static CURL_FAIL_FLAG: Rule = Rule {
    key: "paste.curl.fail_flag",
    detail: "curl was run with -f/--fail, so it hid the server's error response.",
    fix: "Run the command without -f (or --fail) and paste the JSON the server sends back.",
    ..TOOL_ERROR
};
static CURL_FILE: Rule = Rule {
    key: "paste.curl.file",
    detail: "curl could not read a file given with @ (for example -d @body.json).",
    fix: "Check the file name, or pass the values directly as in the command above.",
    ..TOOL_ERROR
};
static CURL_CLOSED: Rule = Rule {
    key: "paste.curl.connection_closed",
    detail: "The connection was closed without an answer.",
    fix: "Check the URL (https, not http) and try again.",
    ..TOOL_ERROR
};
static CURL_OTHER: Rule = Rule {
    key: "paste.curl.other",
    detail: "curl stopped before it received a response.",
    fix: "Read curl's message, fix what it names, and run the command again.",
    ..TOOL_ERROR
};

/// `curl: (6) Could not resolve host: dev-`: a host that ends where a line broke it.
pub(crate) fn cut_host(line: &str) -> bool {
    line.split_once("resolve host: ")
        .map(|(_, h)| h.trim())
        .is_some_and(|h| h.ends_with(['-', '.']) || (!h.contains('.') && h != "localhost"))
}

/// The rule for curl's error line, by its exit code.
fn curl_rule(line: &str) -> &'static Rule {
    let code: Option<u32> = line
        .strip_prefix("curl: (")
        .and_then(|r| r.split_once(')'))
        .and_then(|(n, _)| n.parse().ok());
    if line.contains("YOUR_") || line.contains("{YOUR") {
        return &CURL_PLACEHOLDER;
    }
    match code {
        Some(3) => &CURL_MALFORMED_URL,
        Some(1) => &CURL_PROTOCOL,
        Some(6) if cut_host(line) => &CURL_HOST_CUT,
        Some(6) => &CURL_UNKNOWN_HOST,
        Some(7) => &CURL_REFUSED,
        Some(28) => &CURL_TIMEOUT,
        Some(35) | Some(60) => &CURL_TLS,
        Some(22) => &CURL_FAIL_FLAG,
        Some(26) => &CURL_FILE,
        Some(52) | Some(56) => &CURL_CLOSED,
        _ => &CURL_OTHER,
    }
}

fn curl(body: &str) -> Option<Finding> {
    let line = line_starting(body, "curl: ")?;
    let rule = curl_rule(line);
    let lead = if std::ptr::eq(rule, &CURL_FAIL_FLAG) {
        CURL_FAIL_LEAD
    } else {
        CURL_LEAD
    };
    let lead = crate::core::rule::fill(lead, &[("line", &text::quote(line, 160))]);
    Some(rule.after(&lead, &[]))
}

// ---------------------------------------------------------------------------------------------
// PowerShell's error records

static PS_CURL_ALIAS: Rule = Rule {
    key: "paste.powershell.curl_alias",
    detail: "In Windows PowerShell, `curl` is a shortcut for Invoke-WebRequest, which does not understand curl's options (-X, -d, -H).",
    fix: "Type `curl.exe` instead of `curl`, or use the PowerShell command generated above.",
    ..TOOL_ERROR
};
static PS_OLD_TLS: Rule = Rule {
    key: "paste.powershell.old_tls",
    detail: "Windows PowerShell 5.1 offered an old TLS version, which the server refuses.",
    fix: "Run `[Net.ServicePointManager]::SecurityProtocol = 'Tls12'` first, or use `curl.exe` with the command above.",
    ..TOOL_ERROR
};
static PS_UNKNOWN_HOST: Rule = Rule {
    key: "paste.powershell.unknown_host",
    detail: "The host name could not be found: the domain in the URL is misspelled.",
    fix: "Copy your tenant's domain again and run the command once more.",
    ..TOOL_ERROR
};
static PS_STATUS_NO_BODY: Rule = Rule {
    key: "paste.powershell.status_without_body",
    detail: "The server answered with an error status and no body to explain it.{meaning}",
    fix: "{fix}",
    ..TOOL_ERROR
};
static PS_REMOTE_ERROR: Rule = Rule {
    key: "paste.powershell.remote_error",
    detail: "The server answered with an error, but Windows PowerShell shows only the HTTP status, not the error response itself.",
    fix: "Run the request with `curl.exe` (the command above) to see the JSON error, or in PowerShell catch it: `try { Invoke-RestMethod … } catch { $_.ErrorDetails.Message }`.",
    ..TOOL_ERROR
};
static PS_ERROR: Rule = Rule {
    key: "paste.powershell.error",
    detail: "PowerShell reported an error before any response arrived.",
    fix: "Read the first line of the error, fix what it names, or use `curl.exe` with the command above.",
    ..TOOL_ERROR
};

/// PowerShell 7 shows the server's body when there is one: its bare status line means the body
/// was empty.
const PS7_STATUS: &str = "Response status code does not indicate success: ";

/// The rule for a PowerShell error record, and its arguments' status meaning.
fn powershell_rule(body: &str) -> Option<(&'static Rule, Option<&'static StatusMeaning>)> {
    let has = |s: &str| body.contains(s);
    Some(
        if has("A parameter cannot be found that matches parameter name")
            || has("Cannot bind parameter")
        {
            (&PS_CURL_ALIAS, None)
        } else if has("underlying connection was closed")
            || has("Could not create SSL/TLS secure channel")
        {
            (&PS_OLD_TLS, None)
        } else if has("remote name could not be resolved") || has("No such host is known") {
            (&PS_UNKNOWN_HOST, None)
        } else if has(PS7_STATUS) {
            (&PS_STATUS_NO_BODY, http_status::after(body, PS7_STATUS))
        } else if has("The remote server returned an error") {
            (&PS_REMOTE_ERROR, None)
        } else if has("CategoryInfo") || has("FullyQualifiedErrorId") {
            (&PS_ERROR, None)
        } else {
            return None;
        },
    )
}

/// PowerShell's error records are short and name the cmdlet near the top.
fn powershell(body: &str) -> Option<Finding> {
    if !(text::contains_ci(body, "invoke-webrequest")
        || text::contains_ci(body, "invoke-restmethod"))
    {
        return None;
    }
    let (rule, status) = powershell_rule(body)?;
    let first = body.lines().next().unwrap_or("").trim();
    if std::ptr::eq(rule, &PS_STATUS_NO_BODY) {
        let meaning = status
            .map(|m| format!(" {}", m.meaning))
            .unwrap_or_default();
        let fix = status.map_or(CHECK_AGAINST_COMMAND, |m| m.fix);
        return Some(tool_said(
            rule,
            "the shell",
            first,
            &[("meaning", &meaning), ("fix", fix)],
        ));
    }
    Some(tool_said(rule, "the shell", first, &[]))
}

/// The fix when a status has no explanation of its own.
const CHECK_AGAINST_COMMAND: &str =
    "Check the command against the one generated above, and send it again.";

/// Every rule of this module, for the catalog (`crate::core::check::catalog`).
pub(crate) const RULES: &[&Rule] = &[
    &BROWSER_CORS,
    &FETCH_FAILED,
    &PROMISE,
    &AXIOS,
    &PYTHON_HTTP_ERROR,
    &PYTHON_RESPONSE_OBJECT,
    &LINES_RAN_SEPARATELY,
    &CURL_MISSING,
    &CURL_EXE_MISSING,
    &WRONG_SHELL,
    &HTTPIE,
    &CURL_PLACEHOLDER,
    &CURL_MALFORMED_URL,
    &CURL_PROTOCOL,
    &CURL_HOST_CUT,
    &CURL_UNKNOWN_HOST,
    &CURL_REFUSED,
    &CURL_TIMEOUT,
    &CURL_TLS,
    &CURL_FAIL_FLAG,
    &CURL_FILE,
    &CURL_CLOSED,
    &CURL_OTHER,
    &PS_CURL_ALIAS,
    &PS_OLD_TLS,
    &PS_UNKNOWN_HOST,
    &PS_STATUS_NO_BODY,
    &PS_REMOTE_ERROR,
    &PS_ERROR,
];
