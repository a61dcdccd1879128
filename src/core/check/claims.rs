//! The token's claims compared with the learner's own values (issuer, audience, client ID), its
//! times judged with a leeway, and the evidence that it came from the client credentials grant.

use serde_json::{Map, Value};

use super::text;
use super::time;
use super::{Expectations, LEEWAY_SECONDS};
use crate::core::provider::Provider;
use crate::core::report::{Finding, Status};

/// The fix for a token that breaks the JWT rules themselves (a required claim missing or of the
/// wrong type): standard servers never issue one, so it was edited, hand-made, or the server is
/// not a standard one.
pub(crate) const NOT_STANDARD_FIX: &str = "Request a new token with the command above and paste \
    the whole response unchanged. If the new token shows the same, the server that issued it does \
    not follow the JWT access token rules (RFC 9068): do this exercise with a standard \
    authorization server, such as your Auth0 tenant.";

/// Everything the claim checks look at.
pub(crate) struct TokenCtx<'a> {
    pub header: &'a Map<String, Value>,
    pub claims: &'a Map<String, Value>,
    pub expect: &'a Expectations,
    pub now: i64,
    pub provider: Provider,
    /// `expires_in` from the response, when there was a response.
    pub expires_in: Option<i64>,
    /// `scope` from the response.
    pub scope: Option<&'a str>,
}

impl TokenCtx<'_> {
    fn str_claim(&self, name: &str) -> Option<&str> {
        self.claims.get(name).and_then(Value::as_str)
    }
    fn has(&self, name: &str) -> bool {
        self.claims.get(name).is_some_and(|v| !v.is_null())
    }
}

/// The provider to judge by: the one chosen from the endpoint, else what the token shows.
pub(crate) fn effective_provider(
    given: Provider,
    header: &Map<String, Value>,
    claims: &Map<String, Value>,
) -> Provider {
    if given != Provider::Generic {
        return given;
    }
    let iss = claims
        .get("iss")
        .or_else(|| header.get("iss"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_ascii_lowercase();
    let sub = claims.get("sub").and_then(Value::as_str).unwrap_or("");
    // Auth0's gty is a string (`client-credentials`); Kinde's is a list of grant names.
    let auth0_gty = claims.get("gty").is_some_and(Value::is_string);
    if auth0_gty || sub.ends_with("@clients") || iss.contains(".auth0.com") {
        Provider::Auth0
    } else if claims.contains_key("cid")
        || iss.contains(".okta.com")
        || iss.contains(".oktapreview.com")
    {
        Provider::Okta
    } else if iss.contains("/realms/") {
        Provider::Keycloak
    } else if iss.contains("sts.windows.net")
        || iss.contains("login.microsoftonline.com")
        || claims.contains_key("tid")
    {
        Provider::Entra
    } else if iss.contains("cognito-idp.") {
        Provider::Cognito
    } else {
        Provider::Generic
    }
}

fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    rest.get(..end).unwrap_or("")
}

fn path_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.find('/').and_then(|k| rest.get(k..)).unwrap_or("")
}

fn strip_slash(s: &str) -> &str {
    s.strip_suffix('/').unwrap_or(s)
}

fn is_auth0_host(h: &str) -> bool {
    let h = h.to_ascii_lowercase();
    h.ends_with(".auth0.com") || h == "auth0.com"
}

pub(crate) fn check(t: &TokenCtx, out: &mut Vec<Finding>) {
    out.push(issuer(t));
    out.push(audience(t));
    out.push(grant(t));
    out.push(client(t));
    out.push(expiry(t));
    if t.has("nbf") {
        out.push(not_before(t));
    }
    out.push(issued_at(t));
    if let Some(f) = lifetime(t) {
        out.push(f);
    }
}

fn issuer(t: &TokenCtx) -> Finding {
    const TITLE: &str = "Issuer (iss)";
    let expected = t.expect.issuer.as_deref().map(str::trim).unwrap_or("");
    let f = match (t.claims.get("iss"), expected.is_empty()) {
        (None, _) | (Some(Value::Null), _) => Finding::new(
            "iss",
            Status::Fail,
            TITLE,
            "The token has no iss claim, so nothing says which server issued it; an access token \
             must name its issuer (RFC 9068 §2.2).",
        )
        .with_fix(NOT_STANDARD_FIX),
        (Some(Value::String(iss)), true) => Finding::new(
            "iss",
            Status::Skip,
            TITLE,
            format!(
                "The token was issued by {}. It is not compared yet: no issuer is known for your \
                 server.",
                text::quote(iss, 200)
            ),
        )
        .with_fix(
            "Enter your token endpoint in the form above to compare the issuer with your tenant.",
        ),
        (Some(Value::String(iss)), false) => compare_issuer(t, iss, expected),
        (Some(other), _) => Finding::new(
            "iss",
            Status::Fail,
            TITLE,
            format!(
                "The iss claim is {}, not a string naming the issuer.",
                text::quote(&other.to_string(), 80)
            ),
        )
        .with_fix(NOT_STANDARD_FIX),
    };
    f.with_reference("RFC 9068 §4")
}

