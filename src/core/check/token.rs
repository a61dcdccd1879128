//! The access token itself: redaction, stray characters, its shape (opaque, encrypted, JWT), the
//! decoded header and claims, the algorithm, the claim checks and the pending signature.

use serde_json::{Map, Value};

use super::claims::{self, TokenCtx};
use super::jwt::{self, Jws, Shape};
use super::text;
use super::Expectations;
use crate::core::provider::Provider;
use crate::core::report::{DecodedToken, Finding, Report, Status};
use crate::core::rule::{fill, Rule};
use crate::core::signature::SIGNATURE;

/// What the response said besides the token.
#[derive(Clone, Copy, Default)]
pub(crate) struct FromResponse<'a> {
    pub expires_in: Option<i64>,
    pub scope: Option<&'a str>,
}

/// How to copy a long token without cutting it.
const COPY_WHOLE_FIX: &str = "Copy the whole response again. \
    Long tokens are easy to cut when selecting in a terminal: save the response with `curl … -o response.json` and copy from the file, or pipe it through `jq .`.";

/// Reads the token and adds every finding about it to the report.
pub(crate) fn analyse(
    raw: &str,
    expect: &Expectations,
    now: i64,
    resp: FromResponse,
    r: &mut Report,
) {
    if let Some(what) = redaction(raw) {
        r.findings
            .push(REDACTED.with(&[("what", what), ("token", &text::quote(raw, 40))]));
        return;
    }
    // Stray characters: reported, then the token is read without them (said so).
    let cleaned = without_stray(raw, r);
    let token = cleaned.as_deref().unwrap_or(raw);
    let provider = expect.provider;
    match jwt::shape(token) {
        Shape::ThreeParts => three_parts(token, expect, now, resp, r),
        Shape::DirectJwe => direct_jwe(token, provider, r),
        Shape::Jwe => jwe(token, provider, r),
        Shape::Opaque(parts) if token.starts_with("eyJ") => r.findings.push(cut_jwt(token, parts)),
        Shape::Opaque(parts) => r.findings.push(opaque(token, parts, expect)),
    }
}

// ---------------------------------------------------------------------------------------------
// A stand-in instead of the token, and characters that do not belong in one

static REDACTED: Rule = Rule {
    key: "token.redacted",
    check: "token_redacted",
    status: Status::Fail,
    title: "The whole token",
    detail: "The access token is shortened or replaced ({what} in {token}), so there is nothing to decode or verify.",
    fix: "Paste the complete token response, with the whole token. \
          It is safe here: the check runs in your browser and nothing you paste is sent anywhere.",
    headline: "The access token is shortened; paste it whole",
    ..Rule::BLANK
};

/// What stands in for the token, when something does.
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
    } else if placeholder_word(token) {
        Some("a placeholder word")
    } else if repeated_letters(token) {
        Some("x, y or z repeated in place of the token")
    } else {
        None
    }
}

fn placeholder_word(token: &str) -> bool {
    let l = token.to_ascii_lowercase();
    token.len() <= 40
        && (["token", "your", "placeholder", "example", "hidden", "dummy"]
            .iter()
            .any(|w| l.contains(w))
            || matches!(l.as_str(), "abc123" | "test" | "secret" | "sample"))
}

/// `xxxxx`, or `eyJ….xxx.yyy`: x, y or z repeated where a part belongs.
fn repeated_letters(token: &str) -> bool {
    token.split('.').any(|part| {
        let mut b = part.bytes();
        let first = b.next();
        part.len() >= 3
            && first.is_some_and(|f| b"xyzXYZ".contains(&f))
            && b.all(|c| Some(c) == first)
    })
}

static STRAY_CHARACTERS: Rule = Rule {
    key: "token.stray_characters",
    check: "token_chars",
    status: Status::Fail,
    title: "Characters that do not belong in a token",
    detail: "Character {position} of the access token is {char}{count}. \
             Tokens are plain ASCII without spaces, so the token as pasted would be rejected. \
             It is read below without {them}.",
    fix: "Copy the response again straight from the terminal; invisible characters and line breaks come from copying through a web page, chat, document or a wrapped terminal.",
    reference: "RFC 6750 §2.1",
    headline: "The access token contains characters that do not belong in it",
};
const IN_ALL: &str = " ({count} such characters in all)";

/// Characters that cannot be part of a token as sent in an HTTP header.
fn stray(c: char) -> bool {
    c.is_whitespace() || text::is_invisible(c) || c.is_control() || !c.is_ascii()
}

