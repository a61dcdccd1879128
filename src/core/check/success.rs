//! The members of a successful token response (RFC 6749 §5.1, §4.4.3). A member whose value is
//! `null` counts as absent; members the RFC does not define are listed, never failed.

use serde_json::{Map, Value};

use super::text;
use super::time;
use crate::core::provider::Provider;
use crate::core::report::{Finding, Status};
use crate::core::rule::{fill, Rule};

/// What the later checks need from the response.
pub(crate) struct Members<'a> {
    pub access_token: Option<&'a str>,
    pub expires_in: Option<i64>,
    pub scope: Option<&'a str>,
}

fn present<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.get(key).filter(|v| !v.is_null())
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The members RFC 6749 §5.1 defines for a token response.
pub(crate) const KNOWN: [&str; 6] = [
    "access_token",
    "token_type",
    "expires_in",
    "scope",
    "refresh_token",
    "id_token",
];

/// Members real servers add, with what they mean.
const EXTRA_MEANINGS: &[(&str, &str)] = &[
    (
        "refresh_expires_in",
        "Keycloak: lifetime of a refresh token; 0 means none was issued",
    ),
    (
        "not-before-policy",
        "Keycloak: a revocation time for the client, not a token",
    ),
    ("session_state", "Keycloak: a session reference"),
    (
        "ext_expires_in",
        "Entra ID: a longer lifetime used during outages",
    ),
    ("expires_on", "Entra ID v1: the expiry as a Unix time"),
    (
        "not_before",
        "Entra ID v1: the start of validity as a Unix time",
    ),
    ("resource", "Entra ID v1: the resource the token is for"),
    (
        "issued_token_type",
        "RFC 8693: the type of the issued token",
    ),
    ("jti", "an identifier of the token"),
];

/// Checks every member, in the order a learner reads a response; returns what later checks use.
pub(crate) fn check<'a>(
    map: &'a Map<String, Value>,
    provider: Provider,
    out: &mut Vec<Finding>,
) -> Members<'a> {
    let (f, access_token) = access_token(map);
    out.push(f);
    out.push(token_type(map));
    let (f, expires_in) = expires_in(map);
    out.push(f);
    let (f, scope) = scope(map, provider);
    out.push(f);
    out.push(refresh_token(map, provider));
    out.push(id_token(map, provider));
    if let Some(f) = other_members(map) {
        out.push(f);
    }
    Members {
        access_token,
        expires_in,
        scope,
    }
}

// ---------------------------------------------------------------------------------------------
// access_token: REQUIRED, a string

const ACCESS_TOKEN: Rule = Rule {
    check: "access_token",
    status: Status::Fail,
    title: "Access token (access_token)",
    reference: "RFC 6749 §5.1",
    headline: "The response has no usable access token",
    ..Rule::BLANK
};
static ACCESS_TOKEN_MISSING: Rule = Rule {
    key: "response.access_token.missing",
    detail: "The response has no access_token member, which every successful token response must carry.",
    fix: "Copy the whole response again. \
          If the server sent an error instead of a token, paste that error response: the checker explains it.",
    ..ACCESS_TOKEN
};
static ACCESS_TOKEN_EMPTY: Rule = Rule {
    key: "response.access_token.empty",
    detail: "The access_token member is an empty string.",
    fix: "Copy the whole response again, exactly as the server sent it.",
    ..ACCESS_TOKEN
};
static ACCESS_TOKEN_PRESENT: Rule = Rule {
    key: "response.access_token.present",
    status: Status::Pass,
    detail: "Present: a string of {length}.",
    ..ACCESS_TOKEN
};
static ACCESS_TOKEN_NOT_STRING: Rule = Rule {
    key: "response.access_token.not_a_string",
    detail: "The access_token member is {kind}, not a string.",
    fix: "Paste the response exactly as the server sent it; a token is always a string.",
    ..ACCESS_TOKEN
};

fn access_token(map: &Map<String, Value>) -> (Finding, Option<&str>) {
    match present(map, "access_token") {
        None => (ACCESS_TOKEN_MISSING.finding(), None),
        Some(Value::String(s)) if s.trim().is_empty() => (ACCESS_TOKEN_EMPTY.finding(), None),
        Some(Value::String(s)) => {
            let length = text::plural(s.chars().count(), "character", "characters");
            (ACCESS_TOKEN_PRESENT.with(&[("length", &length)]), Some(s))
        }
        Some(other) => (ACCESS_TOKEN_NOT_STRING.with(&[("kind", kind(other))]), None),
    }
}

// ---------------------------------------------------------------------------------------------
// token_type: REQUIRED, compared case-insensitively

