//! Reading a token: its shape (JWS, JWE, Auth0's opaque form, other opaque tokens), decoding a
//! three-part JWS with located base64url and JSON errors, the decoded rows with plain-language
//! meanings, and what the browser needs to verify the signature.

use serde_json::{Map, Value};

use super::b64;
use super::text;
use super::time;
use crate::core::report::{ClaimRow, SignatureInput};

/// The shape of an access token, from its dot-separated parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Three parts: a signed JWT (or an opaque token that happens to have two dots).
    ThreeParts,
    /// Five parts with an empty second one: a JWE with direct encryption — Auth0's opaque token
    /// when no audience was applied.
    DirectJwe,
    /// Five non-empty parts: an encrypted JWT (JWE).
    Jwe,
    /// Anything else: an opaque token with this many parts.
    Opaque(usize),
}

pub(crate) fn shape(token: &str) -> Shape {
    let parts: Vec<&str> = token.split('.').collect();
    match parts.len() {
        3 => Shape::ThreeParts,
        5 if parts.get(1).is_some_and(|p| p.is_empty()) => Shape::DirectJwe,
        5 if parts.iter().all(|p| !p.is_empty()) => Shape::Jwe,
        n => Shape::Opaque(n),
    }
}

/// A part decoded to a JSON object, or a sentence saying precisely why not.
pub(crate) fn decode_json_part(part: &str, name: &str) -> Result<Map<String, Value>, String> {
    if part.is_empty() {
        return Err(format!("{} is empty", name));
    }
    let bytes = b64::decode(part).map_err(|e| b64::explain(name, &e))?;
    let s = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{} decodes to bytes that are not UTF-8 text (at decoded byte {}), so it is not JSON",
            name,
            e.utf8_error().valid_up_to() + 1
        )
    })?;
    match crate::core::value::parse(&s) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(format!(
            "{} decodes to JSON that is not an object: {}",
            name,
            text::quote(&s, 60)
        )),
        Err(e) => {
            let at = text::offset_of_line_col(&s, e.line(), e.column());
            let found = text::char_at(&s, at)
                .map(text::describe_char)
                .unwrap_or_else(|| "the end".to_string());
            Err(format!(
                "{} decodes to text that is not valid JSON: at character {} of the decoded text there is {} ({})",
                name,
                s.get(..at).unwrap_or("").chars().count() + 1,
                found,
                text::excerpt(&s, at, 20, 10)
            ))
        }
    }
}

/// A decoded three-part JWS.
pub(crate) struct Jws {
    pub header: Map<String, Value>,
    pub claims: Map<String, Value>,
    /// The decoded signature, or why it could not be decoded.
    pub signature: Result<Vec<u8>, String>,
    pub signing_input: String,
}

/// Decodes a three-part token. `Err` carries the header's or payload's problem; when the header
/// decodes but the payload does not, the header comes back too.
pub(crate) fn decode_jws(token: &str) -> Result<Jws, (Option<Map<String, Value>>, String)> {
    let mut parts = token.split('.');
    let h = parts.next().unwrap_or("");
    let p = parts.next().unwrap_or("");
    let s = parts.next().unwrap_or("");
    let header = decode_json_part(h, "the header (part 1)").map_err(|e| (None, e))?;
    let claims =
        decode_json_part(p, "the payload (part 2)").map_err(|e| (Some(header.clone()), e))?;
    let signature = if s.is_empty() {
        Ok(Vec::new())
    } else {
        b64::decode(s).map_err(|e| b64::explain("the signature (part 3)", &e))
    };
    let mut signing_input = String::with_capacity(h.len() + p.len() + 1);
    signing_input.push_str(h);
    signing_input.push('.');
    signing_input.push_str(p);
    Ok(Jws {
        header,
        claims,
        signature,
        signing_input,
    })
}

/// What the browser layer needs to check the signature.
pub(crate) fn signature_input(jws: &Jws) -> Option<SignatureInput> {
    let signature = jws.signature.as_ref().ok()?.clone();
    Some(SignatureInput {
        alg: jws
            .header
            .get("alg")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        kid: jws
            .header
            .get("kid")
            .and_then(Value::as_str)
            .map(str::to_string),
        signing_input: jws.signing_input.clone(),
        signature,
        iss: jws
            .claims
            .get("iss")
            .and_then(Value::as_str)
            .map(str::to_string),
    })
}

/// A plain-language name for a signing algorithm.
pub(crate) fn alg_meaning(alg: &str) -> Option<&'static str> {
    Some(match alg {
        "RS256" => "an RSA signature with SHA-256",
        "RS384" => "an RSA signature with SHA-384",
        "RS512" => "an RSA signature with SHA-512",
        "PS256" => "an RSA-PSS signature with SHA-256",
        "PS384" => "an RSA-PSS signature with SHA-384",
        "PS512" => "an RSA-PSS signature with SHA-512",
        "ES256" => "an ECDSA signature on the P-256 curve with SHA-256",
        "ES384" => "an ECDSA signature on the P-384 curve with SHA-384",
        "ES512" => "an ECDSA signature on the P-521 curve with SHA-512",
        "EdDSA" | "Ed25519" => "an Edwards-curve (EdDSA) signature",
        "HS256" | "HS384" | "HS512" => "an HMAC with a shared secret",
        "dir" => "direct encryption with a shared key",
        "none" => "no signature at all",
        _ => return None,
    })
}