/// The token without stray characters, when it had any (and the finding that says so).
fn without_stray(raw: &str, r: &mut Report) -> Option<String> {
    let (n, c) = raw
        .chars()
        .enumerate()
        .find(|(_, c)| stray(*c))
        .map(|(n, c)| (n + 1, c))?;
    let count = raw.chars().filter(|c| stray(*c)).count();
    let in_all = if count > 1 {
        fill(IN_ALL, &[("count", &count.to_string())])
    } else {
        String::new()
    };
    r.findings.push(STRAY_CHARACTERS.with(&[
        ("position", &n.to_string()),
        ("char", &text::describe_char(c)),
        ("count", &in_all),
        ("them", if count > 1 { "them" } else { "it" }),
    ]));
    Some(raw.chars().filter(|c| !stray(*c)).collect())
}

// ---------------------------------------------------------------------------------------------
// The token's shape

const FORMAT: Rule = Rule {
    check: "token_format",
    status: Status::Warn,
    title: "Token format (JWT)",
    ..Rule::BLANK
};
static AUTH0_NO_AUDIENCE: Rule = Rule {
    key: "token.format.auth0_no_audience",
    status: Status::Fail,
    detail: "The access token has five parts with an empty second one (`xxx..yyy.zzz.www`). \
             That is the opaque token Auth0 issues when no API audience was applied to the request: it is not a token for your API, and it cannot be inspected.",
    fix: "Send `audience=<your API identifier>` in the token request (the Identifier from {auth0_apis} → your API) and paste the new response. \
          Setting the tenant's Default Audience ({auth0_default_audience}) works too, but is not always applied to client credentials.",
    reference: "Auth0: access tokens",
    headline: "Auth0 gave a token for no API: send your API's Identifier as the audience",
    ..FORMAT
};
static JWE_DIRECT: Rule = Rule {
    key: "token.format.jwe_direct",
    detail: "The access token is an encrypted JWT (JWE, five parts, direct encryption): only the server and the API can read it, so this exercise cannot inspect it.",
    fix: "Configure the API to receive signed (not encrypted) JWT access tokens for this exercise.",
    reference: "RFC 7516",
    ..FORMAT
};
static JWE: Rule = Rule {
    key: "token.format.jwe",
    detail: "The access token is an encrypted JWT (JWE, five parts): the API encrypts its tokens, so only the API can read it and this exercise cannot inspect it. \
             The response itself is fine.",
    fix: "For this exercise, configure the API to receive signed (not encrypted) JWT access tokens.",
    reference: "RFC 7516",
    ..FORMAT
};
static JWE_AUTH0: Rule = Rule {
    key: "token.format.jwe_auth0",
    fix: "For this exercise, turn off token encryption in the API's settings ({auth0_apis} → your API) and request a new token.",
    ..JWE
};

/// The header of an encrypted token, shown when it decodes.
fn jwe_header(token: &str) -> Option<Map<String, Value>> {
    token
        .split('.')
        .next()
        .and_then(|h| jwt::decode_json_part(h, "the header").ok())
}

fn show_header(header: &Map<String, Value>, r: &mut Report) {
    r.token = Some(DecodedToken {
        header: jwt::header_rows(header),
        claims: Vec::new(),
    });
}

/// Five parts with an empty second one: Auth0's opaque token without an audience, or a JWE with
/// direct encryption.
fn direct_jwe(token: &str, provider: Provider, r: &mut Report) {
    let header = jwe_header(token);
    let auth0 = matches!(provider, Provider::Auth0 | Provider::Generic)
        || header
            .as_ref()
            .and_then(|h| h.get("iss"))
            .and_then(Value::as_str)
            .is_some_and(|i| i.contains("auth0"));
    if let Some(h) = &header {
        show_header(h, r);
    }
    let rule = if auth0 {
        &AUTH0_NO_AUDIENCE
    } else {
        &JWE_DIRECT
    };
    r.findings.push(rule.finding());
}

fn jwe(token: &str, provider: Provider, r: &mut Report) {
    if let Some(h) = jwe_header(token) {
        show_header(&h, r);
    }
    let rule = if provider == Provider::Auth0 {
        &JWE_AUTH0
    } else {
        &JWE
    };
    r.findings.push(rule.finding());
}

static CUT_JWT: Rule = Rule {
    key: "token.format.cut_jwt",
    status: Status::Fail,
    detail: "The access token starts like a JWT (`eyJ`, the encoded `{\"` of its header) but has {parts} instead of three: it was cut off or damaged when it was copied. \
             It ends with {tail}.",
    fix: COPY_WHOLE_FIX,
    reference: "RFC 7519 §7.2",
    headline: "The access token was cut off while it was copied; paste it whole",
    ..FORMAT
};

