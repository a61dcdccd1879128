//! The access token itself: stray characters, redaction, its shape (opaque, encrypted, JWT), the
//! decoded header and claims, the algorithm, the claim checks and the pending signature.

use serde_json::Value;

use super::claims::{self, TokenCtx};
use super::jwt::{self, Shape};
use super::text;
use super::Expectations;
use crate::core::provider::Provider;
use crate::core::report::{DecodedToken, Finding, Report, Status};

/// What the response said besides the token.
#[derive(Clone, Copy, Default)]
pub(crate) struct FromResponse<'a> {
    pub expires_in: Option<i64>,
    pub scope: Option<&'a str>,
}

/// Characters that cannot be part of a token as sent in an HTTP header.
fn stray(c: char) -> bool {
    c.is_whitespace() || text::is_invisible(c) || c.is_control() || !c.is_ascii()
}

fn redaction(token: &str) -> Option<&'static str> {
    if token.contains("...") {
        Some("`...`")
    } else if token.contains('…') {
        Some("`…`")
    } else if token.contains("***") {
        Some("`***`")
    } else if text::contains_ci(token, "redacted") {
        Some("REDACTED")
    } else if token.contains(".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lI") {
        // `{"sub":"1234567890","name":"John Doe",…`
        Some("jwt.io's example token, for John Doe,")
    } else if token.starts_with('<') && token.ends_with('>') {
        Some("a placeholder in angle brackets")
    } else if token.len() <= 40 && {
        let l = token.to_ascii_lowercase();
        ["token", "your", "placeholder", "example", "hidden", "dummy"]
            .iter()
            .any(|w| l.contains(w))
            || matches!(l.as_str(), "abc123" | "test" | "secret" | "sample")
    } {
        Some("a placeholder word")
    } else if token.split('.').any(|part| {
        // `xxxxx`, or `eyJ….xxx.yyy`: x, y or z repeated where a part belongs.
        let mut b = part.bytes();
        let first = b.next();
        part.len() >= 3
            && first.is_some_and(|f| b"xyzXYZ".contains(&f))
            && b.all(|c| Some(c) == first)
    }) {
        Some("x, y or z repeated in place of the token")
    } else {
        None
    }
}

