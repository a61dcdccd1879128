//! The token response checker: what the learner pasted → a [`Report`] with one verdict, one
//! headline and every finding.
//!
//! The steps, each in its own module:
//! 1. `extract` — take the body out of wrappers that are plainly not part of it (HTTP status line
//!    and headers, `curl -v` lines, a Markdown fence, a shell prompt and command, zsh's `%`, …) and
//!    record what was set aside;
//! 2. `paste` — recognise pastes that are not a response at all (curl's errors, an HTML page,
//!    PowerShell's display, only the token, …);
//! 3. `json` — parse (with `value`, which keeps every top-level member but stops building nested
//!    values past a few thousand), or say precisely where and why the JSON breaks (never
//!    repairing it);
//! 4. `errors` for RFC 6749 §5.2 error responses, `success` for the §5.1 members;
//! 5. `token` / `jwt` / `claims` — the access token: its shape, decoded header and claims,
//!    compared with the learner's own issuer, audience and client ID, times with a leeway, and the
//!    evidence of the client credentials grant;
//! 6. `verdict` — the verdict and headline, from the findings alone (also used by
//!    [`Report::apply_signature`] once the browser has checked the signature).
//!
//! Nothing here panics, reads a clock or does I/O; every step is linear in the paste's size.
//!
//! # Finding ids (`data-check-id`)
//!
//! Pastes that are not a token response (each `fail`, with its own explanation):
//! `paste_empty`, `paste_size` (over [`MAX_PASTE_BYTES`]), `paste_curl_command` (the command
//! itself), `paste_curl_error` (curl's, the shell's or PowerShell's error text), `paste_html`,
//! `paste_placeholder` (the box's example text, or `...` for left-out members),
//! `paste_powershell` (PowerShell's display of the object), `paste_python`, `paste_node`
//! (print-outs), `paste_token_only` / `paste_bearer_header` (the token is still decoded and
//! checked), `paste_credential` (the client ID, or what looks like the client secret, alone),
//! `paste_decoded_claims` (a JWT debugger's output; shown in the table),
//! `paste_error_status` (an error status with an empty or plain-text body, explained by its
//! status), `paste_secret` (`warn`: the text or the command before a response named the client
//! secret; the response is checked), `paste_wget` (wget's progress messages without the
//! response: saved to a file, or an error whose body wget dropped), `paste_not_token_response`
//! (other JSON, a URL — a sign-in redirect's token or code named as such — headers without a
//! body, jq's `null`, text with no JSON object in it).
//!
//! Broken JSON, located by line and column of the paste and the character found there:
//! `json` (other syntax errors), `json_curly_quotes`, `json_truncated`, `json_trailing_comma`,
//! `json_duplicate`, `json_in_string` (the inner response is still checked), `json_invisible`,
//! `json_line_break` (a wrapped long token).
//!
//! The response: `error_response` (RFC 6749 §5.2; verdict [`Verdict::ErrorResponse`]; its title
//! is the likely cause), `access_token`, `token_type`, `expires_in`, `scope`, `refresh_token`,
//! `id_token`, `other_members` (info), `paste_trimmed` (info: a paste with thousands of nested
//! values, of which only the first were kept).
//!
//! The token: `token_chars` (invisible or other stray characters in it), `token_redacted`,
//! `token_format` (JWT `pass`; Auth0's `a..b.c.d` without audience and a JWT cut while copying
//! `fail`; JWE and other opaque tokens `warn` — valid, but not inspectable), `jwt_decode` (located base64url/JSON errors),
//! `alg`, `iss`, `aud`, `grant` (client credentials evidence), `client_id`, `exp`, `nbf` (when
//! present), `iat`, `lifetime` (info), and `signature` (`pending` until the browser layer calls
//! [`Report::apply_signature`]; `fail` at once when the signature part is empty or too short for
//! its algorithm, as when the token was cut while copying).

mod b64;
mod claims;
mod errors;
mod extract;
mod http_status;
mod json;
mod jwt;
mod misread;
mod notes;
mod paste;
mod success;
mod text;
mod time;
mod token;
mod tools;
mod verdict;

use serde_json::{Map, Value};

use super::provider::Provider;
use super::report::{DecodedToken, Report, Verdict};
use super::rule::Rule;
use super::wire::{FindingView, View};

/// The largest paste the checker reads, in bytes of UTF-8 (2 MiB). A token response is a few
/// kilobytes; the limit leaves room for a pasted `curl -v` log while keeping the check instant.
/// Larger pastes get a `paste_size` finding instead.
pub const MAX_PASTE_BYTES: usize = 2 * 1024 * 1024;

/// Clock skew allowed on `exp`, `nbf` and `iat`, in seconds (what JWT libraries commonly allow).
pub const LEEWAY_SECONDS: i64 = 60;