/// `eyJ` is how `{"` starts in base64url: a JWT's header. With other than three (or five) parts,
/// the token was cut or damaged on its way to the paste.
fn cut_jwt(token: &str, parts: usize) -> Finding {
    let n = token.chars().count();
    let tail: String = token.chars().skip(n.saturating_sub(12)).collect();
    let parts = text::plural(parts, "dot-separated part", "dot-separated parts");
    CUT_JWT.with(&[("parts", &parts), ("tail", &text::quote(&tail, 12))])
}

const OPAQUE: Rule = Rule {
    reference: "RFC 6749 §1.4",
    ..FORMAT
};
static OPAQUE_HYDRA: Rule = Rule {
    key: "token.format.opaque_hydra",
    detail: "The access token ({parts}) is an opaque token from Ory Hydra (`ory_at_…`), Hydra's default. \
             {opaque_limit}",
    fix: "To inspect it here, configure Hydra to issue JWT access tokens (`strategies.access_token: jwt`) and request a new one.",
    ..OPAQUE
};
static OPAQUE_GOOGLE: Rule = Rule {
    key: "token.format.opaque_google",
    detail: "The access token ({parts}) is a Google access token (`ya29.…`), which is always opaque. \
             {opaque_limit}",
    fix: "Google's tokens cannot be inspected; use a server that issues JWT access tokens for this exercise.",
    ..OPAQUE
};
static OPAQUE_AUTH0: Rule = Rule {
    key: "token.format.opaque_auth0",
    detail: "The access token ({parts}) is an opaque token, which Auth0 issues when the request names no API. \
             {opaque_limit}",
    fix: "Send `audience=<your API identifier>` in the token request and paste the new response.",
    ..OPAQUE
};
static OPAQUE_NO_AUDIENCE: Rule = Rule {
    key: "token.format.opaque_no_audience",
    detail: "The access token ({parts}) is an opaque token, and no audience was entered above, so the request most likely named no API. \
             Many servers (Auth0, oidc-provider and others) issue an opaque token when the request does not say which API it is for. \
             {opaque_limit}",
    fix: "Enter your API's identifier as the Audience above and run the new command: it sends `audience=<your API identifier>` (servers that follow RFC 8707 call it `resource`). \
          Then paste the new response.",
    reference: "RFC 8707 §2",
    ..OPAQUE
};
static OPAQUE_OTHER: Rule = Rule {
    key: "token.format.opaque",
    detail: "The access token ({parts}) is an opaque token: only the server can tell what it stands for (token introspection, RFC 7662). \
             {opaque_limit}",
    fix: "To inspect it here, configure your server or API to issue JWT access tokens (RFC 9068) and request a new one.",
    ..OPAQUE
};

fn opaque(token: &str, parts: usize, expect: &Expectations) -> Finding {
    let provider = expect.provider;
    let rule = if token.starts_with("ory_at_") || provider == Provider::Hydra {
        &OPAQUE_HYDRA
    } else if token.starts_with("ya29.") {
        &OPAQUE_GOOGLE
    } else if provider == Provider::Auth0 {
        &OPAQUE_AUTH0
    } else if expect.audience.trim().is_empty() {
        &OPAQUE_NO_AUDIENCE
    } else {
        &OPAQUE_OTHER
    };
    let unit = if parts == 1 {
        "part"
    } else {
        "dot-separated parts"
    };
    rule.with(&[("parts", &format!("{parts} {unit}"))])
}

// ---------------------------------------------------------------------------------------------
// Three parts: a JWS, decoded

static JWT: Rule = Rule {
    key: "token.format.jwt",
    status: Status::Pass,
    detail: "A signed JWT (three base64url parts: header, claims, signature); its header and claims are decoded below.",
    reference: "RFC 7519",
    ..FORMAT
};
static JWT_SHAPED: Rule = Rule {
    key: "token.format.jwt_shaped",
    status: Status::Pass,
    detail: "A JWT: three dot-separated parts (header, claims, signature).",
    reference: "RFC 7519",
    ..FORMAT
};

