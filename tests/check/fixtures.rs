//! Test fixtures for the token response checker: a base64url encoder of our own, JWT builders and
//! correct responses shaped like those of Auth0 (both profiles), Okta, Keycloak, Entra ID (v1, v2),
//! Cognito, Ory Hydra, oidc-provider, Duende IdentityServer, Spring Authorization Server, ZITADEL,
//! PingOne, Kinde and FusionAuth. Signatures are arbitrary bytes: the browser layer verifies
//! them, not the pure core.

#![allow(dead_code)]

use oauth_cc_widget::core::check::{check, Expectations};
use oauth_cc_widget::core::jwks::{choose_key, parse_key_set, KeyProblem};
use oauth_cc_widget::core::provider::Provider;
use oauth_cc_widget::core::report::{Finding, Report, SignatureInput, Status};
use oauth_cc_widget::core::signature::{
    CouldNotCheck, FetchFailure, FetchStep, KeySource, SignatureOutcome,
};
use serde_json::{json, Value};

/// "Now" for every test: 2026-11-28 10:33:09 UTC.
pub const NOW: i64 = 1_795_862_000;

pub const AUTH0_DOMAIN: &str = "dev-abc123.us.auth0.com";
pub const AUTH0_ISS: &str = "https://dev-abc123.us.auth0.com/";
pub const CLIENT_ID: &str = "a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuV";
pub const API: &str = "https://api.example.com";

pub fn b64url(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b0 = chunk[0] as u32;
        let b1 = *chunk.get(1).unwrap_or(&0) as u32;
        let b2 = *chunk.get(2).unwrap_or(&0) as u32;
        let n = (b0 << 16) | (b1 << 8) | b2;
        for k in 0..=chunk.len() {
            out.push(A[((n >> (18 - 6 * k)) & 63) as usize] as char);
        }
    }
    out
}

/// A JWS from raw header and payload text (to control spacing), with a fake 256-byte signature.
pub fn jwt_raw(header: &str, payload: &str) -> String {
    let sig: Vec<u8> = (0..=255u8).collect();
    format!(
        "{}.{}.{}",
        b64url(header.as_bytes()),
        b64url(payload.as_bytes()),
        b64url(&sig)
    )
}

pub fn jwt(header: &Value, claims: &Value) -> String {
    jwt_raw(&header.to_string(), &claims.to_string())
}

/// A token response around `token` with Auth0's members.
pub fn auth0_response(token: &str) -> String {
    json!({
        "access_token": token,
        "scope": "read:messages",
        "expires_in": 86400,
        "token_type": "Bearer"
    })
    .to_string()
}

pub fn auth0_expect() -> Expectations {
    Expectations {
        provider: Provider::Auth0,
        issuer: Some(AUTH0_ISS.to_string()),
        issuer_discovered: true,
        issuer_guessed: false,
        client_id: CLIENT_ID.to_string(),
        audience: API.to_string(),
    }
}

pub fn auth0_claims() -> Value {
    json!({
        "iss": AUTH0_ISS,
        "sub": format!("{}@clients", CLIENT_ID),
        "aud": API,
        "iat": NOW - 60,
        "exp": NOW - 60 + 86400,
        "scope": "read:messages",
        "gty": "client-credentials",
        "azp": CLIENT_ID
    })
}

pub fn auth0_header() -> Value {
    json!({"alg": "RS256", "typ": "JWT", "kid": "Xc9kTjT9nqbP0ZUeYh2Rb"})
}

/// Auth0's classic profile: `gty` and `azp`.
pub fn auth0_token() -> String {
    jwt(&auth0_header(), &auth0_claims())
}

/// Auth0's RFC 9068 profile: `typ: at+jwt`, `client_id`, no `gty`.
pub fn auth0_rfc9068_token() -> String {
    jwt(
        &json!({"alg": "RS256", "typ": "at+jwt", "kid": "Xc9kTjT9nqbP0ZUeYh2Rb"}),
        &json!({
            "iss": AUTH0_ISS,
            "sub": format!("{}@clients", CLIENT_ID),
            "aud": API,
            "iat": NOW - 60,
            "exp": NOW - 60 + 86400,
            "scope": "read:messages",
            "jti": "b1f0e4c8a3",
            "client_id": CLIENT_ID
        }),
    )
}