const TOKEN_TYPE: Rule = Rule {
    check: "token_type",
    status: Status::Fail,
    title: "Token type (token_type)",
    reference: "RFC 6749 §7.1",
    headline: "The token type is not Bearer",
    ..Rule::BLANK
};
static TOKEN_TYPE_MISSING: Rule = Rule {
    key: "response.token_type.missing",
    detail:
        "The response has no token_type member; RFC 6749 requires it (here it should be Bearer).",
    fix: "Copy the whole response again: the token_type member may have been left out.",
    ..TOKEN_TYPE
};
static BEARER: Rule = Rule {
    key: "response.token_type.bearer",
    status: Status::Pass,
    detail: "Bearer, as expected.",
    ..TOKEN_TYPE
};
static BEARER_OTHER_CASE: Rule = Rule {
    key: "response.token_type.bearer_other_case",
    status: Status::Pass,
    detail: "{value}: the same as Bearer, since token types are compared without regard to case.",
    ..TOKEN_TYPE
};
static BEARER_PADDED: Rule = Rule {
    key: "response.token_type.bearer_with_blanks",
    detail: "{value}: Bearer with a space or other blank inside the quotes. \
             Servers send exactly `Bearer`, so the response was probably edited after it arrived.",
    fix: "Paste the response exactly as the server sent it, without editing it.",
    ..TOKEN_TYPE
};
static APIGEE: Rule = Rule {
    key: "response.token_type.apigee",
    status: Status::Warn,
    detail: "`BearerToken`: Apigee Edge's token endpoint writes this instead of the standard `Bearer`. \
             Its tokens are sent as Bearer tokens all the same (`Authorization: Bearer …`), so only the wording is off.",
    ..TOKEN_TYPE
};
static DPOP: Rule = Rule {
    key: "response.token_type.dpop",
    detail: "DPoP: the token is bound to a key and works only with DPoP proofs, because the request carried a DPoP header. \
             This exercise expects a plain Bearer token.",
    fix: "Send the request without the DPoP header, as in the command above.",
    ..TOKEN_TYPE
};
static TOKEN_TYPE_OTHER: Rule = Rule {
    key: "response.token_type.other",
    detail:
        "{value} instead of Bearer: this is not a token the client credentials exercise can use.",
    fix: "Request the token with grant_type=client_credentials, as in the command above.",
    ..TOKEN_TYPE
};
static TOKEN_TYPE_NOT_STRING: Rule = Rule {
    key: "response.token_type.not_a_string",
    detail: "The token_type member is {kind}, not a string such as Bearer.",
    fix: "Paste the response exactly as the server sent it; token_type is a string such as \"Bearer\" in every standard token response.",
    ..TOKEN_TYPE
};

fn token_type(map: &Map<String, Value>) -> Finding {
    match present(map, "token_type") {
        None => TOKEN_TYPE_MISSING.finding(),
        Some(Value::String(t)) if t == "Bearer" => BEARER.finding(),
        Some(Value::String(t)) if t.eq_ignore_ascii_case("bearer") => {
            BEARER_OTHER_CASE.with(&[("value", &text::quote(t, 20))])
        }
        Some(Value::String(t)) if t.trim().eq_ignore_ascii_case("bearer") => {
            BEARER_PADDED.with(&[("value", &text::quote(t, 20))])
        }
        // Apigee Edge's client credentials endpoint says `BearerToken`; its tokens are used as
        // Bearer tokens all the same.
        Some(Value::String(t)) if t == "BearerToken" => APIGEE.finding(),
        Some(Value::String(t)) if t.eq_ignore_ascii_case("dpop") => DPOP.finding(),
        Some(Value::String(t)) => TOKEN_TYPE_OTHER.with(&[("value", &text::quote(t, 40))]),
        Some(other) => TOKEN_TYPE_NOT_STRING.with(&[("kind", kind(other))]),
    }
}

// ---------------------------------------------------------------------------------------------
// expires_in: RECOMMENDED, a number of seconds

