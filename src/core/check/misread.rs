//! Pastes that hold no token response but were once read as broken JSON or an ordinary address:
//! jq's `null`, a log or other text with no JSON object in it, a browser address after a user's
//! sign-in, an object copied from the developer tools' Preview pane — and the client secret in a
//! pasted command line, which is checked around rather than refused.

use super::paste::NOT_A_RESPONSE;
use super::text;
use crate::core::report::{Finding, Status};
use crate::core::rule::{fill, Rule};

// ---------------------------------------------------------------------------------------------
// jq's `null`

/// The members a token response (RFC 6749 §5.1) or an error response (§5.2) can have: the names
/// a jq filter can use.
fn members() -> impl Iterator<Item = &'static str> {
    super::success::KNOWN
        .into_iter()
        .chain(["error", "error_description"])
}

static JQ_NULL: Rule = Rule {
    key: "paste.jq_null",
    detail: "This is `null`, which is what jq prints when its filter names a member the response does not have: a misspelt name, or an error response (it has `error` and `error_description` instead of a token).{filter}",
    fix: "Run the command without `| jq …` and paste everything it prints. \
          To print one member, use a name the response has: `.access_token`, `.token_type`, `.expires_in` or `.scope`.",
    ..NOT_A_RESPONSE
};
const FILTER_MISSPELT: &str = " The filter asks for {asked}; the member is called {member}.";
const FILTER_UNKNOWN: &str = " The filter asks for {asked}, which a token response does not have.";

/// Is the body only jq's `null`, once or more (one line each)?
pub(crate) fn is_jq_null(body: &str) -> bool {
    // (Stops at the first other line: a long response is not walked.)
    body.trim().starts_with("null")
        && body
            .lines()
            .map(str::trim)
            .all(|l| l.is_empty() || l == "null")
}