/// A named correct response with the expectations that match it.
pub struct Case {
    pub name: &'static str,
    pub paste: String,
    pub expect: Expectations,
}

pub fn provider_cases() -> Vec<Case> {
    let mut v = Vec::new();

    v.push(Case {
        name: "Auth0 classic profile",
        paste: auth0_response(&auth0_token()),
        expect: auth0_expect(),
    });
    v.push(Case {
        name: "Auth0 RFC 9068 profile",
        paste: auth0_response(&auth0_rfc9068_token()),
        expect: auth0_expect(),
    });

    // Okta: cid == sub, scp array, no uid; custom authorization server "default".
    let okta_client = "0oa1b2c3d4E5F6g7h8i9";
    let okta_iss = "https://dev-12345678.okta.com/oauth2/default";
    let okta = jwt(
        &json!({"kid": "1aBcDeFgHiJkLmNoPqRsTuVwXyZ", "alg": "RS256"}),
        &json!({
            "ver": 1,
            "jti": "AT.Zk3l1Zb0Y9a8X7w6V5u4T3s2R1q",
            "iss": okta_iss,
            "aud": "api://default",
            "iat": NOW - 30,
            "exp": NOW + 3570,
            "cid": okta_client,
            "scp": ["api:read"],
            "sub": okta_client
        }),
    );
    v.push(Case {
        name: "Okta",
        paste: json!({"token_type": "Bearer", "expires_in": 3600, "access_token": okta, "scope": "api:read"})
            .to_string(),
        expect: Expectations {
            provider: Provider::Okta,
            issuer: Some(okta_iss.to_string()),
            issuer_discovered: true,
            issuer_guessed: false,
            client_id: okta_client.to_string(),
            audience: "api://default".to_string(),
        },
    });

    // Keycloak: header JSON with spaces; refresh_expires_in 0 and not-before-policy in the response.
    let kc_iss = "https://sso.example.org/realms/school";
    let kc = jwt_raw(
        "{\"alg\" : \"RS256\", \"typ\" : \"JWT\", \"kid\" : \"Qm9vU3RyYXBLZXk\"}",
        &json!({
            "exp": NOW + 240,
            "iat": NOW - 60,
            "jti": "3d1c6b0a-5f9e-4e2d-8c7b-6a5f4e3d2c1b",
            "iss": kc_iss,
            "aud": "my-api",
            "sub": "0f4e5d6c-7b8a-4c9d-8e1f-2a3b4c5d6e7f",
            "typ": "Bearer",
            "azp": "school-service",
            "acr": "1",
            "realm_access": {"roles": ["default-roles-school", "offline_access"]},
            "resource_access": {"my-api": {"roles": ["read"]}},
            "scope": "profile email",
            "clientHost": "192.0.2.10",
            "email_verified": false,
            "preferred_username": "service-account-school-service",
            "clientAddress": "192.0.2.10",
            "client_id": "school-service"
        })
        .to_string(),
    );
    v.push(Case {
        name: "Keycloak",
        paste: format!(
            "{{\"access_token\":\"{}\",\"expires_in\":300,\"refresh_expires_in\":0,\"token_type\":\"Bearer\",\"not-before-policy\":0,\"scope\":\"profile email\"}}",
            kc
        ),
        expect: Expectations {
            provider: Provider::Keycloak,
            issuer: Some(kc_iss.to_string()),
            issuer_discovered: true,
            issuer_guessed: false,
            client_id: "school-service".to_string(),
            audience: "my-api".to_string(),
        },
    });

    // Entra ID v1: strings for expires_in; sts.windows.net issuer; appid.
    let tid = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    let entra_client = "6731de76-14a6-49ae-97bc-6eba6914391e";
    let api_app = "a9e1c2d3-4b5f-4a6e-8d7c-1b2a3c4d5e6f";
    let v1 = jwt(
        &json!({"typ": "JWT", "alg": "RS256", "x5t": "nOo3ZDrODXEK1jKWhXslHR_KXEg", "kid": "nOo3ZDrODXEK1jKWhXslHR_KXEg"}),
        &json!({
            "aud": format!("api://{}", api_app),
            "iss": format!("https://sts.windows.net/{}/", tid),
            "iat": NOW - 300,
            "nbf": NOW - 300,
            "exp": NOW + 3300,
            "aio": "E2ZgYJg",
            "appid": entra_client,
            "appidacr": "1",
            "idp": format!("https://sts.windows.net/{}/", tid),
            "oid": "2f1e0d9c-8b7a-4659-8473-6251403f2e1d",
            "rh": "0.AAAA",
            "roles": ["Messages.Read"],
            "sub": "2f1e0d9c-8b7a-4659-8473-6251403f2e1d",
            "tid": tid,
            "uti": "AbCdEf",
            "ver": "1.0"
        }),
    );
    v.push(Case {
        name: "Entra ID v1",
        paste: json!({
            "token_type": "Bearer",
            "expires_in": "3599",
            "ext_expires_in": "3599",
            "expires_on": (NOW + 3300).to_string(),
            "not_before": (NOW - 300).to_string(),
            "resource": format!("api://{}", api_app),
            "access_token": v1
        })
        .to_string(),
        expect: Expectations {
            provider: Provider::Entra,
            issuer: Some(format!("https://sts.windows.net/{}/", tid)),
            issuer_discovered: true,
            issuer_guessed: false,
            client_id: entra_client.to_string(),
            audience: format!("api://{}", api_app),
        },
    });

    // Entra ID v2: aud is the API's application ID, azp the client, idtyp app.
    let v2 = jwt(
        &json!({"typ": "JWT", "alg": "RS256", "kid": "nOo3ZDrODXEK1jKWhXslHR_KXEg"}),
        &json!({
            "aud": api_app,
            "iss": format!("https://login.microsoftonline.com/{}/v2.0", tid),
            "iat": NOW - 300,
            "nbf": NOW - 300,
            "exp": NOW + 3300,
            "aio": "E2ZgYJg",
            "azp": entra_client,
            "azpacr": "1",
            "idtyp": "app",
            "oid": "2f1e0d9c-8b7a-4659-8473-6251403f2e1d",
            "rh": "0.AAAA",
            "roles": ["Messages.Read"],
            "sub": "2f1e0d9c-8b7a-4659-8473-6251403f2e1d",
            "tid": tid,
            "uti": "AbCdEf",
            "ver": "2.0"
        }),
    );
    v.push(Case {
        name: "Entra ID v2",
        paste: json!({"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": v2})
            .to_string(),
        expect: Expectations {
            provider: Provider::Entra,
            issuer: Some(format!("https://login.microsoftonline.com/{}/v2.0", tid)),
            issuer_discovered: false,
            issuer_guessed: false,
            client_id: entra_client.to_string(),
            audience: format!("api://{}", api_app),
        },
    });

    // Cognito: no aud, no typ; kid with + / =; the resource server shows in the scope.
    let cog_iss = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI";
    let cog_client = "3k1l2m3n4o5p6q7r8s9t0u1v2w";
    let cog = jwt(
        &json!({"kid": "Ab+cD/eF9gHiJkLmNoPqRsTuVwXyZ0123456789ab=", "alg": "RS256"}),
        &json!({
            "sub": cog_client,
            "token_use": "access",
            "scope": "https://api.example.com/read",
            "auth_time": NOW - 10,
            "iss": cog_iss,
            "exp": NOW + 3590,
            "iat": NOW - 10,
            "version": 2,
            "jti": "8c7b6a5f-4e3d-2c1b-0a9f-8e7d6c5b4a3f",
            "client_id": cog_client
        }),
    );
    v.push(Case {
        name: "Cognito",
        paste: json!({"access_token": cog, "expires_in": 3600, "token_type": "Bearer"}).to_string(),
        expect: Expectations {
            provider: Provider::Cognito,
            issuer: Some(cog_iss.to_string()),
            issuer_discovered: true,
            issuer_guessed: false,
            client_id: cog_client.to_string(),
            audience: API.to_string(),
        },
    });

    // Ory Hydra with JWT access tokens: lower-case bearer, scp, client_id == sub, aud list.
    let hydra_iss = "https://hydra.example.net/";
    let hydra = jwt(
        &json!({"alg": "RS256", "kid": "public:5f3c2b1a", "typ": "JWT"}),
        &json!({
            "aud": [API],
            "client_id": "school-cli",
            "exp": NOW + 3599,
            "ext": {},
            "iat": NOW,
            "iss": hydra_iss,
            "jti": "5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
            "nbf": NOW,
            "scp": ["read"],
            "sub": "school-cli"
        }),
    );
    v.push(Case {
        name: "Ory Hydra (JWT)",
        paste: json!({"access_token": hydra, "expires_in": 3599, "scope": "read", "token_type": "bearer"}).to_string(),
        expect: Expectations {
            provider: Provider::Hydra,
            issuer: Some(hydra_iss.to_string()),
            issuer_discovered: true,
            issuer_guessed: false,
            client_id: "school-cli".to_string(),
            audience: API.to_string(),
        },
    });

    // Other servers' client credentials tokens, as each documents or issues them: the issuer is
    // the discovered one, as after the key fetch.
    let others: [(&str, &str, &str, Value, Value); 6] = [
        // Duende IdentityServer: no sub, scope as a list, aud the API resource's name.
        (
            "Duende IdentityServer",
            "https://demo.duendesoftware.com",
            "m2m",
            json!({"alg": "RS256", "kid": "8F1A", "typ": "at+jwt"}),
            json!({"iss": "https://demo.duendesoftware.com", "nbf": NOW - 1, "iat": NOW - 1,
                   "exp": NOW + 3599, "aud": "api", "scope": ["api"], "client_id": "m2m", "jti": "A1B2"}),
        ),
        // Spring Authorization Server: sub and aud are the client.
        (
            "Spring Authorization Server",
            "http://localhost:9000",
            "messaging-client",
            json!({"kid": "b0a2", "alg": "RS256"}),
            json!({"sub": "messaging-client", "aud": "messaging-client", "nbf": NOW,
                   "scope": ["message.read"], "iss": "http://localhost:9000", "exp": NOW + 300,
                   "iat": NOW, "jti": "c5f"}),
        ),
        // ZITADEL: a service user's numeric subject, project IDs as audience.
        (
            "ZITADEL",
            "https://my-instance-abc.zitadel.cloud",
            "svc-user",
            json!({"alg": "RS256", "kid": "2876", "typ": "JWT"}),
            json!({"aud": ["2451", "2452"], "client_id": "svc-user", "exp": NOW + 43199, "iat": NOW,
                   "iss": "https://my-instance-abc.zitadel.cloud", "jti": "2874", "nbf": NOW,
                   "sub": "287345"}),
        ),
        // PingOne: no sub; env and org claims.
        (
            "PingOne",
            "https://auth.pingone.com/0a7af83d-4ed9-4ef8-b0fe-1c9a1b3e2b5c/as",
            "6c1c2c3c-aaaa-bbbb-cccc-1234567890ab",
            json!({"kid": "default", "alg": "RS256"}),
            json!({"client_id": "6c1c2c3c-aaaa-bbbb-cccc-1234567890ab",
                   "iss": "https://auth.pingone.com/0a7af83d-4ed9-4ef8-b0fe-1c9a1b3e2b5c/as",
                   "jti": "x", "iat": NOW, "exp": NOW + 3600, "aud": [API], "scope": "read",
                   "env": "0a7af83d-4ed9-4ef8-b0fe-1c9a1b3e2b5c", "org": "o1"}),
        ),
        // Kinde: no sub, gty as a list, azp names the client.
        (
            "Kinde",
            "https://acme.kinde.com",
            "c1d2",
            json!({"alg": "RS256", "kid": "k", "typ": "JWT"}),
            json!({"aud": [API], "azp": "c1d2", "exp": NOW + 86400, "gty": ["client_credentials"],
                   "iat": NOW, "iss": "https://acme.kinde.com", "jti": "j", "scope": "", "scp": [],
                   "v": "2"}),
        ),
        // FusionAuth: an issuer that is not a URL, entities as subject and audience.
        (
            "FusionAuth",
            "acme.com",
            "",
            json!({"alg": "RS256", "typ": "JWT", "kid": "1"}),
            json!({"aud": ["e13365f1-a270-493e-bd1b-3d239d753d53"], "exp": NOW + 3600, "iat": NOW,
                   "iss": "acme.com", "sub": "3c219e58-ed0e-4b18-ad48-f4f92793ae32", "jti": "j",
                   "tty": "at", "permissions": {"e13365f1-a270-493e-bd1b-3d239d753d53": ["read"]}}),
        ),
    ];
    for (name, iss, client, header, claims) in others {
        let audience = claims
            .get("aud")
            .and_then(|a| a.as_str().or_else(|| a.get(0).and_then(Value::as_str)))
            .unwrap_or("")
            .to_string();
        v.push(Case {
            name,
            paste: json!({"access_token": jwt(&header, &claims), "expires_in": 3599, "token_type": "Bearer"})
                .to_string(),
            expect: Expectations {
                provider: Provider::Generic,
                issuer: Some(iss.to_string()),
                issuer_discovered: true,
                issuer_guessed: false,
                client_id: client.to_string(),
                audience,
            },
        });
    }

    // oidc-provider: typ at+jwt, client_id claim; Generic provider.
    let op_iss = "https://op.example.com";
    let op = jwt(
        &json!({"alg": "RS256", "typ": "at+jwt", "kid": "r1LkbBo3925Rb2ZFFrKyU3MVex9T2817Kx0vbi6i_Kc"}),
        &json!({
            "jti": "YGv8X4qXDnwUF-1pZ4cbx",
            "sub": "school-cli",
            "iat": NOW - 5,
            "exp": NOW + 595,
            "scope": "api:read",
            "client_id": "school-cli",
            "iss": op_iss,
            "aud": API
        }),
    );
    v.push(Case {
        name: "oidc-provider",
        paste: json!({"access_token": op, "expires_in": 600, "token_type": "Bearer", "scope": "api:read"}).to_string(),
        expect: Expectations {
            provider: Provider::Generic,
            issuer: Some(op_iss.to_string()),
            issuer_discovered: true,
            issuer_guessed: false,
            client_id: "school-cli".to_string(),
            audience: API.to_string(),
        },
    });
    v
}