fn compare_issuer(t: &TokenCtx, iss: &str, expected: &str) -> Finding {
    const TITLE: &str = "Issuer (iss)";
    let source = if t.expect.issuer_discovered {
        "published by your server's discovery document"
    } else {
        "derived from the token endpoint you entered"
    };
    if strip_slash(iss) == strip_slash(expected) {
        return Finding::new(
            "iss",
            Status::Pass,
            TITLE,
            format!(
                "{}: your server's issuer, {}.",
                text::quote(iss, 200),
                source
            ),
        );
    }
    let (hi, he) = (
        host_of(iss).to_ascii_lowercase(),
        host_of(expected).to_ascii_lowercase(),
    );
    // Entra ID v1 tokens name sts.windows.net even when requested from login.microsoftonline.com.
    if hi == "sts.windows.net" && he.ends_with("login.microsoftonline.com") {
        let tenant = strip_slash(path_of(iss)).trim_start_matches('/');
        if !tenant.is_empty() && path_of(expected).contains(tenant) {
            return Finding::new(
                "iss",
                Status::Pass,
                TITLE,
                format!(
                    "{}: the v1 form of your tenant's issuer. Entra ID issues v1 tokens (from \
                     sts.windows.net) when the API's manifest accepts v1 tokens, even through the v2 \
                     endpoint.",
                    text::quote(iss, 200)
                ),
            );
        }
    }
    // Amazon Cognito names the user pool (cognito-idp.<region>.amazonaws.com/<pool id>) as issuer,
    // never the domain the token was requested from (<prefix>.auth.<region>.amazoncognito.com).
    if let (Some(pool_region), Some(domain_region)) =
        (cognito_pool_region(&hi), cognito_domain_region(&he))
    {
        if pool_region == domain_region {
            return Finding::new(
                "iss",
                Status::Pass,
                TITLE,
                format!(
                    "{}: a Cognito user pool in {}, the region of the domain you entered. Cognito \
                     tokens always name the user pool as issuer, not the domain; the pool ID at the \
                     end is on the user pool's overview page.",
                    text::quote(iss, 200),
                    text::quote(pool_region, 40)
                ),
            );
        }
    }
    let (reason, fix) = if hi == he {
        let what = match t.provider {
            Provider::Keycloak => "another realm",
            Provider::Okta => {
                "another authorization server (Okta's org server and custom servers such as \
                 /oauth2/default have different issuers)"
            }
            _ => "another authorization server or tenant path",
        };
        (
            format!("It is the same host, but {}.", what),
            "Send the request to the token endpoint of the same authorization server you entered \
             above (or correct the endpoint), and request a new token.",
        )
    } else if is_auth0_host(&hi) && is_auth0_host(&he) {
        (
            format!(
                "{} and {} are two different Auth0 tenants: the token was requested from another \
                 tenant than the one you entered.",
                text::quote(&hi, 100),
                text::quote(&he, 100)
            ),
            "Use the token endpoint and the application of one and the same tenant (the Domain on \
             your application's Settings tab), and request a new token.",
        )
    } else if is_auth0_host(&hi) != is_auth0_host(&he) && t.provider == Provider::Auth0 {
        (
            "One of them looks like an Auth0 custom domain: tokens requested through a custom domain \
             name it as issuer, tokens requested through the tenant's own domain name that one."
                .to_string(),
            "Enter the domain you actually sent the request to as the token endpoint (custom domain \
             or tenant domain), so that both name the same issuer.",
        )
    } else {
        (
            "The token comes from another server than the one you entered.".to_string(),
            "Check that the token was requested from the endpoint entered above; if you changed it \
             since, run the request again and paste the new response.",
        )
    };
    let mut detail = format!(
        "The token was issued by {}, but your server's issuer ({}) is {}. {}",
        text::quote(iss, 200),
        source,
        text::quote(expected, 200),
        reason
    );
    if !t.expect.issuer_discovered {
        detail.push_str(
            " (If your server's discovery document names another issuer, that one is used once it \
             has been fetched.)",
        );
    }
    // A guessed issuer (an unrecognised server's endpoint, Cognito) is no ground for failing a
    // token: say so, and let the discovery document decide.
    if t.expect.issuer_guessed && !t.expect.issuer_discovered {
        detail.push_str(
            " Your token endpoint does not reveal your issuer for certain, so this is only a \
             warning.",
        );
        return Finding::new("iss", Status::Warn, TITLE, detail).with_fix(
            "Compare the iss claim with the \"issuer\" in your server's \
             /.well-known/openid-configuration; if they are the same, all is well.",
        );
    }
    Finding::new("iss", Status::Fail, TITLE, detail).with_fix(fix)
}