pub(crate) fn analyse(
    raw: &str,
    expect: &Expectations,
    now: i64,
    resp: FromResponse,
    r: &mut Report,
) {
    if let Some(what) = redaction(raw) {
        r.findings.push(
            Finding::new(
                "token_redacted",
                Status::Fail,
                "The whole token",
                format!(
                    "The access token is shortened or replaced ({} in {}), so there is nothing to \
                     decode or verify.",
                    what,
                    text::quote(raw, 40)
                ),
            )
            .with_fix(
                "Paste the complete token response, with the whole token. It is safe here: the check \
                 runs in your browser and nothing you paste is sent anywhere.",
            ),
        );
        return;
    }

    // Stray characters: report them, then read the token without them (said so).
    let mut first_stray = None;
    let mut count = 0usize;
    for (n, c) in raw.chars().enumerate() {
        if stray(c) {
            count += 1;
            if first_stray.is_none() {
                first_stray = Some((n + 1, c));
            }
        }
    }
    let cleaned: String;
    let token: &str = if let Some((n, c)) = first_stray {
        cleaned = raw.chars().filter(|c| !stray(*c)).collect();
        r.findings.push(
            Finding::new(
                "token_chars",
                Status::Fail,
                "Characters that do not belong in a token",
                format!(
                    "Character {} of the access token is {}{}. Tokens are plain ASCII without spaces, \
                     so the token as pasted would be rejected. It is read below without {}.",
                    n,
                    text::describe_char(c),
                    if count > 1 { format!(" ({} such characters in all)", count) } else { String::new() },
                    if count > 1 { "them" } else { "it" }
                ),
            )
            .with_fix(
                "Copy the response again straight from the terminal; invisible characters and line \
                 breaks come from copying through a web page, chat, document or a wrapped terminal.",
            )
            .with_reference("RFC 6750 §2.1"),
        );
        &cleaned
    } else {
        raw
    };

    let provider = expect.provider;
    match jwt::shape(token) {
        Shape::ThreeParts => three_parts(token, expect, now, resp, r),
        Shape::DirectJwe => {
            let header = token
                .split('.')
                .next()
                .and_then(|h| jwt::decode_json_part(h, "the header").ok());
            let auth0 = matches!(provider, Provider::Auth0 | Provider::Generic)
                || header
                    .as_ref()
                    .and_then(|h| h.get("iss"))
                    .and_then(Value::as_str)
                    .is_some_and(|i| i.contains("auth0"));
            if let Some(h) = &header {
                r.token = Some(DecodedToken {
                    header: jwt::header_rows(h),
                    claims: Vec::new(),
                });
            }
            let f = if auth0 {
                Finding::new(
                    "token_format",
                    Status::Fail,
                    "Token format (JWT)",
                    "The access token has five parts with an empty second one (`xxx..yyy.zzz.www`). That \
                     is the opaque token Auth0 issues when no API audience was applied to the request: \
                     it is not a token for your API, and it cannot be inspected.",
                )
                .with_fix(
                    "Send `audience=<your API identifier>` in the token request (the Identifier from \
                     Applications → APIs → your API) and paste the new response. Setting the tenant's \
                     Default Audience (the tenant's Settings → General → API Authorization Settings) works too, but \
                     is not always applied to client credentials.",
                )
                .with_reference("Auth0: access tokens")
            } else {
                Finding::new(
                    "token_format",
                    Status::Warn,
                    "Token format (JWT)",
                    "The access token is an encrypted JWT (JWE, five parts, direct encryption): only \
                     the server and the API can read it, so this exercise cannot inspect it.",
                )
                .with_fix("Configure the API to receive signed (not encrypted) JWT access tokens for this exercise.")
                .with_reference("RFC 7516")
            };
            r.findings.push(f);
        }
        Shape::Jwe => {
            if let Some(h) = token
                .split('.')
                .next()
                .and_then(|h| jwt::decode_json_part(h, "the header").ok())
            {
                r.token = Some(DecodedToken {
                    header: jwt::header_rows(&h),
                    claims: Vec::new(),
                });
            }
            let fix = if provider == Provider::Auth0 {
                "For this exercise, turn off token encryption in the API's settings (Applications → \
                 APIs → your API) and request a new token."
            } else {
                "For this exercise, configure the API to receive signed (not encrypted) JWT access tokens."
            };
            r.findings.push(
                Finding::new(
                    "token_format",
                    Status::Warn,
                    "Token format (JWT)",
                    "The access token is an encrypted JWT (JWE, five parts): the API encrypts its \
                     tokens, so only the API can read it and this exercise cannot inspect it. The \
                     response itself is fine.",
                )
                .with_fix(fix)
                .with_reference("RFC 7516"),
            );
        }
        Shape::Opaque(parts) if token.starts_with("eyJ") => r.findings.push(cut_jwt(token, parts)),
        Shape::Opaque(parts) => r.findings.push(opaque(token, parts, provider)),
    }
}

/// How to copy a long token without cutting it.
const COPY_WHOLE_FIX: &str = "Copy the whole response again. Long tokens are easy to cut when \
    selecting in a terminal: save the response with `curl … -o response.json` and copy from the \
    file, or pipe it through `jq .`.";

/// A signature too short for its algorithm, whatever the key: the token lost its end. (`none`
/// has no signature by design and is refused with its own explanation later.)
fn cut_signature(alg: &str, len: usize) -> Option<String> {
    let ec =
        match alg {
            "none" => return None,
            _ if len == 0 => return Some(
                "The signature part (part 3) is empty: the token ends right after its second dot."
                    .to_string(),
            ),
            "ES256" => 64,
            "ES384" => 96,
            "ES512" => 132,
            _ if (alg.starts_with("RS") || alg.starts_with("PS")) && len < 128 => {
                return Some(format!(
                "An {} signature is as long as the key (256 bytes for the usual 2048-bit key), but \
                 this one is {} bytes.",
                text::quote(alg, 10),
                len
            ))
            }
            _ => return None,
        };
    (len != ec).then(|| {
        format!(
            "An {} signature is always {} bytes, but this one is {}.",
            text::quote(alg, 10),
            ec,
            len
        )
    })
}