const DECODE: Rule = Rule {
    check: "jwt_decode",
    status: Status::Fail,
    title: "Readable header and claims",
    fix: "Copy the response again without editing it.",
    reference: "RFC 7515 §7.1",
    headline: "The access token looks like a JWT but cannot be decoded",
    ..Rule::BLANK
};
static UNDECODABLE: Rule = Rule {
    key: "token.jwt.undecodable",
    detail: "The token looks like a JWT, but {problem}.",
    fix: "Copy the response again without editing it: a JWT changed by a single character cannot be read or verified.",
    ..DECODE
};
static SIGNATURE_UNDECODABLE: Rule = Rule {
    key: "token.jwt.signature_undecodable",
    detail: "The header and claims decode, but {problem}.",
    ..DECODE
};

static SIGNATURE_NOT_CHECKABLE: Rule = Rule {
    key: "signature.token_undecodable",
    status: Status::Skip,
    detail: "Cannot be checked: the token could not be decoded.",
    reference: "",
    headline: "",
    ..SIGNATURE
};
static SIGNATURE_CUT: Rule = Rule {
    key: "signature.cut",
    status: Status::Fail,
    detail:
        "{reason} The token was cut off or changed when it was copied, so it cannot be verified.",
    fix: COPY_WHOLE_FIX,
    ..SIGNATURE
};
const EMPTY_SIGNATURE: &str =
    "The signature part (part 3) is empty: the token ends right after its second dot.";
const RSA_TOO_SHORT: &str = "An {alg} signature is as long as the key (256 bytes for the usual 2048-bit key), but this one is {length} bytes.";
const EC_LENGTH: &str = "An {alg} signature is always {expected} bytes, but this one is {length}.";
static SIGNATURE_PENDING: Rule = Rule {
    key: "signature.pending",
    status: Status::Pending,
    detail: "Not checked yet: it is verified with your server's public keys (its JWKS), which are fetched from the issuer.",
    ..SIGNATURE
};
static SIGNATURE_UNREADABLE: Rule = Rule {
    key: "signature.unreadable",
    status: Status::Fail,
    detail: "The signature part cannot be decoded, so the token cannot be verified.",
    fix: "Copy the response again without editing it.",
    ..SIGNATURE
};

/// A signature too short for its algorithm, whatever the key: the token lost its end. (`none`
/// has no signature by design and is refused with its own explanation later.)
fn cut_signature(alg: &str, len: usize) -> Option<String> {
    let length = len.to_string();
    let alg_q = text::quote(alg, 10);
    let expected = match alg {
        "none" => return None,
        _ if len == 0 => return Some(EMPTY_SIGNATURE.to_string()),
        "ES256" => 64,
        "ES384" => 96,
        "ES512" => 132,
        _ if (alg.starts_with("RS") || alg.starts_with("PS")) && len < 128 => {
            return Some(fill(RSA_TOO_SHORT, &[("alg", &alg_q), ("length", &length)]));
        }
        _ => return None,
    };
    (len != expected).then(|| {
        let expected = expected.to_string();
        fill(
            EC_LENGTH,
            &[
                ("alg", &alg_q),
                ("expected", &expected),
                ("length", &length),
            ],
        )
    })
}

/// A token that does not decode: said where, and the header shown when it decodes.
fn undecodable(
    token: &str,
    header: Option<Map<String, Value>>,
    problem: &str,
    expect: &Expectations,
    r: &mut Report,
) {
    // A token that does not even start like a JWT is an opaque token with two dots.
    if header.is_none() && !token.starts_with("eyJ") {
        r.findings.push(opaque(token, 3, expect));
        return;
    }
    if let Some(h) = &header {
        show_header(h, r);
    }
    r.findings.push(JWT_SHAPED.finding());
    r.findings.push(UNDECODABLE.with(&[("problem", problem)]));
    r.findings.push(SIGNATURE_NOT_CHECKABLE.finding());
}

fn three_parts(token: &str, expect: &Expectations, now: i64, resp: FromResponse, r: &mut Report) {
    let jws = match jwt::decode_jws(token) {
        Ok(j) => j,
        Err((header, problem)) => return undecodable(token, header, &problem, expect, r),
    };
    r.token = Some(DecodedToken {
        header: jwt::header_rows(&jws.header),
        claims: jwt::claim_rows(&jws.claims, now),
    });
    r.findings.push(JWT.finding());
    if let Err(problem) = &jws.signature {
        r.findings
            .push(SIGNATURE_UNDECODABLE.with(&[("problem", problem)]));
    }
    r.findings.push(algorithm(&jws.header));
    let ctx = TokenCtx {
        header: &jws.header,
        claims: &jws.claims,
        expect,
        now,
        provider: claims::effective_provider(expect.provider, &jws.header, &jws.claims),
        expires_in: resp.expires_in,
        scope: resp.scope,
    };
    claims::check(&ctx, &mut r.findings);
    signature(&jws, r);
}