const EXPIRES_IN: Rule = Rule {
    check: "expires_in",
    status: Status::Pass,
    title: "Lifetime (expires_in)",
    reference: "RFC 6749 §5.1",
    ..Rule::BLANK
};
static EXPIRES_IN_ABSENT: Rule = Rule {
    key: "response.expires_in.absent",
    status: Status::Info,
    detail: "Not sent. \
             It is only recommended; the token's own expiry (exp), when it has one, tells the lifetime.",
    ..EXPIRES_IN
};
static EXPIRES_IN_SECONDS: Rule = Rule {
    key: "response.expires_in.seconds",
    detail: "{seconds} s: the token is valid for {span} from when it was issued.",
    ..EXPIRES_IN
};
static EXPIRES_IN_EXPIRED: Rule = Rule {
    key: "response.expires_in.already_expired",
    status: Status::Fail,
    detail: "expires_in is {value}: by its own response, the token {state}, so no API will accept it.",
    fix: "Request a new token and paste its response. \
          If the server keeps answering with {value}, its token lifetime is set to zero or less: set a lifetime in seconds (in Auth0: Applications → APIs → your API → Settings).",
    headline: "By its own expires_in, the token was already expired when it arrived",
    ..EXPIRES_IN
};
const EXPIRED_AT_ONCE: &str = "expired the moment it was issued";
const EXPIRED_BEFORE: &str = "had expired before the server even sent it";
static EXPIRES_IN_NOT_WHOLE: Rule = Rule {
    key: "response.expires_in.not_whole",
    status: Status::Warn,
    detail: "{value} is not a whole, non-negative number of seconds.",
    ..EXPIRES_IN
};
static EXPIRES_IN_STRING: Rule = Rule {
    key: "response.expires_in.string",
    detail: "{seconds} s ({span}). \
             It is written as a string rather than a JSON number — Entra ID's v1 endpoint does that; it is accepted here.",
    ..EXPIRES_IN
};
static EXPIRES_IN_OTHER: Rule = Rule {
    key: "response.expires_in.not_a_number",
    status: Status::Warn,
    detail: "expires_in is {kind} ({value}), not a number of seconds.",
    ..EXPIRES_IN
};

/// The sign of a number written as text (`"0"`, `"-30"`, `"0.0"`), read without a float parser
/// (which would add kilobytes to the WebAssembly): `Some(Less)` below zero, `Some(Equal)` for
/// zero, `Some(Greater)` above, `None` when it is not a plain decimal number.
fn sign_of(s: &str) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    let t = s.trim();
    let (negative, digits) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let plain = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().filter(|b| *b == b'.').count() <= 1
        && digits.bytes().any(|b| b.is_ascii_digit());
    if !plain {
        return None;
    }
    let zero = digits.bytes().all(|b| b == b'0' || b == b'.');
    Some(match (zero, negative) {
        (true, _) => Ordering::Equal,
        (false, true) => Ordering::Less,
        (false, false) => Ordering::Greater,
    })
}

/// `expires_in` of zero or less: the token expired as it was issued.
fn expired_on_arrival(v: &Value) -> Option<Finding> {
    use std::cmp::Ordering;
    let sign = match v {
        Value::Number(n) => sign_of(&n.to_string())?,
        Value::String(s) if s.len() <= 15 => sign_of(s)?,
        _ => return None,
    };
    let state = match sign {
        Ordering::Less => EXPIRED_BEFORE,
        Ordering::Equal => EXPIRED_AT_ONCE,
        Ordering::Greater => return None,
    };
    let value = text::quote(&text::text_of(v), 20);
    Some(EXPIRES_IN_EXPIRED.with(&[("value", &value), ("state", state)]))
}

fn expires_in(map: &Map<String, Value>) -> (Finding, Option<i64>) {
    if let Some(f) = present(map, "expires_in").and_then(expired_on_arrival) {
        return (f, None);
    }
    match present(map, "expires_in") {
        None => (EXPIRES_IN_ABSENT.finding(), None),
        Some(v @ Value::Number(_)) => match v.as_i64() {
            Some(n) if n >= 0 => {
                let f = EXPIRES_IN_SECONDS
                    .with(&[("seconds", &n.to_string()), ("span", &time::span(n))]);
                (f, Some(n))
            }
            _ => (
                EXPIRES_IN_NOT_WHOLE.with(&[("value", &v.to_string())]),
                None,
            ),
        },
        Some(Value::String(s))
            if !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit()) =>
        {
            let n = s.parse::<i64>().unwrap_or(0);
            let f =
                EXPIRES_IN_STRING.with(&[("seconds", &n.to_string()), ("span", &time::span(n))]);
            (f, Some(n))
        }
        Some(other) => {
            let value = text::quote(&text::text_of(other), 40);
            (
                EXPIRES_IN_OTHER.with(&[("kind", kind(other)), ("value", &value)]),
                None,
            )
        }
    }
}

// ---------------------------------------------------------------------------------------------
// scope: OPTIONAL when it equals what was asked for