/// `us-east-1` for `cognito-idp.us-east-1.amazonaws.com`.
fn cognito_pool_region(host: &str) -> Option<&str> {
    let region = host
        .strip_prefix("cognito-idp.")?
        .strip_suffix(".amazonaws.com")?;
    (!region.is_empty() && !region.contains('.')).then_some(region)
}

/// `us-east-1` for `school.auth.us-east-1.amazoncognito.com`.
fn cognito_domain_region(host: &str) -> Option<&str> {
    let (prefix, region) = host.strip_suffix(".amazoncognito.com")?.rsplit_once('.')?;
    (prefix.ends_with(".auth") && !region.is_empty()).then_some(region)
}

/// The `aud` claim's values: a string, or the strings of an array.
fn audiences(v: &Value) -> Option<Vec<&str>> {
    match v {
        Value::String(s) => Some(vec![s.as_str()]),
        Value::Array(a) => Some(a.iter().filter_map(Value::as_str).collect()),
        _ => None,
    }
}

/// Entra ID names one API as `api://<app id>`, `<app id>` or `api://<app id>/.default`.
fn entra_normal(s: &str) -> String {
    let s = s.trim();
    let s = s.strip_suffix("/.default").unwrap_or(s);
    let s = s.strip_prefix("api://").unwrap_or(s);
    strip_slash(s).to_ascii_lowercase()
}

/// Microsoft Graph's application ID, the audience of a token requested for Graph.
const MICROSOFT_GRAPH: &str = "00000003-0000-0000-c000-000000000000";

/// A GUID such as `0b5d4e2f-1111-2222-3333-444455556666` (Entra application and tenant IDs).
fn is_guid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// `https://<tenant>/api/v2/`: Auth0's Management API.
fn is_management_api(aud: &str) -> bool {
    let path = path_of(aud);
    aud.starts_with("https://") && (path == "/api/v2/" || path == "/api/v2")
}