fn header_meaning(name: &str, value: &Value) -> String {
    let s = match name {
        "alg" => {
            return match value.as_str().and_then(alg_meaning) {
                Some(m) => format!("Algorithm: {}", m),
                None => "Algorithm used to sign (or encrypt) the token".to_string(),
            }
        }
        "typ" => "Type: `JWT`, or `at+jwt` for an access token in the RFC 9068 format",
        "kid" => "Key ID: which of the server's published keys signed the token",
        "x5t" | "x5t#S256" => "Thumbprint of the certificate of the signing key",
        "enc" => "Content encryption: the token is encrypted",
        "cty" => "Content type of the payload",
        "iss" => "Issuer, repeated in the header of an encrypted token",
        "nonce" => "Entra ID: present on Microsoft Graph tokens, which only Microsoft can verify",
        "jku" | "x5u" => "Where keys can be found (a verifier must not trust it blindly)",
        "zip" => "Compression of the payload",
        _ => "",
    };
    s.to_string()
}

fn claim_meaning(name: &str) -> &'static str {
    match name {
        "iss" => "Issuer: the authorization server that created the token",
        "sub" => "Subject: whom the token is about; for client credentials, the application itself",
        "aud" => "Audience: the API (resource server) the token is meant for",
        "exp" => "Expires at",
        "iat" => "Issued at",
        "nbf" => "Not valid before",
        "auth_time" => "When a user signed in (only in tokens for a user)",
        "jti" => "Token ID: a unique identifier of this token",
        "azp" => "Authorized party: the application the token was issued to",
        "client_id" => "Client ID: the application the token was issued to (RFC 9068)",
        "gty" => "Auth0: how the token was obtained (the grant type)",
        "scope" => "Scopes: the permissions granted, separated by spaces",
        "scp" => "Scopes: the permissions granted",
        "permissions" => "Auth0: the API permissions granted (role-based access control)",
        "cid" => "Okta: the client ID of the application",
        "uid" => "Okta: the user's ID (only in tokens for a user)",
        "ver" => "Version of the token format",
        "appid" => "Entra ID v1: the ID of the application that got the token",
        "tid" => "Entra ID: the tenant (directory) ID",
        "oid" => "Entra ID: the object ID of the caller (here the application's service principal)",
        "idtyp" => "Entra ID: `app` for an application's own token, `user` for a user's",
        "roles" => "Application roles (permissions) granted to the caller",
        "token_use" => "Cognito: `access` for an access token",
        "username" | "cognito:username" => "Cognito: the user's name (only in tokens for a user)",
        "realm_access" | "resource_access" => "Keycloak: roles granted in the realm or per client",
        "preferred_username" => "Keycloak: `service-account-<client>` in a client's own token",
        "clientId" | "clientHost" | "clientAddress" => {
            "Keycloak: details of the service account's client"
        }
        "typ" => "Keycloak: the kind of token (Bearer)",
        "acr" => "Authentication context class",
        "amr" => "Authentication methods used by a signed-in user",
        "sid" | "session_state" => "A session reference (for tokens tied to a login session)",
        "email" | "name" | "upn" | "unique_name" => "A user's identity (only in tokens for a user)",
        "ext" => "Ory Hydra: extra claims set by the server",
        "org_id" => "Auth0 Organizations: the organization",
        _ if name.starts_with("https://") || name.starts_with("http://") => {
            "A custom claim (for example added by an Auth0 Action)"
        }
        _ => "",
    }
}

const TIME_CLAIMS: [&str; 4] = ["exp", "iat", "nbf", "auth_time"];

fn value_text(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    text::visible(&s, 600)
}

pub(crate) fn header_rows(header: &Map<String, Value>) -> Vec<ClaimRow> {
    header
        .iter()
        .take(200)
        .map(|(k, v)| ClaimRow {
            name: text::visible(k, 100),
            value: value_text(v),
            meaning: header_meaning(k, v),
            unix_time: None,
        })
        .collect()
}

pub(crate) fn claim_rows(claims: &Map<String, Value>, now: i64) -> Vec<ClaimRow> {
    claims
        .iter()
        .take(200)
        .map(|(k, v)| {
            let base = claim_meaning(k);
            let unix_time = if TIME_CLAIMS.contains(&k.as_str()) {
                time::seconds(v)
            } else {
                None
            };
            let meaning = match unix_time {
                Some(t) => format!("{}: {} ({})", base, time::utc(t), time::relative(t, now)),
                None => base.to_string(),
            };
            ClaimRow {
                name: text::visible(k, 100),
                value: value_text(v),
                meaning,
                unix_time,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("a.b.c"), Shape::ThreeParts);
        assert_eq!(shape("a..b.c.d"), Shape::DirectJwe);
        assert_eq!(shape("a.b.c.d.e"), Shape::Jwe);
        assert_eq!(shape("ory_at_x.y"), Shape::Opaque(2));
        assert_eq!(shape("x"), Shape::Opaque(1));
    }

    #[test]
    fn decode_errors_are_located() {
        let h = b64::encode(b"{\"alg\":\"RS256\"}");
        let r = decode_jws(&format!("{}.ab+c.sig", h));
        assert!(matches!(&r, Err((Some(_), _))));
        if let Err((_, msg)) = r {
            assert!(
                msg.contains("character 3 of the payload (part 2) is `+`"),
                "{}",
                msg
            );
        }
        let p = b64::encode(b"{\"a\":1,}");
        let r = decode_jws(&format!("{}.{}.sig", h, p));
        assert!(r.is_err());
        if let Err((_, msg)) = r {
            assert!(msg.contains("not valid JSON"), "{}", msg);
        }
    }
}