pub fn run(paste: &str) -> Report {
    let r = check(paste, &auth0_expect(), NOW);
    assert_spans_close(paste, &r);
    r
}

/// Every backtick in the report's words opens or closes a code span (the page shows spans as
/// code), unless the paste or its decoded token brought backticks of its own.
pub fn assert_spans_close(paste: &str, r: &Report) {
    let decoded = r.token.as_ref().is_some_and(|t| {
        t.header
            .iter()
            .chain(&t.claims)
            .any(|c| c.name.contains('`') || c.value.contains('`'))
    });
    if paste.contains('`') || decoded {
        return;
    }
    for f in &r.findings {
        for t in [Some(&f.detail), f.fix.as_ref()].into_iter().flatten() {
            assert!(stray_free(t), "stray backtick in {}: {t}", f.id());
        }
    }
    let meanings = r
        .token
        .iter()
        .flat_map(|t| t.header.iter().chain(&t.claims))
        .map(|c| &c.meaning);
    for t in r.set_aside.iter().chain([&r.headline]).chain(meanings) {
        assert!(stray_free(t), "stray backtick in {t}");
    }
}

pub fn finding<'a>(r: &'a Report, id: &str) -> &'a Finding {
    match r.finding(id) {
        Some(f) => f,
        None => panic!("no finding {:?} in {}", id, describe(r)),
    }
}