/// Every rule the checker (and the signature step after it) can report, in pipeline order: the
/// catalog that the rule tests, the wording snapshot (`tests/rules.snap`) and the README's list
/// of keys are made from. Nothing in the widget calls it, so it adds nothing to the WebAssembly.
pub fn catalog() -> Vec<&'static Rule> {
    [
        paste::RULES,
        misread::RULES,
        tools::RULES,
        json::RULES,
        errors::RULES,
        success::RULES,
        token::RULES,
        claims::issuer::RULES,
        claims::audience::RULES,
        claims::grant::RULES,
        claims::RULES,
        super::signature::RULES,
    ]
    .concat()
}

/// The report as the page shows it (`core::wire`): its texts, and where the learner finds the
/// signing keys when the report has a signature to check.
pub fn view(r: &Report) -> View {
    View {
        verdict: r.verdict,
        headline: r.headline.clone(),
        set_aside: r.set_aside.clone(),
        findings: r
            .findings
            .iter()
            .map(|f| FindingView {
                id: f.id().to_string(),
                rule: f.rule.key.to_string(),
                status: f.status(),
                title: f.title().to_string(),
                detail: f.detail.clone(),
                fix: f.fix.clone(),
                reference: f.reference().map(str::to_string),
            })
            .collect(),
        token: r.token.clone(),
        keys_help: r
            .signature
            .as_ref()
            .map(|s| super::signature::where_to_find_keys(s.iss.as_deref())),
        other_host: r
            .finding(super::signature::ID)
            .filter(|f| super::signature::names_another_host(f))
            .and_then(|_| r.signature.as_ref()?.iss.as_deref())
            .and_then(super::jwks::host_of),
    }
}

/// What the learner's own values lead us to expect.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expectations {
    pub provider: Provider,
    /// The issuer: from the discovery document when it was fetched, else derived from the endpoint.
    pub issuer: Option<String>,
    /// True when `issuer` came from the discovery document.
    pub issuer_discovered: bool,
    /// True when `issuer` is only a guess from the endpoint's shape (an unrecognised server, Amazon
    /// Cognito, Entra by tenant name): a mismatch is then a warning, not a failure, until the
    /// discovery document tells the real issuer.
    pub issuer_guessed: bool,
    /// The client ID as typed ("" when not entered).
    pub client_id: String,
    /// The audience as typed ("" when not entered).
    pub audience: String,
}

/// Checks a pasted token response against the learner's expectations at time `now_unix` (seconds
/// since the epoch, from the caller's clock). Returns every finding; never panics.
pub fn check(paste: &str, expect: &Expectations, now_unix: i64) -> Report {
    let mut r = Report {
        verdict: Verdict::Fail,
        headline: String::new(),
        set_aside: Vec::new(),
        findings: Vec::new(),
        token: None,
        signature: None,
    };
    if paste.len() > MAX_PASTE_BYTES {
        r.findings.push(if misread::holds_no_response(paste) {
            misread::no_response(paste)
        } else {
            paste::too_large(paste.len())
        });
    } else if paste.trim_start_matches('\u{FEFF}').trim().is_empty() {
        r.findings.push(paste::empty(false));
    } else {
        let ex = extract::extract(paste);
        r.set_aside = ex.set_aside.iter().map(notes::Note::text).collect();
        if ex.body.is_empty() {
            r.findings.push(if ex.wget {
                paste::wget_output(ex.saved_to.as_deref(), ex.status)
            } else if ex.status.is_some() {
                paste::headers_only(ex.status)
            } else if let Some(cmd) = &ex.command {
                paste::command_only(cmd)
            } else {
                paste::empty(true)
            });
        } else {
            body(&ex, expect, now_unix, &mut r);
        }
        // A command with the client secret before the response: the response is checked, and
        // the learner reminded that the text holds the secret.
        let secret_noted = r.findings.iter().any(|f| f.id() == "paste_secret");
        if ex.command.is_some() && !secret_noted {
            r.findings.extend(misread::secret_in_command(paste));
        }
    }
    verdict::conclude(&mut r);
    r
}

