//! The members of a successful token response (RFC 6749 §5.1, §4.4.3). A member whose value is
//! `null` counts as absent; members the RFC does not define are listed, never failed.

use serde_json::{Map, Value};

use super::text;
use super::time;
use crate::core::provider::Provider;
use crate::core::report::{Finding, Status};

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

const KNOWN: [&str; 6] = [
    "access_token",
    "token_type",
    "expires_in",
    "scope",
    "refresh_token",
    "id_token",
];

/// Members real servers add, with what they mean.
fn extra_meaning(name: &str) -> Option<&'static str> {
    Some(match name {
        "refresh_expires_in" => "Keycloak: lifetime of a refresh token; 0 means none was issued",
        "not-before-policy" => "Keycloak: a revocation time for the client, not a token",
        "session_state" => "Keycloak: a session reference",
        "ext_expires_in" => "Entra ID: a longer lifetime used during outages",
        "expires_on" => "Entra ID v1: the expiry as a Unix time",
        "not_before" => "Entra ID v1: the start of validity as a Unix time",
        "resource" => "Entra ID v1: the resource the token is for",
        "issued_token_type" => "RFC 8693: the type of the issued token",
        "jti" => "an identifier of the token",
        _ => return None,
    })
}

pub(crate) fn check<'a>(
    map: &'a Map<String, Value>,
    provider: Provider,
    out: &mut Vec<Finding>,
) -> Members<'a> {
    let mut members = Members {
        access_token: None,
        expires_in: None,
        scope: None,
    };

    // access_token: REQUIRED, a string.
    let f = match present(map, "access_token") {
        None => Finding::new(
            "access_token",
            Status::Fail,
            "Access token (access_token)",
            "The response has no access_token member, which every successful token response must \
             carry.",
        )
        .with_fix(
            "Copy the whole response again. If the server sent an error instead of a token, paste \
             that error response: the checker explains it.",
        ),
        Some(Value::String(s)) if s.trim().is_empty() => Finding::new(
            "access_token",
            Status::Fail,
            "Access token (access_token)",
            "The access_token member is an empty string.",
        )
        .with_fix("Copy the whole response again, exactly as the server sent it."),
        Some(Value::String(s)) => {
            members.access_token = Some(s.as_str());
            Finding::new(
                "access_token",
                Status::Pass,
                "Access token (access_token)",
                format!(
                    "Present: a string of {}.",
                    text::plural(s.chars().count(), "character", "characters")
                ),
            )
        }
        Some(other) => Finding::new(
            "access_token",
            Status::Fail,
            "Access token (access_token)",
            format!("The access_token member is {}, not a string.", kind(other)),
        )
        .with_fix("Paste the response exactly as the server sent it; a token is always a string."),
    };
    out.push(f.with_reference("RFC 6749 §5.1"));

    // token_type: REQUIRED, compared case-insensitively.
    let f = match present(map, "token_type") {
        None => Finding::new(
            "token_type",
            Status::Fail,
            "Token type (token_type)",
            "The response has no token_type member; RFC 6749 requires it (here it should be Bearer).",
        )
        .with_fix("Copy the whole response again: the token_type member may have been left out."),
        Some(Value::String(t)) if t.eq_ignore_ascii_case("bearer") => Finding::new(
            "token_type",
            Status::Pass,
            "Token type (token_type)",
            if t == "Bearer" {
                "Bearer, as expected.".to_string()
            } else {
                format!(
                    "{}: the same as Bearer, since token types are compared without regard to case.",
                    text::quote(t, 20)
                )
            },
        ),
        Some(Value::String(t)) if t.trim().eq_ignore_ascii_case("bearer") => Finding::new(
            "token_type",
            Status::Fail,
            "Token type (token_type)",
            format!(
                "{}: Bearer with a space or other blank inside the quotes. Servers send exactly \
                 `Bearer`, so the response was probably edited after it arrived.",
                text::quote(t, 20)
            ),
        )
        .with_fix("Paste the response exactly as the server sent it, without editing it."),
        // Apigee Edge's client credentials endpoint says `BearerToken`; its tokens are used as
        // Bearer tokens all the same.
        Some(Value::String(t)) if t == "BearerToken" => Finding::new(
            "token_type",
            Status::Warn,
            "Token type (token_type)",
            "`BearerToken`: Apigee Edge's token endpoint writes this instead of the standard \
             `Bearer`. Its tokens are sent as Bearer tokens all the same (`Authorization: Bearer …`), \
             so only the wording is off.",
        ),
        Some(Value::String(t)) if t.eq_ignore_ascii_case("dpop") => Finding::new(
            "token_type",
            Status::Fail,
            "Token type (token_type)",
            "DPoP: the token is bound to a key and works only with DPoP proofs, because the request \
             carried a DPoP header. This exercise expects a plain Bearer token.",
        )
        .with_fix("Send the request without the DPoP header, as in the command above."),
        Some(Value::String(t)) => Finding::new(
            "token_type",
            Status::Fail,
            "Token type (token_type)",
            format!(
                "{} instead of Bearer: this is not a token the client credentials exercise can use.",
                text::quote(t, 40)
            ),
        )
        .with_fix("Request the token with grant_type=client_credentials, as in the command above."),
        Some(other) => Finding::new(
            "token_type",
            Status::Fail,
            "Token type (token_type)",
            format!("The token_type member is {}, not a string such as Bearer.", kind(other)),
        )
        .with_fix(
            "Paste the response exactly as the server sent it; token_type is a string such as \
             \"Bearer\" in every standard token response.",
        ),
    };
    out.push(f.with_reference("RFC 6749 §7.1"));

    // expires_in: RECOMMENDED, a number of seconds.
    let f = match present(map, "expires_in") {
        None => Finding::new(
            "expires_in",
            Status::Info,
            "Lifetime (expires_in)",
            "Not sent. It is only recommended; the token's own expiry (exp), when it has one, tells \
             the lifetime.",
        ),
        Some(v @ Value::Number(_)) => match v.as_i64() {
            Some(n) if n >= 0 => {
                members.expires_in = Some(n);
                Finding::new(
                    "expires_in",
                    Status::Pass,
                    "Lifetime (expires_in)",
                    format!("{} s: the token is valid for {} from when it was issued.", n, time::span(n)),
                )
            }
            _ => Finding::new(
                "expires_in",
                Status::Warn,
                "Lifetime (expires_in)",
                format!("{} is not a whole, non-negative number of seconds.", v),
            ),
        },
        Some(Value::String(s)) if !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit()) => {
            let n = s.parse::<i64>().unwrap_or(0);
            members.expires_in = Some(n);
            Finding::new(
                "expires_in",
                Status::Pass,
                "Lifetime (expires_in)",
                format!(
                    "{} s ({}). It is written as a string rather than a JSON number — Entra ID's v1 \
                     endpoint does that; it is accepted here.",
                    n,
                    time::span(n)
                ),
            )
        }
        Some(other) => Finding::new(
            "expires_in",
            Status::Warn,
            "Lifetime (expires_in)",
            format!("expires_in is {} ({}), not a number of seconds.", kind(other), text::quote(&text_of(other), 40)),
        ),
    };
    out.push(f.with_reference("RFC 6749 §5.1"));

    // scope: OPTIONAL when it equals what was asked for.
    let f = match present(map, "scope") {
        None if provider == Provider::Auth0 => Finding::new(
            "scope",
            Status::Info,
            "Scope (scope)",
            "Not sent: Auth0 leaves it out when your application has no permissions on this API. \
             That is fine for this exercise; permissions are ticked under Applications → APIs → \
             your API → Machine to Machine Applications tab.",
        ),
        None => Finding::new(
            "scope",
            Status::Info,
            "Scope (scope)",
            "Not sent: the server granted what was asked for, or its default (RFC 6749 §5.1).",
        ),
        Some(Value::String(s)) if s.trim().is_empty() => Finding::new(
            "scope",
            Status::Info,
            "Scope (scope)",
            "Empty: no scopes were granted.",
        ),
        Some(Value::String(s)) => {
            members.scope = Some(s.as_str());
            let n = s.split_ascii_whitespace().count();
            Finding::new(
                "scope",
                Status::Pass,
                "Scope (scope)",
                format!(
                    "Granted {}: {}.",
                    text::plural(n, "scope", "scopes"),
                    text::quote(s, 300)
                ),
            )
        }
        Some(other) => Finding::new(
            "scope",
            Status::Warn,
            "Scope (scope)",
            format!(
                "scope is {}; RFC 6749 defines it as one space-separated string.",
                kind(other)
            ),
        ),
    };
    out.push(f.with_reference("RFC 6749 §3.3"));

    // refresh_token: client credentials should not issue one.
    let f = if present(map, "refresh_token").is_some() {
        let mut detail =
            "The response includes a refresh_token. The client credentials grant should \
                          not issue one — the application can simply ask for a new token — so the \
                          request most likely used another grant (password, authorization code or \
                          refresh token)."
                .to_string();
        if provider == Provider::Keycloak {
            detail.push_str(
                " Keycloak before version 12 added one by itself; newer versions do so only when \
                 \"Use refresh tokens for client credentials grant\" is on in the client's advanced \
                 settings.",
            );
        }
        Finding::new("refresh_token", Status::Fail, "No refresh token", detail).with_fix(
            "Request the token with grant_type=client_credentials and your Machine to Machine \
             application's client ID and secret, as in the command above.",
        )
    } else {
        Finding::new(
            "refresh_token",
            Status::Pass,
            "No refresh token",
            "None, as expected for the client credentials grant.",
        )
    };
    out.push(f.with_reference("RFC 6749 §4.4.3"));

    // id_token: only for users signing in (OpenID Connect). Auth0 never adds one to a client
    // credentials response, so there it means another grant; some servers add one anyway
    // (authentik always, Keycloak when `openid` is in the scope), which is harmless.
    let f = if present(map, "id_token").is_some() && provider != Provider::Auth0 {
        Finding::new(
            "id_token",
            Status::Warn,
            "No ID token",
            "The response includes an id_token. ID tokens describe a user who signed in (OpenID \
             Connect), so an application acting for itself has no use for one. Some servers add \
             one to client credentials responses anyway (authentik always; Keycloak when the \
             scope asks for `openid`), so this alone does not mean the wrong grant was used.",
        )
        .with_fix("If your request asks for the `openid` scope, leave it out: the API needs only the access token.")
    } else if present(map, "id_token").is_some() {
        Finding::new(
            "id_token",
            Status::Fail,
            "No ID token",
            "The response includes an id_token. ID tokens describe a user who signed in (OpenID \
             Connect); an application acting for itself never gets one, so the request used another \
             grant or asked for the `openid` scope in a user flow.",
        )
        .with_fix(
            "Request the token with grant_type=client_credentials, without the `openid` scope, as in \
             the command above.",
        )
    } else {
        Finding::new(
            "id_token",
            Status::Pass,
            "No ID token",
            "None, as expected for the client credentials grant.",
        )
    };
    out.push(f.with_reference("OpenID Connect Core §3.1.3.3"));

    // Everything else: listed, never failed.
    let mut extras = Vec::new();
    let mut nulls = Vec::new();
    for (k, v) in map {
        if v.is_null() {
            nulls.push(text::quote(k, 40));
        } else if !KNOWN.contains(&k.as_str()) {
            extras.push(match extra_meaning(k) {
                Some(m) => format!("{} ({})", text::quote(k, 40), m),
                None => text::quote(k, 40),
            });
        }
        if extras.len() + nulls.len() >= 30 {
            break;
        }
    }
    if !extras.is_empty() || !nulls.is_empty() {
        let mut detail = String::new();
        if !extras.is_empty() {
            detail.push_str(&format!(
                "Other members: {}. Servers may add members of their own; they do not change the result.",
                extras.join(", ")
            ));
        }
        if !nulls.is_empty() {
            if !detail.is_empty() {
                detail.push(' ');
            }
            detail.push_str(&format!(
                "{} {} null, which counts as not sent.",
                nulls.join(", "),
                if nulls.len() == 1 { "is" } else { "are" }
            ));
        }
        out.push(
            Finding::new("other_members", Status::Info, "Other members", detail)
                .with_reference("RFC 6749 §5.1"),
        );
    }
    members
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