fn audience(t: &TokenCtx) -> Finding {
    const TITLE: &str = "Audience (aud)";
    let entered = t.expect.audience.trim();
    let aud = t.claims.get("aud").filter(|v| !v.is_null());
    let list = aud.and_then(audiences);
    let shown = |l: &[&str]| {
        l.iter()
            .map(|a| text::quote(a, 150))
            .collect::<Vec<_>>()
            .join(", ")
    };

    let f = if let (Some(v), None) = (aud, &list) {
        Finding::new(
            "aud",
            Status::Fail,
            TITLE,
            format!(
                "The aud claim is {}, not a string or a list of strings.",
                text::quote(&v.to_string(), 80)
            ),
        )
        .with_fix(NOT_STANDARD_FIX)
    } else if let Some(id) = list.as_ref().and_then(|l| {
        // An ID token's audience is the application that asked a user to sign in. (Some servers,
        // such as Spring Authorization Server, put the client ID in an access token's aud too:
        // only Auth0's tokens, or one with an ID token's own claims, are called ID tokens.)
        let id = t.expect.client_id.trim();
        let id_token_claims = ["nonce", "at_hash", "c_hash"].iter().any(|c| t.has(c));
        (!id.is_empty()
            && l.contains(&id)
            && !l.contains(&entered)
            && (t.provider == Provider::Auth0 || id_token_claims))
            .then_some(id)
    }) {
        Finding::new(
            "aud",
            Status::Fail,
            TITLE,
            format!(
                "The token's audience is your client ID ({}): this is an ID token, which tells an \
                 application who signed in, not an access token for your API. Client credentials \
                 never return an ID token.",
                text::quote(id, 80)
            ),
        )
        .with_fix(
            "Paste the response of the token request made with the command above (its \
             access_token), not a token from a sign-in.",
        )
    } else if entered.is_empty() {
        let found = match &list {
            Some(l) if !l.is_empty() => format!("The token is for {}.", shown(l)),
            _ => "The token names no audience.".to_string(),
        };
        Finding::new("aud", Status::Skip, TITLE, format!("{} It is not compared: no audience was entered.", found))
            .with_fix("Enter your API's identifier (the audience) in the form above to check that the token is for your API.")
    } else if list.as_ref().is_none_or(|l| l.is_empty()) {
        no_audience(t, entered)
    } else {
        let l = list.unwrap_or_default();
        if l.contains(&entered) {
            let others: Vec<&str> = l.iter().copied().filter(|a| *a != entered).collect();
            let mut detail = format!("{}: the API you entered.", text::quote(entered, 150));
            if !others.is_empty() {
                detail.push_str(&format!(" The token is also for {}.", shown(&others)));
            }
            if t.provider == Provider::Auth0 && is_management_api(entered) {
                Finding::new(
                    "aud",
                    Status::Warn,
                    TITLE,
                    format!(
                        "{} This is Auth0's Management API, though, not the API you created for this \
                         course.",
                        detail
                    ),
                )
                .with_fix("Enter your own API's Identifier (Applications → APIs → your API) and request a token for it.")
            } else {
                Finding::new("aud", Status::Pass, TITLE, detail)
            }
        } else if (t.provider == Provider::Entra)
            && l.iter().any(|a| entra_normal(a) == entra_normal(entered))
        {
            Finding::new(
                "aud",
                Status::Pass,
                TITLE,
                format!(
                    "The token is for {}, the same Entra ID application as the audience you entered ({}): \
                     v2 tokens name the application ID, v1 tokens its Application ID URI.",
                    shown(&l),
                    text::quote(entered, 150)
                ),
            )
        } else if t.provider == Provider::Entra
            && !is_guid(&entra_normal(entered))
            && l.iter().any(|a| is_guid(a) && *a != MICROSOFT_GRAPH)
        {
            // A v2 token names the API by its application ID; a custom Application ID URI
            // (https://contoso.onmicrosoft.com/api, api://my-api) cannot be matched to it here.
            Finding::new(
                "aud",
                Status::Warn,
                TITLE,
                format!(
                    "The token is for {}, an application ID: Entra ID v2 tokens name the API by its \
                     application (client) ID, while the audience you entered, {}, is an Application \
                     ID URI. This page cannot tell whether the two belong to the same API.",
                    shown(&l),
                    text::quote(entered, 150)
                ),
            )
            .with_fix(
                "Open App registrations → your API → Overview: if its Application (client) ID is the \
                 one in the token, all is well (enter that ID as the audience to have it checked).",
            )
        } else {
            audience_mismatch(&l, entered, t.provider)
        }
    };
    f.with_reference("RFC 9068 §4")
}

/// Keycloak ignores an `audience` parameter in this request: the audience comes from a mapper.
const KEYCLOAK_AUDIENCE_FIX: &str = "Keycloak takes the audience from the client's mappers, not \
    from the request: in Clients → your client → Client scopes → <client>-dedicated → Add mapper → \
    By configuration → Audience, set Included Custom Audience (or Included Client Audience) to your \
    API and switch on Add to access token; then request a new token.";

fn no_audience(t: &TokenCtx, entered: &str) -> Finding {
    const TITLE: &str = "Audience (aud)";
    if t.provider == Provider::Cognito {
        let scopes = t.scope.or_else(|| t.str_claim("scope")).unwrap_or("");
        let prefix = format!("{}/", strip_slash(entered));
        if let Some(s) = scopes
            .split_ascii_whitespace()
            .find(|s| s.starts_with(&prefix))
        {
            return Finding::new(
                "aud",
                Status::Pass,
                TITLE,
                format!(
                    "Cognito access tokens carry no aud claim; the scope {} belongs to the resource \
                     server {} that you entered.",
                    text::quote(s, 150),
                    text::quote(entered, 150)
                ),
            );
        }
        return Finding::new(
            "aud",
            Status::Warn,
            TITLE,
            format!(
                "Cognito access tokens carry no aud claim, and no granted scope starts with {}, so \
                 nothing ties this token to the resource server you entered.",
                text::quote(&prefix, 150)
            ),
        )
        .with_fix("Request a scope of your resource server (for example `<identifier>/read`) in the token request.");
    }
    Finding::new(
        "aud",
        Status::Fail,
        TITLE,
        format!(
            "The token names no audience, so nothing says it is meant for your API ({}).",
            text::quote(entered, 150)
        ),
    )
    .with_fix(match t.provider {
        Provider::Auth0 => "Send `audience=<your API identifier>` in the token request and paste the new response.",
        Provider::Keycloak => KEYCLOAK_AUDIENCE_FIX,
        _ => "Request the token for your API (with the `audience` or `resource` parameter your server expects) and paste the new response.",
    })
}