/// `eyJ` is how `{"` starts in base64url: a JWT's header. With other than three (or five) parts,
/// the token was cut or damaged on its way to the paste.
fn cut_jwt(token: &str, parts: usize) -> Finding {
    let tail: String = {
        let n = token.chars().count();
        token.chars().skip(n.saturating_sub(12)).collect()
    };
    Finding::new(
        "token_format",
        Status::Fail,
        "Token format (JWT)",
        format!(
            "The access token starts like a JWT (`eyJ`, the encoded `{{\"` of its header) but has {} \
             instead of three: it was cut off or damaged when it was copied. It ends with {}.",
            text::plural(parts, "dot-separated part", "dot-separated parts"),
            text::quote(&tail, 12)
        ),
    )
    .with_fix(COPY_WHOLE_FIX)
    .with_reference("RFC 7519 §7.2")
}

fn opaque(token: &str, parts: usize, provider: Provider) -> Finding {
    let (what, fix) = if token.starts_with("ory_at_") || provider == Provider::Hydra {
        (
            "an opaque token from Ory Hydra (`ory_at_…`), Hydra's default",
            "To inspect it here, configure Hydra to issue JWT access tokens (`strategies.access_token: jwt`) and request a new one.",
        )
    } else if token.starts_with("ya29.") {
        (
            "a Google access token (`ya29.…`), which is always opaque",
            "Google's tokens cannot be inspected; use a server that issues JWT access tokens for this exercise.",
        )
    } else if provider == Provider::Auth0 {
        (
            "an opaque token, which Auth0 issues when the request names no API",
            "Send `audience=<your API identifier>` in the token request and paste the new response.",
        )
    } else {
        (
            "an opaque token: only the server can tell what it stands for (token introspection, RFC 7662)",
            "To inspect it here, configure your server or API to issue JWT access tokens (RFC 9068) and request a new one.",
        )
    };
    Finding::new(
        "token_format",
        Status::Warn,
        "Token format (JWT)",
        format!(
            "The access token ({} {}) is {}. That is a valid OAuth response, but this exercise checks \
             whom a token was issued to and for which API by reading a JWT, so it cannot go further.",
            parts,
            if parts == 1 { "part" } else { "dot-separated parts" },
            what
        ),
    )
    .with_fix(fix)
    .with_reference("RFC 6749 §1.4")
}