pub fn status(r: &Report, id: &str) -> Option<Status> {
    r.finding(id).map(|f| f.status())
}

/// All of a finding's text, for keyword assertions.
pub fn words(f: &Finding) -> String {
    format!(
        "{} {} {}",
        f.title(),
        f.detail,
        f.fix.clone().unwrap_or_default()
    )
}

pub fn describe(r: &Report) -> String {
    let mut s = format!(
        "verdict {:?}: {}\nset aside: {:?}\n",
        r.verdict, r.headline, r.set_aside
    );
    for f in &r.findings {
        s.push_str(&format!(
            "  [{}] {} — {} | fix: {:?}\n",
            f.status().as_str(),
            f.id(),
            f.detail,
            f.fix
        ));
    }
    s
}

/// The first failing finding's id, or "" when none fails.
pub fn first_fail(r: &Report) -> &'static str {
    r.failures().next().map(|f| f.id()).unwrap_or("")
}

pub fn assert_no_fail(r: &Report) {
    assert!(
        r.failures().next().is_none(),
        "unexpected failure:\n{}",
        describe(r)
    );
}

/// What the browser reports when WebCrypto verified the signature with a key of `bits` bits
/// (the checker's tests need only the finding, not real cryptography).
fn verified_with(bits: usize) -> Finding {
    let mut modulus = vec![0x5Au8; bits / 8];
    modulus[0] = 0xC1;
    let jwks = format!(
        r#"{{"keys":[{{"kty":"RSA","kid":"test-key","n":"{}","e":"AQAB"}}]}}"#,
        b64url(&modulus)
    );
    let input = SignatureInput {
        alg: "RS256".to_string(),
        kid: Some("test-key".to_string()),
        signing_input: "a.b".to_string(),
        signature: vec![1; 256],
        iss: None,
    };
    let keys = parse_key_set(&jwks).unwrap_or_else(|e| panic!("test key set: {e:?}"));
    let key = choose_key(&input, &keys)
        .unwrap_or_else(|e| panic!("test key: {e:?}"))
        .remove(0);
    SignatureOutcome::Verified {
        key,
        source: KeySource::Pasted,
    }
    .finding()
}