fn audience_mismatch(l: &[&str], entered: &str, provider: Provider) -> Finding {
    const TITLE: &str = "Audience (aud)";
    let shown = l
        .iter()
        .map(|a| text::quote(a, 150))
        .collect::<Vec<_>>()
        .join(", ");
    let base = format!(
        "The token is for {}, but the audience you entered is {}.",
        shown,
        text::quote(entered, 150)
    );
    let (reason, fix): (String, &str) = if let Some(m) = l.iter().find(|a| is_management_api(a)) {
        (
            format!(
                " {} is the Auth0 Management API of your tenant, not your own API: the token was \
                 requested with the Management API as audience.",
                text::quote(m, 150)
            ),
            "Send your own API's Identifier as audience (Applications → APIs → your API → Settings), \
             make sure your application is authorized for that API, and request a new token.",
        )
    } else if l.iter().any(|a| strip_slash(a) == strip_slash(entered)) {
        (
            " They differ only by a trailing slash, and audiences are compared exactly.".to_string(),
            "Use exactly your API's Identifier, character for character, both in the form above and \
             in the request; then request a new token.",
        )
    } else if l.iter().any(|a| a.eq_ignore_ascii_case(entered)) {
        (
            " They differ only in upper and lower case, and audiences are compared exactly.".to_string(),
            "Use exactly your API's Identifier, character for character, both in the form above and \
             in the request; then request a new token.",
        )
    } else if l
        .iter()
        .any(|a| a.contains("graph.microsoft.com") || *a == MICROSOFT_GRAPH)
    {
        (
            " The token is for Microsoft Graph, not for your API.".to_string(),
            "Request the token with `scope=api://<your API's application ID>/.default`.",
        )
    } else if provider == Provider::Keycloak {
        (
            if l.contains(&"account") {
                " `account` is Keycloak's own account console, which it adds by default; nothing \
                 adds your API yet."
            } else {
                " Your API is not among the audiences Keycloak's mappers add to this client's tokens."
            }
            .to_string(),
            KEYCLOAK_AUDIENCE_FIX,
        )
    } else {
        (
            " The token was requested for another API.".to_string(),
            "If the audience you entered above is wrong, correct it; otherwise request a new token \
             with your API's identifier as the audience.",
        )
    };
    Finding::new("aud", Status::Fail, TITLE, format!("{}{}", base, reason)).with_fix(fix)
}

/// Signs that a person, not an application, is behind the token.
fn user_signs(t: &TokenCtx) -> Vec<String> {
    let mut signs = Vec::new();
    if let Some(sub) = t.str_claim("sub") {
        if sub.contains('|') && !sub.ends_with("@clients") {
            signs.push(format!(
                "the subject {} is a user account (Auth0 names users `connection|id`)",
                text::quote(sub, 80)
            ));
        }
    }
    if t.provider == Provider::Okta && t.has("uid") {
        signs.push("it has a uid claim, which Okta adds only for users".to_string());
    }
    if let Some(gty) = t.str_claim("gty") {
        if gty == "password" {
            signs.push("gty is `password`: a user's name and password were used".to_string());
        }
    }
    let entra = t.provider == Provider::Entra;
    if entra && t.has("scp") {
        signs.push(
            "it has an scp claim, which Entra ID puts only in delegated (user) tokens".to_string(),
        );
    }
    if t.str_claim("idtyp") == Some("user") {
        signs.push("idtyp is `user`".to_string());
    }
    for c in [
        "upn",
        "unique_name",
        "email",
        "username",
        "cognito:username",
    ] {
        if t.has(c) {
            let article = if c == "email" { "an" } else { "a" };
            signs.push(format!("it has {article} {c} claim, which names a user"));
        }
    }
    if t.provider == Provider::Keycloak {
        if let Some(u) = t.str_claim("preferred_username") {
            if !u.starts_with("service-account-") {
                signs.push(format!(
                    "preferred_username is {}, a user (a client's own token says service-account-…)",
                    text::quote(u, 80)
                ));
            }
        }
    }
    signs
}

const WRONG_FLOW_FIX: &str = "Request the token with the client credentials grant — \
    grant_type=client_credentials with your Machine to Machine application's client ID and secret, as \
    in the command above — not through a user sign-in (a login page, Postman's authorization code \
    flow, the password grant).";

fn is_at_jwt(t: &TokenCtx) -> bool {
    t.header
        .get("typ")
        .and_then(Value::as_str)
        .is_some_and(|typ| {
            typ.eq_ignore_ascii_case("at+jwt") || typ.eq_ignore_ascii_case("application/at+jwt")
        })
}