fn three_parts(token: &str, expect: &Expectations, now: i64, resp: FromResponse, r: &mut Report) {
    let decoded = jwt::decode_jws(token);
    let jws = match decoded {
        Ok(j) => j,
        Err((header, problem)) => {
            // A token that does not even start like a JWT is an opaque token with two dots.
            if header.is_none() && !token.starts_with("eyJ") {
                r.findings.push(opaque(token, 3, expect.provider));
                return;
            }
            if let Some(h) = &header {
                r.token = Some(DecodedToken {
                    header: jwt::header_rows(h),
                    claims: Vec::new(),
                });
            }
            r.findings.push(
                Finding::new(
                    "token_format",
                    Status::Pass,
                    "Token format (JWT)",
                    "A JWT: three dot-separated parts (header, claims, signature).",
                )
                .with_reference("RFC 7519"),
            );
            r.findings.push(
                Finding::new(
                    "jwt_decode",
                    Status::Fail,
                    "Readable header and claims",
                    format!("The token looks like a JWT, but {}.", problem),
                )
                .with_fix(
                    "Copy the response again without editing it: a JWT changed by a single character \
                     cannot be read or verified.",
                )
                .with_reference("RFC 7515 §7.1"),
            );
            r.findings.push(Finding::new(
                "signature",
                Status::Skip,
                "Signature",
                "Cannot be checked: the token could not be decoded.",
            ));
            return;
        }
    };

    r.token = Some(DecodedToken {
        header: jwt::header_rows(&jws.header),
        claims: jwt::claim_rows(&jws.claims, now),
    });
    r.findings.push(
        Finding::new(
            "token_format",
            Status::Pass,
            "Token format (JWT)",
            "A signed JWT (three base64url parts: header, claims, signature); its header and claims are \
             decoded below.",
        )
        .with_reference("RFC 7519"),
    );
    if let Err(problem) = &jws.signature {
        r.findings.push(
            Finding::new(
                "jwt_decode",
                Status::Fail,
                "Readable header and claims",
                format!("The header and claims decode, but {}.", problem),
            )
            .with_fix("Copy the response again without editing it.")
            .with_reference("RFC 7515 §7.1"),
        );
    }
    r.findings.push(algorithm(&jws.header));

    let provider = claims::effective_provider(expect.provider, &jws.header, &jws.claims);
    let ctx = TokenCtx {
        header: &jws.header,
        claims: &jws.claims,
        expect,
        now,
        provider,
        expires_in: resp.expires_in,
        scope: resp.scope,
    };
    claims::check(&ctx, &mut r.findings);

    r.signature = jwt::signature_input(&jws);
    let cut = r
        .signature
        .as_ref()
        .and_then(|s| cut_signature(&s.alg, s.signature.len()));
    if let Some(reason) = cut {
        r.signature = None;
        r.findings.push(
            Finding::new(
                "signature",
                Status::Fail,
                "Signature",
                format!(
                    "{reason} The token was cut off or changed when it was copied, so it cannot be \
                     verified."
                ),
            )
            .with_fix(COPY_WHOLE_FIX)
            .with_reference("RFC 7515 §5.2"),
        );
        return;
    }
    r.findings.push(if r.signature.is_some() {
        Finding::new(
            "signature",
            Status::Pending,
            "Signature",
            "Not checked yet: it is verified with your server's public keys (its JWKS), which are \
             fetched from the issuer.",
        )
        .with_reference("RFC 7515 §5.2")
    } else {
        Finding::new(
            "signature",
            Status::Fail,
            "Signature",
            "The signature part cannot be decoded, so the token cannot be verified.",
        )
        .with_fix("Copy the response again without editing it.")
        .with_reference("RFC 7515 §5.2")
    });
}

fn algorithm(header: &serde_json::Map<String, Value>) -> Finding {
    const TITLE: &str = "Signing algorithm (alg)";
    let f = match header.get("alg") {
        Some(Value::String(alg)) => match alg.as_str() {
            "RS256" | "RS384" | "RS512" | "PS256" | "PS384" | "PS512" | "ES256" | "ES384" | "ES512" | "EdDSA" | "Ed25519" => {
                Finding::new(
                    "alg",
                    Status::Pass,
                    TITLE,
                    format!(
                        "{}: {}. The server signs with its private key; anyone can verify with the \
                         public key it publishes.",
                        text::quote(alg, 20),
                        jwt::alg_meaning(alg).unwrap_or("")
                    ),
                )
            }
            a if a.eq_ignore_ascii_case("none") => Finding::new(
                "alg",
                Status::Fail,
                TITLE,
                format!(
                    "{}: the token is not signed at all, so anyone could have written it. Such tokens \
                     are never accepted.",
                    text::quote(alg, 20)
                ),
            )
            .with_fix("Configure the server to sign its tokens (RS256), and request a new token."),
            "HS256" | "HS384" | "HS512" => Finding::new(
                "alg",
                Status::Warn,
                TITLE,
                format!(
                    "{}: an HMAC with a secret shared by the server and the API. It cannot be checked \
                     here without that secret, and it is a red flag where an RS256 issuer is expected.",
                    text::quote(alg, 20)
                ),
            )
            .with_fix("Set the API's signing algorithm to RS256 (on Auth0: Applications → APIs → your API → Settings) and request a new token."),
            other => Finding::new(
                "alg",
                Status::Warn,
                TITLE,
                format!("{} is not an algorithm this exercise can verify.", text::quote(other, 40)),
            ),
        },
        _ => Finding::new(
            "alg",
            Status::Fail,
            TITLE,
            "The header has no alg, so nobody can tell how the token was signed.",
        )
        .with_fix(claims::NOT_STANDARD_FIX),
    };
    f.with_reference("RFC 8725 §3.1")
}