pub fn signature_pass() -> Finding {
    verified_with(2048)
}

/// Verified, but with a key under 2048 bits: a warning.
pub fn signature_weak_key() -> Finding {
    verified_with(1024)
}

/// The signature does not match the keys.
pub fn signature_mismatch() -> Finding {
    SignatureOutcome::Mismatch {
        kid: Some("test-key".to_string()),
        alg: "RS256".to_string(),
        tried: 1,
        source: KeySource::Pasted,
    }
    .finding()
}

/// The keys could not be had: the discovery document could not be fetched.
pub fn signature_unchecked() -> Finding {
    SignatureOutcome::CouldNotCheck {
        reason: CouldNotCheck::Fetch {
            step: FetchStep::Discovery,
            url: format!("{AUTH0_ISS}.well-known/openid-configuration"),
            failure: FetchFailure::Network,
        },
        iss: Some(AUTH0_ISS.to_string()),
    }
    .finding()
}

/// No token endpoint was entered, so no keys were looked for.
pub fn signature_no_endpoint() -> Finding {
    SignatureOutcome::CouldNotCheck {
        reason: CouldNotCheck::NoEndpoint,
        iss: None,
    }
    .finding()
}

/// The token's issuer is on another host than the endpoint entered.
pub fn signature_issuer_elsewhere() -> Finding {
    SignatureOutcome::IssuerElsewhere {
        iss: AUTH0_ISS.to_string(),
        endpoint_host: "login.example.org".to_string(),
    }
    .finding()
}

/// The token is refused whatever the keys: an HMAC.
pub fn signature_hmac_refused() -> Finding {
    SignatureOutcome::Refused(KeyProblem::Hmac {
        alg: "HS256".to_string(),
        issuer_publishes_public_keys: true,
    })
    .finding()
}

/// True when every backtick in `t` belongs to a code span (a span may hold a backtick itself).
fn stray_free(t: &str) -> bool {
    oauth_cc_widget::core::markup::segments(t)
        .iter()
        .all(|(code, s)| *code || !s.contains('`'))
}