fn grant(t: &TokenCtx) -> Finding {
    const TITLE: &str = "Client credentials grant";
    let signs = user_signs(t);
    if !signs.is_empty() {
        return Finding::new(
            "grant",
            Status::Fail,
            TITLE,
            format!(
                "This token was issued to a user, not to an application acting for itself: {}.",
                signs.join("; ")
            ),
        )
        .with_fix(WRONG_FLOW_FIX)
        .with_reference("RFC 6749 §4.4");
    }
    let sub = t.str_claim("sub");
    match t.provider {
        Provider::Auth0 => {
            let gty = t.str_claim("gty");
            let at_jwt = is_at_jwt(t);
            let m2m_sub = sub.is_some_and(|s| s.ends_with("@clients"));
            let f = if gty == Some("client-credentials") && m2m_sub {
                Finding::new(
                    "grant",
                    Status::Pass,
                    TITLE,
                    format!(
                        "Auth0 marks it as a client-credentials token (gty `client-credentials`), and \
                         its subject {} ends in @clients, which names an application, not a user.",
                        text::quote(sub.unwrap_or(""), 120)
                    ),
                )
            } else if gty.is_none() && at_jwt && t.has("client_id") && m2m_sub {
                Finding::new(
                    "grant",
                    Status::Pass,
                    TITLE,
                    format!(
                        "The token uses Auth0's RFC 9068 profile (typ `at+jwt`, a client_id claim, no \
                         gty), and its subject {} ends in @clients, which names an application, not \
                         a user.",
                        text::quote(sub.unwrap_or(""), 120)
                    ),
                )
            } else if let Some(g) = gty.filter(|g| *g != "client-credentials") {
                Finding::new(
                    "grant",
                    Status::Fail,
                    TITLE,
                    format!(
                        "gty is {}: the token came from another grant than client credentials.",
                        text::quote(g, 60)
                    ),
                )
                .with_fix(WRONG_FLOW_FIX)
            } else {
                let mut missing = Vec::new();
                if !m2m_sub {
                    missing.push(match sub {
                        Some(s) => format!(
                            "the subject {} does not end in @clients",
                            text::quote(s, 120)
                        ),
                        None => "there is no sub claim".to_string(),
                    });
                }
                if gty.is_none() && !(at_jwt && t.has("client_id")) {
                    missing.push(
                        "there is neither gty `client-credentials` nor the RFC 9068 form (typ `at+jwt` \
                         with a client_id claim)"
                            .to_string(),
                    );
                }
                Finding::new(
                    "grant",
                    Status::Fail,
                    TITLE,
                    format!(
                        "Nothing shows that Auth0 issued this token through client credentials: {}.",
                        missing.join("; ")
                    ),
                )
                .with_fix(WRONG_FLOW_FIX)
            };
            f.with_reference("Auth0: access token profiles")
        }
        Provider::Okta => {
            let cid = t.str_claim("cid");
            let f = match (cid, sub) {
                (Some(c), Some(s)) if c == s => Finding::new(
                    "grant",
                    Status::Pass,
                    TITLE,
                    format!(
                        "No uid claim, and the subject equals the client (cid) {}: the application's own token.",
                        text::quote(c, 120)
                    ),
                ),
                (Some(c), s) => Finding::new(
                    "grant",
                    Status::Fail,
                    TITLE,
                    format!(
                        "The subject {} is not the client {} (cid): Okta issued this token to someone \
                         other than the application itself.",
                        text::quote(s.unwrap_or(""), 120),
                        text::quote(c, 120)
                    ),
                )
                .with_fix(WRONG_FLOW_FIX),
                (None, _) => Finding::new(
                    "grant",
                    Status::Fail,
                    TITLE,
                    "The token has no cid claim, which every Okta access token carries: it does not \
                     come from an Okta authorization server.",
                )
                .with_fix("Request the token from your Okta authorization server's token endpoint, as in the command above."),
            };
            f.with_reference("Okta: access token claims")
        }
        _ => {
            let client = ["client_id", "azp", "appid"]
                .iter()
                .find_map(|c| t.str_claim(c));
            let mut evidence = Vec::new();
            if let (Some(s), Some(c)) = (sub, client) {
                if s == c {
                    evidence.push(format!(
                        "the subject is the client itself ({})",
                        text::quote(c, 120)
                    ));
                }
            }
            if let Some(u) = t
                .str_claim("preferred_username")
                .filter(|u| u.starts_with("service-account-"))
            {
                evidence.push(format!(
                    "it belongs to the service account {}",
                    text::quote(u, 120)
                ));
            }
            if t.str_claim("idtyp") == Some("app") {
                evidence.push("idtyp is `app`".to_string());
            }
            // Kinde: `"gty": ["client_credentials"]`.
            let gty_cc = match t.claims.get("gty") {
                Some(Value::Array(a)) => a.iter().any(|g| g == "client_credentials"),
                Some(g) => g == "client_credentials",
                None => false,
            };
            if gty_cc {
                evidence.push("gty names `client_credentials`".to_string());
            }
            let detail = if evidence.is_empty() {
                "No sign of a user in the token (no user subject, uid, upn, username or email): an \
                 application's own token."
                    .to_string()
            } else {
                format!("An application's own token: {}.", evidence.join("; "))
            };
            Finding::new("grant", Status::Pass, TITLE, detail).with_reference("RFC 9068 §2.2")
        }
    }
}