const SCOPE: Rule = Rule {
    check: "scope",
    status: Status::Info,
    title: "Scope (scope)",
    reference: "RFC 6749 §3.3",
    ..Rule::BLANK
};
static SCOPE_ABSENT_AUTH0: Rule = Rule {
    key: "response.scope.absent_auth0",
    detail: "Not sent: Auth0 leaves it out when your application has no permissions on this API. \
             That is fine for this exercise; permissions are ticked under {auth0_m2m_tab} tab.",
    ..SCOPE
};
static SCOPE_ABSENT: Rule = Rule {
    key: "response.scope.absent",
    detail: "Not sent: the server granted what was asked for, or its default (RFC 6749 §5.1).",
    ..SCOPE
};
static SCOPE_EMPTY: Rule = Rule {
    key: "response.scope.empty",
    detail: "Empty: no scopes were granted.",
    ..SCOPE
};
static SCOPE_GRANTED: Rule = Rule {
    key: "response.scope.granted",
    status: Status::Pass,
    detail: "Granted {count}: {scopes}.",
    ..SCOPE
};
static SCOPE_NOT_STRING: Rule = Rule {
    key: "response.scope.not_a_string",
    status: Status::Warn,
    detail: "scope is {kind}; RFC 6749 defines it as one space-separated string.",
    ..SCOPE
};

fn scope(map: &Map<String, Value>, provider: Provider) -> (Finding, Option<&str>) {
    match present(map, "scope") {
        None if provider == Provider::Auth0 => (SCOPE_ABSENT_AUTH0.finding(), None),
        None => (SCOPE_ABSENT.finding(), None),
        Some(Value::String(s)) if s.trim().is_empty() => (SCOPE_EMPTY.finding(), None),
        Some(Value::String(s)) => {
            let count = text::plural(s.split_ascii_whitespace().count(), "scope", "scopes");
            let f = SCOPE_GRANTED.with(&[("count", &count), ("scopes", &text::quote(s, 300))]);
            (f, Some(s))
        }
        Some(other) => (SCOPE_NOT_STRING.with(&[("kind", kind(other))]), None),
    }
}

// ---------------------------------------------------------------------------------------------
// refresh_token and id_token: client credentials issue neither

const REFRESH_TOKEN: Rule = Rule {
    check: "refresh_token",
    status: Status::Pass,
    title: "No refresh token",
    reference: "RFC 6749 §4.4.3",
    ..Rule::BLANK
};
/// A warning, not a failure: the token itself shows which grant made it (the grant check), and
/// some servers add a refresh token to client credentials responses by a setting of their own.
static REFRESH_TOKEN_PRESENT: Rule = Rule {
    key: "response.refresh_token.present",
    status: Status::Warn,
    detail: "The response includes a refresh_token. \
             The client credentials grant should not issue one: the application needs none, since it can simply ask for a new token. \
             Either your server adds one by a setting of its own, or the request used another grant (password, authorization code or refresh token); the grant check below tells which, from the token itself.{keycloak}",
    fix: "If the grant check passes, this refresh token is harmless: your application can ignore it. \
          If it fails, request the token with grant_type=client_credentials, as in the command above.",
    ..REFRESH_TOKEN
};
/// Said in [`REFRESH_TOKEN_PRESENT`] for Keycloak.
const KEYCLOAK_REFRESH: &str = " Keycloak before version 12 added one by itself; newer versions do so only when \"Use refresh tokens for client credentials grant\" is on in the client's advanced settings.";
static REFRESH_TOKEN_NONE: Rule = Rule {
    key: "response.refresh_token.none",
    detail: "None, as expected for the client credentials grant.",
    ..REFRESH_TOKEN
};

fn refresh_token(map: &Map<String, Value>, provider: Provider) -> Finding {
    if present(map, "refresh_token").is_none() {
        return REFRESH_TOKEN_NONE.finding();
    }
    let keycloak = if provider == Provider::Keycloak {
        KEYCLOAK_REFRESH
    } else {
        ""
    };
    REFRESH_TOKEN_PRESENT.with(&[("keycloak", keycloak)])
}

const ID_TOKEN: Rule = Rule {
    check: "id_token",
    status: Status::Pass,
    title: "No ID token",
    reference: "OpenID Connect Core §3.1.3.3",
    headline:
        "The response carries an ID token, so it did not come from the client credentials grant",
    ..Rule::BLANK
};
static ID_TOKEN_TOLERATED: Rule = Rule {
    key: "response.id_token.present",
    status: Status::Warn,
    detail: "The response includes an id_token. \
             ID tokens describe a user who signed in (OpenID Connect), so an application acting for itself has no use for one. \
             Some servers add one to client credentials responses anyway (authentik always; Keycloak when the scope asks for `openid`), so this alone does not mean the wrong grant was used.",
    fix: "If your request asks for the `openid` scope, leave it out: the API needs only the access token.",
    ..ID_TOKEN
};
static ID_TOKEN_AUTH0: Rule = Rule {
    key: "response.id_token.auth0",
    status: Status::Fail,
    detail: "The response includes an id_token. \
             ID tokens describe a user who signed in (OpenID Connect); an application acting for itself never gets one, so the request used another grant or asked for the `openid` scope in a user flow.",
    fix: "Request the token with grant_type=client_credentials, without the `openid` scope, as in the command above.",
    ..ID_TOKEN
};
static ID_TOKEN_NONE: Rule = Rule {
    key: "response.id_token.none",
    detail: "None, as expected for the client credentials grant.",
    ..ID_TOKEN
};

