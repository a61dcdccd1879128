//! `aud` compared with the API the learner entered (RFC 9068 §4), with the providers' own ways of
//! naming an API: Entra ID's application ID or URI, Cognito's scopes, Keycloak's mappers.

use serde_json::Value;

use super::{path_of, strip_slash, TokenCtx, NOT_STANDARD_FIX};
use crate::core::check::text;
use crate::core::facts::is_guid;
use crate::core::provider::Provider;
use crate::core::report::{Finding, Status};
use crate::core::rule::{fill, Rule};

const AUDIENCE: Rule = Rule {
    check: "aud",
    status: Status::Fail,
    title: "Audience (aud)",
    reference: "RFC 9068 §4",
    headline: "The token is not for the API (audience) you entered",
    ..Rule::BLANK
};

/// The `aud` claim's values: a string, or the strings of an array.
fn audiences(v: &Value) -> Option<Vec<&str>> {
    match v {
        Value::String(s) => Some(vec![s.as_str()]),
        Value::Array(a) => Some(a.iter().filter_map(Value::as_str).collect()),
        _ => None,
    }
}

/// The audiences, quoted and listed.
fn shown(l: &[&str]) -> String {
    l.iter()
        .map(|a| text::quote(a, 150))
        .collect::<Vec<_>>()
        .join(", ")
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

/// `https://<tenant>/api/v2/`: Auth0's Management API.
fn is_management_api(aud: &str) -> bool {
    let path = path_of(aud);
    aud.starts_with("https://") && (path == "/api/v2/" || path == "/api/v2")
}

static AUD_NOT_A_STRING: Rule = Rule {
    key: "claims.aud.not_a_string",
    detail: "The aud claim is {value}, not a string or a list of strings.",
    fix: NOT_STANDARD_FIX,
    ..AUDIENCE
};
static ID_TOKEN: Rule = Rule {
    key: "claims.aud.id_token",
    detail: "The token's audience is your client ID ({id}): this is an ID token, which tells an application who signed in, not an access token for your API. \
             Client credentials never return an ID token.",
    fix: "Paste the response of the token request made with the command above (its access_token), not a token from a sign-in.",
    ..AUDIENCE
};
static AUD_NOT_COMPARED: Rule = Rule {
    key: "claims.aud.not_compared",
    status: Status::Skip,
    detail: "{found} It is not compared: no audience was entered.",
    fix: "Enter your API's identifier (the audience) in the form above to check that the token is for your API.",
    ..AUDIENCE
};
const FOR_AUDIENCES: &str = "The token is for {audiences}.";
const NAMES_NO_AUDIENCE: &str = "The token names no audience.";

pub(super) fn check(t: &TokenCtx) -> Finding {
    let entered = t.expect.audience.trim();
    let aud = t.claims.get("aud").filter(|v| !v.is_null());
    let list = aud.and_then(audiences);
    if let (Some(v), None) = (aud, &list) {
        return AUD_NOT_A_STRING.with(&[("value", &text::quote(&v.to_string(), 80))]);
    }
    if let Some(id) = list.as_ref().and_then(|l| id_token_audience(t, l, entered)) {
        return ID_TOKEN.with(&[("id", &text::quote(id, 80))]);
    }
    match list {
        Some(l) if entered.is_empty() && !l.is_empty() => {
            let found = fill(FOR_AUDIENCES, &[("audiences", &shown(&l))]);
            AUD_NOT_COMPARED.with(&[("found", &found)])
        }
        _ if entered.is_empty() => AUD_NOT_COMPARED.with(&[("found", NAMES_NO_AUDIENCE)]),
        Some(l) if !l.is_empty() => compare(t, &l, entered),
        _ => no_audience(t, entered),
    }
}

/// An ID token's audience is the application that asked a user to sign in. (Some servers, such
/// as Spring Authorization Server, put the client ID in an access token's aud too: only Auth0's
/// tokens, or one with an ID token's own claims, are called ID tokens.)
fn id_token_audience<'a>(t: &'a TokenCtx, l: &[&str], entered: &str) -> Option<&'a str> {
    let id = t.expect.client_id.trim();
    let id_token_claims = ["nonce", "at_hash", "c_hash"].iter().any(|c| t.has(c));
    (!id.is_empty()
        && l.contains(&id)
        && !l.contains(&entered)
        && (t.provider == Provider::Auth0 || id_token_claims))
        .then_some(id)
}

// ---------------------------------------------------------------------------------------------
// The token names audiences: is the entered one among them?