fn client(t: &TokenCtx) -> Finding {
    const TITLE: &str = "Your application (client ID)";
    let entered = t.expect.client_id.trim();
    // The claims that name the client, by provider.
    let mut named: Vec<(&str, &str)> = Vec::new();
    let names: &[&str] = match t.provider {
        Provider::Okta => &["cid"],
        _ => &["client_id", "azp", "appid", "cid"],
    };
    for n in names {
        if let Some(v) = t.str_claim(n) {
            named.push((n, v));
        }
    }
    if t.provider == Provider::Auth0 {
        if let Some(id) = t.str_claim("sub").and_then(|s| s.strip_suffix("@clients")) {
            named.push(("sub (before @clients)", id));
        }
    }
    // Without a client claim, a subject equal to the client ID names it (Spring Authorization
    // Server); any other subject could be anyone's.
    if named.is_empty() && t.provider != Provider::Okta {
        if let Some(sub) = t
            .str_claim("sub")
            .filter(|s| !entered.is_empty() && *s == entered)
        {
            named.push(("sub", sub));
        }
    }
    let listed = named
        .iter()
        .map(|(n, v)| format!("{} {}", n, text::quote(v, 120)))
        .collect::<Vec<_>>()
        .join(", ");
    let f = if named.is_empty() {
        Finding::new(
            "client_id",
            Status::Skip,
            TITLE,
            "The token has no claim naming the client (client_id, azp, appid), so it cannot be \
             compared with your client ID.",
        )
    } else if entered.is_empty() {
        Finding::new(
            "client_id",
            Status::Skip,
            TITLE,
            format!("The token names the client: {}. It is not compared: no client ID was entered.", listed),
        )
        .with_fix("Enter your application's client ID in the form above to check that the token was issued to it.")
    } else if named.iter().all(|(_, v)| *v == entered) {
        Finding::new(
            "client_id",
            Status::Pass,
            TITLE,
            format!("Issued to the client ID you entered: {}.", listed),
        )
    } else {
        let wrong: Vec<String> = named
            .iter()
            .filter(|(_, v)| *v != entered)
            .map(|(n, v)| format!("{} is {}", n, text::quote(v, 120)))
            .collect();
        let hint = if t.provider == Provider::Auth0 {
            " Perhaps the token came from another application — for example the \"(Test \
             Application)\" the dashboard creates for each API — or the client ID above was copied \
             from another application."
        } else {
            " The token came from another application, or the client ID above belongs to another one."
        };
        Finding::new(
            "client_id",
            Status::Fail,
            TITLE,
            format!(
                "The token was issued to another application than the client ID you entered ({}): {}.{}",
                text::quote(entered, 120),
                wrong.join(", "),
                hint
            ),
        )
        .with_fix(
            "Use one application throughout: enter its client ID above, request the token with that \
             client ID and its secret, and paste the new response.",
        )
    };
    f.with_reference("RFC 9068 §2.2")
}

fn time_claim(t: &TokenCtx, name: &str) -> Result<Option<i64>, String> {
    match t.claims.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => time::seconds(v).map(Some).ok_or_else(|| {
            format!(
                "The {} claim is {}, not a time in seconds.",
                name,
                text::quote(&v.to_string(), 60)
            )
        }),
    }
}