fn body(ex: &extract::Extracted, expect: &Expectations, now: i64, r: &mut Report) {
    if misread::is_jq_null(&ex.body) {
        r.findings.push(misread::jq_null(ex.command.as_deref()));
        return;
    }
    if let Some(f) = ex
        .command
        .as_deref()
        .and_then(|c| tools::wrong_shell_after(c, &ex.body))
    {
        r.findings.push(f);
        return;
    }
    match paste::classify(&ex.body, ex.status) {
        paste::Early::Done(f) | paste::Early::Secret(f, None) => r.findings.push(f),
        paste::Early::Secret(_, Some(at)) => {
            // The response after the text that names the secret is checked; the secret is noted.
            let before = ex.body.get(..at).unwrap_or("");
            let lines = before.matches('\n').count();
            r.set_aside.push(notes::Note::SecretBefore(lines).text());
            r.findings.push(paste::secret_around());
            let rest = extract::Extracted {
                body: ex.body.get(at..).unwrap_or("").trim().to_string(),
                origin: text::Origin {
                    lines_before: ex.origin.lines_before + lines,
                    cols_before: 0,
                },
                status: ex.status,
                ..extract::Extracted::default()
            };
            body(&rest, expect, now, r);
        }
        paste::Early::Token {
            token,
            bearer,
            wrapped,
        } => {
            if wrapped {
                r.set_aside.push(notes::Note::WrappedToken.text());
            }
            lone_token(&token, bearer, expect, now, r);
        }
        paste::Early::Json if single_quoted(&ex.body, expect, now, ex.status, r) => {}
        paste::Early::Json => match json::parse(&ex.body, ex.origin) {
            json::Parsed::Broken(f) => r.findings.push(f),
            json::Parsed::DecodedParts { header, claims } => {
                r.findings.push(paste::decoded_claims(false));
                r.token = Some(DecodedToken {
                    header: jwt::header_rows(&header),
                    claims: jwt::claim_rows(&claims, now),
                });
            }
            json::Parsed::Value(read) => match read.value {
                Value::Object(map) => {
                    object(&map, expect, now, ex.status, r);
                    if read.trimmed {
                        r.findings.push(paste::trimmed(ex.body.len()));
                    }
                }
                Value::String(s) => string(&s, expect, now, ex.status, r),
                other => r.findings.push(paste::not_token_response(&other)),
            },
        },
    }
}

/// A response in single quotes (a console's or Python prompt's string display): the JSON inside
/// is checked; returns false when the paste is not that.
fn single_quoted(
    body: &str,
    expect: &Expectations,
    now: i64,
    status: Option<u16>,
    r: &mut Report,
) -> bool {
    let Some((inner, bytes)) = paste::single_quoted(body) else {
        return false;
    };
    let Ok(crate::core::value::Read {
        value: Value::Object(map),
        trimmed,
    }) = crate::core::value::read(inner)
    else {
        return false;
    };
    r.findings.push(paste::json_in_single_quotes(bytes));
    object(&map, expect, now, status, r);
    if trimmed {
        r.findings.push(paste::trimmed(inner.len()));
    }
    true
}

/// A token pasted without its response (bare, quoted, or in an `Authorization` header): named
/// as a credential when it is the client ID or looks like the secret, else decoded and checked.
fn lone_token(token: &str, bearer: bool, expect: &Expectations, now: i64, r: &mut Report) {
    if let Some(f) = paste::credential(token, &expect.client_id, expect.provider == Provider::Auth0)
    {
        r.findings.push(f);
        return;
    }
    r.findings.push(if bearer {
        paste::bearer_header()
    } else {
        paste::token_only()
    });
    token::analyse(token, expect, now, token::FromResponse::default(), r);
}

/// A JSON string: a response encoded twice, or a quoted token.
fn string(s: &str, expect: &Expectations, now: i64, status: Option<u16>, r: &mut Report) {
    let inner = s.trim();
    if inner.starts_with('{') {
        match crate::core::value::read(inner) {
            Ok(crate::core::value::Read {
                value: Value::Object(map),
                trimmed,
            }) => {
                r.findings.push(paste::json_in_string(true));
                object(&map, expect, now, status, r);
                if trimmed {
                    r.findings.push(paste::trimmed(inner.len()));
                }
            }
            _ => r.findings.push(paste::json_in_string(false)),
        }
    } else if paste::looks_like_token(inner) {
        lone_token(inner, false, expect, now, r);
    } else {
        r.findings
            .push(paste::not_token_response(&Value::String(s.to_string())));
    }
}

/// A JSON object: an error response, a token response, decoded claims, or something else.
fn object(
    map: &Map<String, Value>,
    expect: &Expectations,
    now: i64,
    status: Option<u16>,
    r: &mut Report,
) {
    if errors::is_error_response(map) {
        r.findings.push(errors::error_response(map, expect, status));
        return;
    }
    let has_token = map.get("access_token").is_some_and(|v| !v.is_null());
    if !has_token {
        if paste::looks_like_claims(map) {
            r.findings.push(paste::decoded_claims(false));
            r.token = Some(DecodedToken {
                header: Vec::new(),
                claims: jwt::claim_rows(map, now),
            });
            return;
        }
        if map.contains_key("alg") && (map.contains_key("typ") || map.contains_key("kid")) {
            r.findings.push(paste::decoded_claims(true));
            r.token = Some(DecodedToken {
                header: jwt::header_rows(map),
                claims: Vec::new(),
            });
            return;
        }
        let response_like = [
            "token_type",
            "expires_in",
            "scope",
            "refresh_token",
            "id_token",
        ]
        .iter()
        .any(|k| map.get(*k).is_some_and(|v| !v.is_null()));
        if !response_like {
            r.findings
                .push(paste::not_token_response(&Value::Object(map.clone())));
            return;
        }
    }
    let provider = expect.provider;
    let members = success::check(map, provider, &mut r.findings);
    if let Some(tok) = members.access_token {
        let from = token::FromResponse {
            expires_in: members.expires_in,
            scope: members.scope,
        };
        token::analyse(tok, expect, now, from, r);
    }
}