static AUD_YOURS: Rule = Rule {
    key: "claims.aud.yours",
    status: Status::Pass,
    detail: "{entered}: the API you entered.{others}",
    ..AUDIENCE
};
/// Said after the entered audience when the token names others too.
const ALSO_FOR: &str = " The token is also for {audiences}.";
static MANAGEMENT_API_ENTERED: Rule = Rule {
    key: "claims.aud.management_api_entered",
    status: Status::Warn,
    detail: "{entered}: the API you entered.{others} \
             This is Auth0's Management API, though, not the API you created for this course.",
    fix: "Enter your own API's Identifier ({auth0_apis} → your API) and request a token for it.",
    ..AUDIENCE
};
static ENTRA_SAME_APP: Rule = Rule {
    key: "claims.aud.entra_same_application",
    status: Status::Pass,
    detail: "The token is for {audiences}, the same Entra ID application as the audience you entered ({entered}): v2 tokens name the application ID, v1 tokens its Application ID URI.",
    ..AUDIENCE
};
static ENTRA_APP_ID: Rule = Rule {
    key: "claims.aud.entra_application_id",
    status: Status::Warn,
    detail: "The token is for {audiences}, an application ID: Entra ID v2 tokens name the API by its application (client) ID, while the audience you entered, {entered}, is an Application ID URI. \
             This page cannot tell whether the two belong to the same API.",
    fix: "Open App registrations → your API → Overview: if its Application (client) ID is the one in the token, all is well (enter that ID as the audience to have it checked).",
    ..AUDIENCE
};

fn compare(t: &TokenCtx, l: &[&str], entered: &str) -> Finding {
    let entra = t.provider == Provider::Entra;
    if l.contains(&entered) {
        let others: Vec<&str> = l.iter().copied().filter(|a| *a != entered).collect();
        let others = if others.is_empty() {
            String::new()
        } else {
            fill(ALSO_FOR, &[("audiences", &shown(&others))])
        };
        let rule = if t.provider == Provider::Auth0 && is_management_api(entered) {
            &MANAGEMENT_API_ENTERED
        } else {
            &AUD_YOURS
        };
        return rule.with(&[("entered", &text::quote(entered, 150)), ("others", &others)]);
    }
    let args = [
        ("audiences", shown(l)),
        ("entered", text::quote(entered, 150)),
    ];
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    if entra && l.iter().any(|a| entra_normal(a) == entra_normal(entered)) {
        ENTRA_SAME_APP.with(&args)
    } else if entra
        && !is_guid(&entra_normal(entered))
        && l.iter().any(|a| is_guid(a) && *a != MICROSOFT_GRAPH)
    {
        // A v2 token names the API by its application ID; a custom Application ID URI
        // (https://contoso.onmicrosoft.com/api, api://my-api) cannot be matched to it here.
        ENTRA_APP_ID.with(&args)
    } else {
        mismatch(l, entered, t.provider)
    }
}

// ---------------------------------------------------------------------------------------------
// Another audience: why, most telling first

/// The sentence before the reason: both audiences.
const FOR_ANOTHER: &str =
    "The token is for {audiences}, but the audience you entered is {entered}. ";
/// The fix when the two differ only in how they are written.
const EXACTLY_FIX: &str = "Use exactly your API's Identifier, character for character, both in the form above and in the request; then request a new token.";
/// Keycloak ignores an `audience` parameter in this request: the audience comes from a mapper.
const KEYCLOAK_AUDIENCE_FIX: &str = "Keycloak takes the audience from the client's mappers, not from the request: in Clients → your client → Client scopes → <client>-dedicated → Add mapper → By configuration → Audience, set Included Custom Audience (or Included Client Audience) to your API and switch on Add to access token; then request a new token.";

static MANAGEMENT_API_REQUESTED: Rule = Rule {
    key: "claims.aud.management_api",
    detail: "{api} is the Auth0 Management API of your tenant, not your own API: the token was requested with the Management API as audience.",
    fix: "Send your own API's Identifier as audience ({auth0_api_settings}), make sure your application is authorized for that API, and request a new token.",
    ..AUDIENCE
};
static TRAILING_SLASH: Rule = Rule {
    key: "claims.aud.trailing_slash",
    detail: "They differ only by a trailing slash, and audiences are compared exactly.",
    fix: EXACTLY_FIX,
    ..AUDIENCE
};
static LETTER_CASE: Rule = Rule {
    key: "claims.aud.letter_case",
    detail: "They differ only in upper and lower case, and audiences are compared exactly.",
    fix: EXACTLY_FIX,
    ..AUDIENCE
};
static MICROSOFT_GRAPH_TOKEN: Rule = Rule {
    key: "claims.aud.microsoft_graph",
    detail: "The token is for Microsoft Graph, not for your API.",
    fix: "Request the token with `scope=api://<your API's application ID>/.default`.",
    ..AUDIENCE
};
static KEYCLOAK_ACCOUNT: Rule = Rule {
    key: "claims.aud.keycloak_account",
    detail: "`account` is Keycloak's own account console, which it adds by default; nothing adds your API yet.",
    fix: KEYCLOAK_AUDIENCE_FIX,
    ..AUDIENCE
};
static KEYCLOAK_MAPPERS: Rule = Rule {
    key: "claims.aud.keycloak_mappers",
    detail: "Your API is not among the audiences Keycloak's mappers add to this client's tokens.",
    fix: KEYCLOAK_AUDIENCE_FIX,
    ..AUDIENCE
};
static OTHER_API: Rule = Rule {
    key: "claims.aud.other_api",
    detail: "The token was requested for another API.",
    fix: "If the audience you entered above is wrong, correct it; otherwise request a new token with your API's identifier as the audience.",
    ..AUDIENCE
};