fn expiry(t: &TokenCtx) -> Finding {
    const TITLE: &str = "Not expired (exp)";
    let f = match time_claim(t, "exp") {
        Err(e) => Finding::new("exp", Status::Fail, TITLE, e).with_fix(NOT_STANDARD_FIX),
        Ok(None) => Finding::new(
            "exp",
            Status::Fail,
            TITLE,
            "The token has no exp claim, so nothing limits how long it can be used; an access token \
             must carry one (RFC 9068 §2.2).",
        )
        .with_fix(NOT_STANDARD_FIX),
        Ok(Some(exp)) if exp.saturating_add(LEEWAY_SECONDS) < t.now => Finding::new(
            "exp",
            Status::Fail,
            TITLE,
            format!("The token expired {} ({}).", time::relative(exp, t.now), time::utc(exp)),
        )
        .with_fix(
            "Request a new token and paste the new response; access tokens are short-lived on purpose. \
             (If you just requested it, check your computer's clock.)",
        ),
        Ok(Some(exp)) if exp < t.now => Finding::new(
            "exp",
            Status::Pass,
            TITLE,
            format!(
                "The token expired {} ({}), within the {} s allowed for clock differences.",
                time::relative(exp, t.now),
                time::utc(exp),
                LEEWAY_SECONDS
            ),
        )
        .with_fix("Request a new token soon."),
        Ok(Some(exp)) => Finding::new(
            "exp",
            Status::Pass,
            TITLE,
            format!("Expires {} ({}).", time::relative(exp, t.now), time::utc(exp)),
        ),
    };
    f.with_reference("RFC 7519 §4.1.4")
}

fn not_before(t: &TokenCtx) -> Finding {
    const TITLE: &str = "Already valid (nbf)";
    let f = match time_claim(t, "nbf") {
        Err(e) => Finding::new("nbf", Status::Fail, TITLE, e).with_fix(NOT_STANDARD_FIX),
        Ok(None) => Finding::new("nbf", Status::Skip, TITLE, "No nbf claim."),
        Ok(Some(nbf)) if nbf > t.now.saturating_add(LEEWAY_SECONDS) => Finding::new(
            "nbf",
            Status::Fail,
            TITLE,
            format!(
                "The token is not valid until {} ({}). The server's clock or your computer's clock is off.",
                time::utc(nbf),
                time::relative(nbf, t.now)
            ),
        )
        .with_fix("Check that your computer sets its clock automatically, then check again."),
        Ok(Some(nbf)) => Finding::new(
            "nbf",
            Status::Pass,
            TITLE,
            format!("Valid since {} ({}).", time::utc(nbf), time::relative(nbf, t.now)),
        ),
    };
    f.with_reference("RFC 7519 §4.1.5")
}

fn issued_at(t: &TokenCtx) -> Finding {
    const TITLE: &str = "Issue time (iat)";
    let f = match time_claim(t, "iat") {
        Err(e) => Finding::new("iat", Status::Warn, TITLE, e),
        Ok(None) => Finding::new(
            "iat",
            Status::Info,
            TITLE,
            "The token has no iat claim (optional in JWTs, expected by RFC 9068).",
        ),
        Ok(Some(iat)) if iat > t.now.saturating_add(LEEWAY_SECONDS) => Finding::new(
            "iat",
            Status::Warn,
            TITLE,
            format!(
                "The token says it was issued {} ({}) — in the future. Your computer's clock is \
                 probably behind (or the server's ahead) by about {}.",
                time::relative(iat, t.now),
                time::utc(iat),
                time::span(iat.saturating_sub(t.now))
            ),
        )
        .with_fix("Check that your computer sets its date and time automatically; times here are judged by its clock."),
        Ok(Some(iat)) => Finding::new(
            "iat",
            Status::Pass,
            TITLE,
            format!("Issued {} ({}).", time::relative(iat, t.now), time::utc(iat)),
        ),
    };
    f.with_reference("RFC 7519 §4.1.6")
}

fn lifetime(t: &TokenCtx) -> Option<Finding> {
    let exp = time_claim(t, "exp").ok()??;
    let iat = time_claim(t, "iat").ok()??;
    let life = exp.saturating_sub(iat);
    let mut detail = format!(
        "By its claims the token lives {} (exp − iat = {} s).",
        time::span(life),
        life
    );
    if let Some(n) = t.expires_in {
        let diff = life.saturating_sub(n).saturating_abs();
        if diff <= 60 {
            // The expires_in finding already says it: no second item with the same fact.
            return None;
        } else {
            detail.push_str(&format!(
                " The response's expires_in says {} s, {} apart; servers may count from another moment \
                 (Entra ID, for one, sets iat a few minutes early).",
                n,
                time::span(diff)
            ));
        }
    }
    Some(
        Finding::new(
            "lifetime",
            Status::Info,
            "Lifetime by the token's claims",
            detail,
        )
        .with_reference("RFC 6749 §5.1"),
    )
}