/// The edit distance between two short ASCII names (at most a few dozen bytes).
fn distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().enumerate() {
        let mut prev = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let above = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let best = (prev + cost).min(above + 1).min(left + 1);
            prev = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = best;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

/// The names a jq filter in `command` asks for (`jq -r '.acess_token'` → `acess_token`).
fn filter_names(command: &str) -> Vec<&str> {
    let Some((_, after)) = command.split_once("jq ") else {
        return Vec::new();
    };
    after
        .split_whitespace()
        .filter(|w| !w.starts_with('-'))
        .take(1)
        .flat_map(|filter| filter.split(['.', '|', ',', ' ', '\'', '"', '[', ']', '(', ')']))
        .filter(|n| {
            n.len() <= 40
                && !n.is_empty()
                && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        })
        .collect()
}

/// What the filter got wrong, as a sentence, when the command is known.
fn filter_sentence(command: Option<&str>) -> String {
    let Some(command) = command else {
        return String::new();
    };
    let Some(asked) = filter_names(command)
        .into_iter()
        .find(|n| members().all(|m| m != *n))
    else {
        return String::new();
    };
    let shown = text::quote(&format!(".{asked}"), 44);
    let nearest = members()
        .map(|m| (distance(asked, m), m))
        .min()
        .filter(|(d, _)| *d <= 3);
    match nearest {
        Some((_, member)) => fill(
            FILTER_MISSPELT,
            &[("asked", &shown), ("member", &format!("`.{member}`"))],
        ),
        None => fill(FILTER_UNKNOWN, &[("asked", &shown)]),
    }
}

/// jq's `null`, with what the filter (from the pasted command, when there is one) got wrong.
pub(crate) fn jq_null(command: Option<&str>) -> Finding {
    JQ_NULL.with(&[("filter", &filter_sentence(command))])
}

// ---------------------------------------------------------------------------------------------
// Text with no response in it

static NO_RESPONSE: Rule = Rule {
    key: "paste.no_response",
    detail: "{what} no token response: a response is a JSON object, from `{` to `}`, and there is no `{` anywhere in it.",
    fix: "Copy only what the token request printed: a JSON object that starts with `{` and ends with `}`, usually one line right after the command. \
          If the command printed nothing, run it again and copy its output.",
    ..NOT_A_RESPONSE
};
const THIS_TEXT: &str = "This text holds";
const THESE_LINES: &str = "These {count} lines hold";

/// Text (of any size) with no `{` in it and no token either: a log, a message, a description.
pub(crate) fn holds_no_response(text: &str) -> bool {
    !text.contains('{') && !text.contains("eyJ")
}

pub(crate) fn no_response(text: &str) -> Finding {
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    let what = if lines > 1 {
        fill(THESE_LINES, &[("count", &lines.to_string())])
    } else {
        THIS_TEXT.to_string()
    };
    NO_RESPONSE.with(&[("what", &what)])
}

// ---------------------------------------------------------------------------------------------
// A browser address after a user's sign-in

const SIGN_IN_ADDRESS: Rule = Rule {
    fix: "The client credentials grant never goes through a browser: run the command above in a terminal and paste what it prints.",
    reference: "RFC 6749 §4.4",
    headline: "This is the address a browser showed after a user signed in, not a client credentials response",
    ..NOT_A_RESPONSE
};
static IMPLICIT_TOKEN: Rule = Rule {
    key: "paste.address.user_token",
    detail: "This is a browser address whose `#access_token=…` was given to a user who signed in (the implicit flow, or a sign-in page that hands the token to the browser), not to an application acting for itself. \
             Treat that token as a password: until it expires, it lets anyone act as that user.",
    ..SIGN_IN_ADDRESS
};
static AUTHORIZATION_CODE: Rule = Rule {
    key: "paste.address.authorization_code",
    detail: "This is a browser address with `code=…`: an authorization code, the first step of the authorization code flow, in which a user signs in. \
             Client credentials have no code and no browser step: the application asks for its token directly.",
    ..SIGN_IN_ADDRESS
};

/// A browser address after a user's sign-in: a token in its fragment, or an authorization code
/// in its query.
pub(crate) fn sign_in_address(url: &str) -> Option<Finding> {
    let (_, fragment) = url.split_once('#').unwrap_or((url, ""));
    let query = url
        .split_once('?')
        .map(|(_, q)| q.split('#').next().unwrap_or(""))
        .unwrap_or("");
    let has = |part: &str, name: &str| {
        part.split('&')
            .any(|p| p.strip_prefix(name).is_some_and(|v| v.starts_with('=')))
    };
    if has(fragment, "access_token") || has(query, "access_token") {
        Some(IMPLICIT_TOKEN.finding())
    } else if has(query, "code") || has(fragment, "code") {
        Some(AUTHORIZATION_CODE.finding())
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------------
// The developer tools' Preview pane

static DEVTOOLS_PREVIEW: Rule = Rule {
    key: "paste.devtools.preview",
    check: "paste_node",
    status: Status::Fail,
    title: "The Preview pane, not the response text",
    detail: "This is the response as a browser's developer tools show it in the Network panel's Preview pane: an object tree with member names without quotes. \
             It is a view of the response, not its text, and JSON needs every name in double quotes.",
    fix: "In the Network panel, click the request to the token endpoint, open its Response tab (not Preview; in Firefox, switch on Raw), select everything there and copy it. \
          Or run the command above and paste its output.",
    reference: "RFC 8259",
    headline: "This is the developer tools' Preview of the response, not its text",
};

/// A member line of the Preview tree: `access_token: "eyJ…"`, `expires_in: 86400`.
fn preview_member(line: &str) -> Option<&str> {
    let (name, value) = line.trim().split_once(": ")?;
    let name_ok = !name.is_empty()
        && name.len() <= 40
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    let value_ok = value.starts_with('"')
        || value.starts_with(|c: char| c.is_ascii_digit())
        || ["true", "false", "null"].contains(&value);
    (name_ok && value_ok).then_some(name)
}

/// An object from the Preview pane: `{access_token: "…", token_type: "Bearer"}` (names bare,
/// strings in double quotes — a console's preview uses single quotes), or the tree's expanded
/// member lines.
pub(crate) fn devtools_preview(body: &str, unquoted_names: bool) -> Option<Finding> {
    let double_quoted = body.contains(": \"") && !body.contains(": '");
    let object = unquoted_names && double_quoted && body.trim_start().starts_with('{');
    let members: Vec<&str> = body.lines().take(40).filter_map(preview_member).collect();
    let tree = members.len() >= 2 && members.iter().any(|m| self::members().any(|k| k == *m));
    (object || tree).then(|| DEVTOOLS_PREVIEW.finding())
}

// ---------------------------------------------------------------------------------------------
// The client secret in a pasted command line

static SECRET_IN_COMMAND: Rule = Rule {
    key: "paste.secret_in_command",
    check: "paste_secret",
    status: Status::Warn,
    title: "Your client secret",
    detail: "The command in your paste holds your client secret. \
             It stays in this page — nothing you paste is sent or saved — but anyone who sees this text can get tokens as your application.",
    fix: "If you shared this text anywhere (a chat, a forum, a ticket, a screenshot), rotate the secret: in Auth0, on the application's Settings tab; elsewhere, generate a new secret for the client. \
          Then enter the new one above.",
    ..Rule::BLANK
};

/// A real value (not a placeholder such as `YOUR_CLIENT_SECRET`, `$SECRET` or `%SECRET%`) at the
/// start of `s`, at least 16 characters long: what a client secret looks like.
pub(crate) fn real_value(s: &str) -> bool {
    let v: String = s
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || "-._~+/=".contains(*c))
        .collect();
    let placeholder = v
        .chars()
        .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit());
    v.len() >= 16 && !placeholder
}

/// Does a command line of `text` send a client secret: `client_secret=…`, `--user id:secret`,
/// `-u id:secret`?
fn command_sends_secret(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    let form = lower
        .match_indices("client_secret=")
        .any(|(k, m)| line.get(k + m.len()..).is_some_and(real_value));
    let basic = ["--user ", "-u "].iter().any(|flag| {
        lower.match_indices(flag).any(|(k, m)| {
            let arg = line.get(k + m.len()..).unwrap_or("");
            let arg = arg.trim_start_matches(['\'', '"']);
            arg.split_whitespace()
                .next()
                .and_then(|a| a.split_once(':'))
                .is_some_and(|(_, secret)| real_value(secret))
        })
    });
    form || basic
}

/// The client secret in the command lines of the text set aside before the response.
pub(crate) fn secret_in_command(before: &str) -> Option<Finding> {
    let head = before
        .get(..text::floor_boundary(before, 64 * 1024))
        .unwrap_or("");
    head.lines()
        .take(200)
        .any(command_sends_secret)
        .then(|| SECRET_IN_COMMAND.finding())
}

/// Every rule of this module, for the catalog (`crate::core::check::catalog`).
pub(crate) const RULES: &[&Rule] = &[
    &JQ_NULL,
    &NO_RESPONSE,
    &IMPLICIT_TOKEN,
    &AUTHORIZATION_CODE,
    &DEVTOOLS_PREVIEW,
    &SECRET_IN_COMMAND,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jq_filters_name_the_member_they_meant() {
        assert_eq!(
            filter_names("curl … | jq -r '.acess_token'"),
            ["acess_token"]
        );
        assert_eq!(filter_names("jq .token.value"), ["token", "value"]);
        assert!(filter_sentence(Some("curl … | jq .acess_token")).contains("`.access_token`"));
        assert!(filter_sentence(Some("curl … | jq .data")).contains("does not have"));
        assert_eq!(filter_sentence(Some("curl … | jq .access_token")), "");
        assert_eq!(distance("acess_token", "access_token"), 1);
    }

    #[test]
    fn placeholders_are_not_secrets() {
        assert!(!command_sends_secret(
            "--data client_secret=YOUR_CLIENT_SECRET"
        ));
        assert!(!command_sends_secret("--data client_secret=$CLIENT_SECRET"));
        assert!(command_sends_secret(
            "--data-urlencode 'client_secret=Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0Fe'"
        ));
        assert!(command_sends_secret(
            "curl -u 'abc:Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2' https://x"
        ));
    }
}