fn mismatch(l: &[&str], entered: &str, provider: Provider) -> Finding {
    let lead = fill(
        FOR_ANOTHER,
        &[
            ("audiences", &shown(l)),
            ("entered", &text::quote(entered, 150)),
        ],
    );
    if let Some(m) = l.iter().find(|a| is_management_api(a)) {
        return MANAGEMENT_API_REQUESTED.after(&lead, &[("api", &text::quote(m, 150))]);
    }
    let rule = if l.iter().any(|a| strip_slash(a) == strip_slash(entered)) {
        &TRAILING_SLASH
    } else if l.iter().any(|a| a.eq_ignore_ascii_case(entered)) {
        &LETTER_CASE
    } else if l
        .iter()
        .any(|a| a.contains("graph.microsoft.com") || *a == MICROSOFT_GRAPH)
    {
        &MICROSOFT_GRAPH_TOKEN
    } else if provider == Provider::Keycloak && l.contains(&"account") {
        &KEYCLOAK_ACCOUNT
    } else if provider == Provider::Keycloak {
        &KEYCLOAK_MAPPERS
    } else {
        &OTHER_API
    };
    rule.after(&lead, &[])
}

// ---------------------------------------------------------------------------------------------
// The token names no audience

static COGNITO_SCOPE: Rule = Rule {
    key: "claims.aud.cognito_scope",
    status: Status::Pass,
    detail: "Cognito access tokens carry no aud claim; the scope {scope} belongs to the resource server {entered} that you entered.",
    ..AUDIENCE
};
static COGNITO_NO_SCOPE: Rule = Rule {
    key: "claims.aud.cognito_no_scope",
    status: Status::Warn,
    detail: "Cognito access tokens carry no aud claim, and no granted scope starts with {prefix}, so nothing ties this token to the resource server you entered.",
    fix: "Request a scope of your resource server (for example `<identifier>/read`) in the token request.",
    ..AUDIENCE
};
const NO_AUDIENCE: Rule = Rule {
    detail: "The token names no audience, so nothing says it is meant for your API ({entered}).",
    ..AUDIENCE
};
static NO_AUDIENCE_AUTH0: Rule = Rule {
    key: "claims.aud.missing_auth0",
    fix: "Send `audience=<your API identifier>` in the token request and paste the new response.",
    ..NO_AUDIENCE
};
static NO_AUDIENCE_KEYCLOAK: Rule = Rule {
    key: "claims.aud.missing_keycloak",
    fix: KEYCLOAK_AUDIENCE_FIX,
    ..NO_AUDIENCE
};
static NO_AUDIENCE_OTHER: Rule = Rule {
    key: "claims.aud.missing",
    fix: "Request the token for your API (with the `audience` or `resource` parameter your server expects) and paste the new response.",
    ..NO_AUDIENCE
};

fn no_audience(t: &TokenCtx, entered: &str) -> Finding {
    let entered_q = text::quote(entered, 150);
    if t.provider == Provider::Cognito {
        let scopes = t.scope.or_else(|| t.str_claim("scope")).unwrap_or("");
        let prefix = format!("{}/", strip_slash(entered));
        return match scopes
            .split_ascii_whitespace()
            .find(|s| s.starts_with(&prefix))
        {
            Some(s) => {
                COGNITO_SCOPE.with(&[("scope", &text::quote(s, 150)), ("entered", &entered_q)])
            }
            None => COGNITO_NO_SCOPE.with(&[("prefix", &text::quote(&prefix, 150))]),
        };
    }
    let rule = match t.provider {
        Provider::Auth0 => &NO_AUDIENCE_AUTH0,
        Provider::Keycloak => &NO_AUDIENCE_KEYCLOAK,
        _ => &NO_AUDIENCE_OTHER,
    };
    rule.with(&[("entered", &entered_q)])
}

/// Every rule of this module, for the catalog (`crate::core::check::catalog`).
pub(crate) const RULES: &[&Rule] = &[
    &AUD_NOT_A_STRING,
    &ID_TOKEN,
    &AUD_NOT_COMPARED,
    &AUD_YOURS,
    &MANAGEMENT_API_ENTERED,
    &ENTRA_SAME_APP,
    &ENTRA_APP_ID,
    &MANAGEMENT_API_REQUESTED,
    &TRAILING_SLASH,
    &LETTER_CASE,
    &MICROSOFT_GRAPH_TOKEN,
    &KEYCLOAK_ACCOUNT,
    &KEYCLOAK_MAPPERS,
    &OTHER_API,
    &COGNITO_SCOPE,
    &COGNITO_NO_SCOPE,
    &NO_AUDIENCE_AUTH0,
    &NO_AUDIENCE_KEYCLOAK,
    &NO_AUDIENCE_OTHER,
];