/// The signature: pending until the browser checks it, unless it is plainly cut or unreadable.
fn signature(jws: &Jws, r: &mut Report) {
    r.signature = jwt::signature_input(jws);
    let cut = r
        .signature
        .as_ref()
        .and_then(|s| cut_signature(&s.alg, s.signature.len()));
    if let Some(reason) = cut {
        r.signature = None;
        r.findings.push(SIGNATURE_CUT.with(&[("reason", &reason)]));
        return;
    }
    r.findings.push(if r.signature.is_some() {
        SIGNATURE_PENDING.finding()
    } else {
        SIGNATURE_UNREADABLE.finding()
    });
}

// ---------------------------------------------------------------------------------------------
// The algorithm

const ALG: Rule = Rule {
    check: "alg",
    status: Status::Fail,
    title: "Signing algorithm (alg)",
    reference: "RFC 8725 §3.1",
    headline: "The token's signing algorithm is not acceptable",
    ..Rule::BLANK
};
static ALG_ASYMMETRIC: Rule = Rule {
    key: "token.alg.asymmetric",
    status: Status::Pass,
    detail: "{alg}: {meaning}. \
             The server signs with its private key; anyone can verify with the public key it publishes.",
    ..ALG
};
static ALG_NONE: Rule = Rule {
    key: "token.alg.none",
    detail: "{alg}: the token is not signed at all, so anyone could have written it. \
             Such tokens are never accepted.",
    fix: "Configure the server to sign its tokens (RS256), and request a new token.",
    ..ALG
};
/// An HMAC-signed token: it cannot be checked here (the verdict's headline says so too).
pub(crate) static ALG_HMAC: Rule = Rule {
    key: "token.alg.hmac",
    status: Status::Warn,
    detail: "{alg}: an HMAC with a secret shared by the server and the API. \
             It cannot be checked here without that secret, and it is a red flag where an RS256 issuer is expected.",
    fix: "Set the API's signing algorithm to RS256 (on Auth0: {auth0_api_settings}) and request a new token.",
    ..ALG
};
static ALG_UNKNOWN: Rule = Rule {
    key: "token.alg.unknown",
    status: Status::Warn,
    detail: "{alg} is not an algorithm this exercise can verify.",
    ..ALG
};
static ALG_MISSING: Rule = Rule {
    key: "token.alg.missing",
    detail: "The header has no alg, so nobody can tell how the token was signed.",
    fix: claims::NOT_STANDARD_FIX,
    ..ALG
};

const ASYMMETRIC: [&str; 11] = [
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA",
    "Ed25519",
];

fn algorithm(header: &Map<String, Value>) -> Finding {
    let Some(Value::String(alg)) = header.get("alg") else {
        return ALG_MISSING.finding();
    };
    let a = alg.as_str();
    if ASYMMETRIC.contains(&a) {
        let meaning = jwt::alg_meaning(a).unwrap_or("");
        ALG_ASYMMETRIC.with(&[("alg", &text::quote(a, 20)), ("meaning", meaning)])
    } else if a.eq_ignore_ascii_case("none") {
        ALG_NONE.with(&[("alg", &text::quote(a, 20))])
    } else if matches!(a, "HS256" | "HS384" | "HS512") {
        ALG_HMAC.with(&[("alg", &text::quote(a, 20))])
    } else {
        ALG_UNKNOWN.with(&[("alg", &text::quote(a, 40))])
    }
}

/// Every rule of this module, for the catalog (`crate::core::check::catalog`).
pub(crate) const RULES: &[&Rule] = &[
    &REDACTED,
    &STRAY_CHARACTERS,
    &AUTH0_NO_AUDIENCE,
    &JWE_DIRECT,
    &JWE,
    &JWE_AUTH0,
    &CUT_JWT,
    &OPAQUE_HYDRA,
    &OPAQUE_GOOGLE,
    &OPAQUE_AUTH0,
    &OPAQUE_NO_AUDIENCE,
    &OPAQUE_OTHER,
    &JWT,
    &JWT_SHAPED,
    &UNDECODABLE,
    &SIGNATURE_UNDECODABLE,
    &SIGNATURE_NOT_CHECKABLE,
    &SIGNATURE_CUT,
    &SIGNATURE_PENDING,
    &SIGNATURE_UNREADABLE,
    &ALG_ASYMMETRIC,
    &ALG_NONE,
    &ALG_HMAC,
    &ALG_UNKNOWN,
    &ALG_MISSING,
];