/// Only users signing in (OpenID Connect) get an ID token. Auth0 never adds one to a client
/// credentials response, so there it means another grant; some servers add one anyway
/// (authentik always, Keycloak when `openid` is in the scope), which is harmless.
fn id_token(map: &Map<String, Value>, provider: Provider) -> Finding {
    match (present(map, "id_token").is_some(), provider) {
        (false, _) => ID_TOKEN_NONE.finding(),
        (true, Provider::Auth0) => ID_TOKEN_AUTH0.finding(),
        (true, _) => ID_TOKEN_TOLERATED.finding(),
    }
}

// ---------------------------------------------------------------------------------------------
// Everything else: listed, never failed

const OTHER: Rule = Rule {
    check: "other_members",
    status: Status::Info,
    title: "Other members",
    reference: "RFC 6749 §5.1",
    ..Rule::BLANK
};
static OTHER_MEMBERS: Rule = Rule {
    key: "response.other_members",
    detail: "Other members: {members}. \
             Servers may add members of their own; they do not change the result.{nulls}",
    ..OTHER
};
static NULL_MEMBERS: Rule = Rule {
    key: "response.null_members",
    detail: "{names} {verb} null, which counts as not sent.",
    ..OTHER
};

fn other_members(map: &Map<String, Value>) -> Option<Finding> {
    let mut extras = Vec::new();
    let mut nulls = Vec::new();
    for (k, v) in map {
        if v.is_null() {
            nulls.push(text::quote(k, 40));
        } else if !KNOWN.contains(&k.as_str()) {
            extras.push(match EXTRA_MEANINGS.iter().find(|(n, _)| n == k) {
                Some((_, m)) => format!("{} ({})", text::quote(k, 40), m),
                None => text::quote(k, 40),
            });
        }
        if extras.len() + nulls.len() >= 30 {
            break;
        }
    }
    let names = nulls.join(", ");
    let verb = if nulls.len() == 1 { "is" } else { "are" };
    match (extras.is_empty(), nulls.is_empty()) {
        (true, true) => None,
        (true, false) => Some(NULL_MEMBERS.with(&[("names", &names), ("verb", verb)])),
        (false, _) => {
            let also = if nulls.is_empty() {
                String::new()
            } else {
                // The sentence of NULL_MEMBERS, after the others.
                format!(
                    " {}",
                    fill(NULL_MEMBERS.detail, &[("names", &names), ("verb", verb)])
                )
            };
            Some(OTHER_MEMBERS.with(&[("members", &extras.join(", ")), ("nulls", &also)]))
        }
    }
}

/// Every rule of this module, for the catalog (`crate::core::check::catalog`).
pub(crate) const RULES: &[&Rule] = &[
    &ACCESS_TOKEN_MISSING,
    &ACCESS_TOKEN_EMPTY,
    &ACCESS_TOKEN_PRESENT,
    &ACCESS_TOKEN_NOT_STRING,
    &TOKEN_TYPE_MISSING,
    &BEARER,
    &BEARER_OTHER_CASE,
    &BEARER_PADDED,
    &APIGEE,
    &DPOP,
    &TOKEN_TYPE_OTHER,
    &TOKEN_TYPE_NOT_STRING,
    &EXPIRES_IN_ABSENT,
    &EXPIRES_IN_SECONDS,
    &EXPIRES_IN_EXPIRED,
    &EXPIRES_IN_NOT_WHOLE,
    &EXPIRES_IN_STRING,
    &EXPIRES_IN_OTHER,
    &SCOPE_ABSENT_AUTH0,
    &SCOPE_ABSENT,
    &SCOPE_EMPTY,
    &SCOPE_GRANTED,
    &SCOPE_NOT_STRING,
    &REFRESH_TOKEN_PRESENT,
    &REFRESH_TOKEN_NONE,
    &ID_TOKEN_TOLERATED,
    &ID_TOKEN_AUTH0,
    &ID_TOKEN_NONE,
    &OTHER_MEMBERS,
    &NULL_MEMBERS,
];
