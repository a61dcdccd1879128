//! Error responses (RFC 6749 §5.2): quote what the server said, then explain the likely cause and
//! the fix. [`EXPLAINERS`] lists the explanations in order of precedence — Auth0's common cases
//! first, then Keycloak, Entra ID and Okta, then the RFC meaning of each code — and the first that
//! recognises the error explains it. Real servers add members (`error_codes`, `trace_id`), put
//! them in any order and sometimes use non-standard `error` values; all of that is accepted.

use serde_json::{Map, Value};

use super::http_status;
use super::text;
use super::Expectations;
use crate::core::provider::Provider;
use crate::core::report::{Finding, Status};
use crate::core::rule::{fill, Rule};

/// The base of every error rule: its title is the likely cause, which the headline repeats.
const ERROR: Rule = Rule {
    check: "error_response",
    status: Status::Fail,
    reference: "RFC 6749 §5.2",
    headline: "The server answered with an error instead of a token: {cause}",
    ..Rule::BLANK
};

/// Is this object an error response (a non-null `error` and no usable `access_token`)?
pub(crate) fn is_error_response(map: &Map<String, Value>) -> bool {
    // Okta answers some requests (a wrong method or path) in its API error format instead:
    // {"errorCode": "E0000022", "errorSummary": "…", …}.
    let okta_api_error = map.get("errorCode").is_some_and(Value::is_string)
        && map.get("errorSummary").is_some_and(Value::is_string);
    (map.get("error").is_some_and(|v| !v.is_null()) || okta_api_error)
        && map
            .get("access_token")
            .and_then(Value::as_str)
            .is_none_or(|t| t.trim().is_empty())
}

/// The error as the explainers read it.
struct Error<'a> {
    /// The code as sent.
    code: &'a str,
    /// The code, trimmed and lower-cased.
    c: String,
    /// The description as sent ("" when none).
    desc: &'a str,
    /// The description, lower-cased.
    dl: String,
    provider: Provider,
    status: Option<u16>,
    expect: &'a Expectations,
    /// The Entra ID error number (`AADSTS7000215` → 7000215).
    aadsts: Option<u64>,
}

/// A rule and the values of its slots.
type Explained = (&'static Rule, Vec<(&'static str, String)>);

fn just(rule: &'static Rule) -> Option<Explained> {
    Some((rule, Vec::new()))
}

/// Every explanation of a cause, in order of precedence; an error none of them recognises is
/// explained by its code ([`by_code`]).
const EXPLAINERS: &[fn(&Error) -> Option<Explained>] = &[
    rate_limited,
    auth0_not_authorized,
    auth0_scope_not_granted,
    keycloak_service_account,
    keycloak_wrong_secret,
    grant_not_allowed,
    auth0_unknown_audience,
    auth0_no_audience_v1,
    no_audience,
    entra,
    okta_no_policy,
    okta_org_server,
    okta_no_default_scope,
];

/// The Entra ID error number (`AADSTS7000215` → 7000215), from the description or `error_codes`.
fn aadsts(desc: &str, map: &Map<String, Value>) -> Option<u64> {
    if let Some(k) = desc.find("AADSTS") {
        let digits: String = desc
            .get(k + 6..)
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .take(12)
            .collect();
        if let Ok(n) = digits.parse() {
            return Some(n);
        }
    }
    map.get("error_codes")
        .and_then(Value::as_array)
        .and_then(|a| a.first())
        .and_then(Value::as_u64)
}

/// What follows `marker` in the description: the quoted text right after it (possibly after a
/// few words, as in `access resource server "…"`), else the rest of its line.
fn quoted_after<'a>(desc: &'a str, marker: &str) -> Option<&'a str> {
    let lower = desc.to_ascii_lowercase();
    let k = lower.find(&marker.to_ascii_lowercase())? + marker.len();
    let rest = desc.get(k..)?;
    let quotes = ['"', '\'', '“', '”', '`'];
    let v = match rest.find(quotes) {
        Some(q) if q <= 40 && !rest.get(..q).unwrap_or("").contains('.') => {
            let open = rest.get(q..)?.chars().next()?;
            let inner = rest.get(q + open.len_utf8()..)?;
            let close = inner.find(quotes).unwrap_or(inner.len());
            inner.get(..close)?
        }
        _ => {
            let line = rest.split('\n').next().unwrap_or("");
            line.trim().trim_end_matches('.')
        }
    };
    let v = v.trim();
    if v.is_empty() {
        None
    } else {
        Some(v)
    }
}

fn infer_provider(given: Provider, desc: &str, map: &Map<String, Value>) -> Provider {
    if given != Provider::Generic {
        return given;
    }
    if desc.contains("AADSTS")
        || map.contains_key("error_codes")
        || map.contains_key("correlation_id")
    {
        Provider::Entra
    } else if map.contains_key("errorCode") || map.contains_key("errorSummary") {
        Provider::Okta
    } else if text::contains_ci(desc, "client-grant")
        || text::contains_ci(desc, "service not found")
    {
        Provider::Auth0
    } else {
        Provider::Generic
    }
}

// ---------------------------------------------------------------------------------------------
// Wrong credentials: the fix says where each provider shows them

const WRONG_CREDENTIALS: Rule = Rule {
    title: "Wrong client ID or secret",
    detail: "The server could not authenticate your application: the client ID or the client secret is wrong, belongs to another application or tenant, or was sent in a way the server does not accept.",
    ..ERROR
};
static WRONG_CREDENTIALS_AUTH0: Rule = Rule {
    key: "errors.auth0.wrong_credentials",
    fix: "Copy the Client ID and Client Secret again from {auth0_app_settings} (the copy buttons avoid stray spaces), and check that the token endpoint is on the same tenant as that application. \
          If you chose HTTP Basic above, try the form body: the application's Credentials tab says which one it accepts.",
    ..WRONG_CREDENTIALS
};
static WRONG_CREDENTIALS_OKTA: Rule = Rule {
    key: "errors.okta.wrong_credentials",
    fix: "Copy the Client ID and secret again from Applications → your app → General. \
          Check its Client authentication setting (Client secret) and whether it expects the secret in the Authorization header (client_secret_basic) or in the body (client_secret_post).",
    ..WRONG_CREDENTIALS
};
static WRONG_CREDENTIALS_KEYCLOAK: Rule = Rule {
    key: "errors.keycloak.wrong_credentials",
    fix: "Copy the secret again from Clients → your client → Credentials, and use the client's Client ID (not its internal UUID). \
          The client needs Client authentication switched on.",
    ..WRONG_CREDENTIALS
};
static WRONG_CREDENTIALS_ENTRA: Rule = Rule {
    key: "errors.entra.wrong_credentials",
    fix: "Use the Application (client) ID from the app's Overview page and a client secret's Value (not its Secret ID) from Certificates & secrets; check the tenant in the URL.",
    ..WRONG_CREDENTIALS
};
static WRONG_CREDENTIALS_GENERIC: Rule = Rule {
    key: "errors.wrong_credentials",
    fix: "Copy the client ID and secret again. \
          If you send them with HTTP Basic, both must be form-encoded before they are joined with `:` and base64-encoded (RFC 6749 §2.3.1); sending them as form fields in the body avoids that.",
    ..WRONG_CREDENTIALS
};

fn wrong_credentials(provider: Provider) -> Explained {
    let rule: &'static Rule = match provider {
        Provider::Auth0 => &WRONG_CREDENTIALS_AUTH0,
        Provider::Okta => &WRONG_CREDENTIALS_OKTA,
        Provider::Keycloak => &WRONG_CREDENTIALS_KEYCLOAK,
        Provider::Entra => &WRONG_CREDENTIALS_ENTRA,
        _ => &WRONG_CREDENTIALS_GENERIC,
    };
    (rule, Vec::new())
}

// ---------------------------------------------------------------------------------------------
// Rate limits

static RATE_LIMITED: Rule = Rule {
    key: "errors.rate_limited",
    title: "Too many token requests",
    detail: "The server is limiting how often your application may ask for a token, and this request went over the limit.",
    fix: "Wait a minute, then send the request once. \
          Afterwards reuse the token until it expires instead of requesting a new one every time; Auth0 also counts Machine to Machine tokens against a monthly quota on its free plan.",
    reference: "RFC 6585 §4",
    ..ERROR
};

/// Rate limits (Auth0 also uses the non-standard error "Rate limit reached").
fn rate_limited(e: &Error) -> Option<Explained> {
    let limited = e.c.contains("rate limit")
        || e.c == "too_many_requests"
        || e.c == "slow_down"
        || e.status == Some(429)
        || e.dl.contains("rate limit")
        || e.dl.contains("too many requests")
        || e.dl.contains("quota");
    limited.then_some((&RATE_LIMITED, Vec::new()))
}

// ---------------------------------------------------------------------------------------------
// Auth0

const M2M_REFERENCE: &str = "Auth0: Machine to Machine applications";

static OTHER_API: Rule = Rule {
    key: "errors.auth0.other_api",
    title: "The request named another API",
    detail: "The request asked for a token for {named} ({which}), and your application is not authorized for that one. \
             The audience entered above is {entered}.",
    fix: "Send your own API's identifier as the audience: copy the command above again (it uses the Audience field) and run it.",
    reference: M2M_REFERENCE,
    ..ERROR
};
const MANAGEMENT_API: &str = "the Auth0 Management API";
const ANOTHER_API: &str = "another API";
static NOT_AUTHORIZED: Rule = Rule {
    key: "errors.auth0.not_authorized",
    title: "Application not authorized for the API",
    detail: "Your application has not been authorized to call this API{api}. \
             Auth0 issues client-credentials tokens for an API only to applications that were granted access to it (a \"client grant\").",
    fix: "In the Auth0 dashboard open {auth0_m2m_tab} tab, switch your application to Authorized, choose the permissions it may get, click Update, and send the request again.",
    reference: M2M_REFERENCE,
    ..ERROR
};

/// Auth0: the M2M application is not authorized for the API (two wordings are in use).
fn auth0_not_authorized(e: &Error) -> Option<Explained> {
    let matches = e.dl.contains("client-grant")
        || e.dl.contains("client grant")
        || (e.c == "access_denied" && e.dl.contains("not authorized to access"));
    if !matches {
        return None;
    }
    let named = quoted_after(e.desc, "access ");
    let entered = e.expect.audience.trim();
    // The request named another API than the one entered: the audience is what to change.
    if let Some(a) = named
        .filter(|a| !entered.is_empty() && a.trim_end_matches('/') != entered.trim_end_matches('/'))
    {
        let which = if a.contains("/api/v2") {
            MANAGEMENT_API
        } else {
            ANOTHER_API
        };
        return Some((
            &OTHER_API,
            vec![
                ("named", text::quote(a, 100)),
                ("which", which.to_string()),
                ("entered", text::quote(entered, 100)),
            ],
        ));
    }
    let api = named
        .map(|a| format!(" ({})", text::quote(a, 100)))
        .unwrap_or_default();
    Some((&NOT_AUTHORIZED, vec![("api", api)]))
}

const SCOPE_NOT_GRANTED: Rule = Rule {
    title: "Permission not granted",
    detail: "Your application may call the API, but it was not granted every permission the request asks for in scope{asked}.",
    reference: M2M_REFERENCE,
    ..ERROR
};
static SCOPE_NOT_GRANTED_USER: Rule = Rule {
    key: "errors.auth0.user_scopes",
    fix: "Remove them from the Scope field and run the command again: `openid`, `profile` and `email` are for signing users in, and an application acting for itself never gets them.",
    ..SCOPE_NOT_GRANTED
};
static SCOPE_NOT_GRANTED_API: Rule = Rule {
    key: "errors.auth0.scope_not_granted",
    fix: "Either grant them: {auth0_m2m_tab} tab, expand your application, tick the permissions and click Update. \
          Or leave them out of Scope (with no scope, Auth0 gives every permission the application was granted). \
          `openid`, `profile` and `email` are for signing users in; an application never gets them.",
    ..SCOPE_NOT_GRANTED
};

/// The scopes of OpenID Connect, which describe a user.
const USER_SCOPES: [&str; 5] = ["openid", "profile", "email", "offline_access", "address"];

/// Auth0: authorized for the API, but not for a permission the request asks for.
fn auth0_scope_not_granted(e: &Error) -> Option<Explained> {
    if !e.dl.contains("not been granted scope") {
        return None;
    }
    let listed = e.desc.split_once(':').map(|(_, s)| s.trim());
    let asked = listed
        .map(|s| format!(" ({})", text::quote(s, 100)))
        .unwrap_or_default();
    let only_user_scopes =
        listed.is_some_and(|s| s.split_whitespace().all(|w| USER_SCOPES.contains(&w)));
    let rule = if only_user_scopes {
        &SCOPE_NOT_GRANTED_USER
    } else {
        &SCOPE_NOT_GRANTED_API
    };
    Some((rule, vec![("asked", asked)]))
}

const UNKNOWN_AUDIENCE: Rule = Rule {
    title: "Unknown audience",
    fix: "Copy the Identifier from {auth0_api_settings} and send exactly that value as `audience` — same spelling, same http or https, same trailing slash or none. \
          The identifier does not have to be a reachable URL.",
    reference: "Auth0: API settings (Identifier)",
    ..ERROR
};
static UNKNOWN_AUDIENCE_NAMED: Rule = Rule {
    key: "errors.auth0.unknown_audience",
    detail: "No API in this tenant has the identifier {sent} that was sent as audience.{older}",
    ..UNKNOWN_AUDIENCE
};
static UNKNOWN_AUDIENCE_UNNAMED: Rule = Rule {
    key: "errors.unknown_audience",
    detail: "The audience that was sent does not name any API in this tenant.",
    ..UNKNOWN_AUDIENCE
};
/// Said in [`UNKNOWN_AUDIENCE_NAMED`] when the Audience field holds another value.
const OLDER_VALUE: &str =
    " (The audience entered above is {entered}, which differs: was the command sent with an older value?)";

/// Auth0: an audience that names no API in the tenant. Auth0 says "Service not enabled within
/// domain: <audience>" for an identifier it does not know on the domain the request went to
/// (another tenant's API, a custom domain in the identifier).
fn auth0_unknown_audience(e: &Error) -> Option<Explained> {
    let dl = &e.dl;
    let matches = dl.contains("service not found")
        || dl.contains("service not enabled within domain")
        || (dl.contains("audience")
            && (dl.contains("not found")
                || dl.contains("does not exist")
                || dl.contains("invalid")));
    if !matches {
        return None;
    }
    let sent = quoted_after(e.desc, "service not found:")
        .or_else(|| quoted_after(e.desc, "service not enabled within domain:"));
    let Some(a) = sent else {
        return just(&UNKNOWN_AUDIENCE_UNNAMED);
    };
    let entered = e.expect.audience.trim();
    let older = if !entered.is_empty() && entered != a {
        fill(OLDER_VALUE, &[("entered", &text::quote(entered, 120))])
    } else {
        String::new()
    };
    Some((
        &UNKNOWN_AUDIENCE_NAMED,
        vec![("sent", text::quote(a, 120)), ("older", older)],
    ))
}

const NO_AUDIENCE: Rule = Rule {
    title: "No audience sent",
    reference: "Auth0: audience parameter",
    ..ERROR
};
static NO_AUDIENCE_V1: Rule = Rule {
    key: "errors.auth0.no_audience_api_v1",
    detail: "The request named no API (audience), so Auth0 took it to be for its old Management API v1, which applications like yours may not use.",
    fix: "Add `audience=<your API identifier>` to the request body, with the Identifier from {auth0_apis} → your API, and send it again.",
    ..NO_AUDIENCE
};
static NO_AUDIENCE_DEFAULT: Rule = Rule {
    key: "errors.no_audience",
    detail: "The request named no API (audience), and the tenant has no default one to use.",
    fix: "Add `audience=<your API identifier>` to the request body, with the Identifier from {auth0_apis} → your API. \
          (A tenant's Default Audience, under {auth0_default_audience}, is not always applied to client credentials requests, so send the audience in the request.)",
    ..NO_AUDIENCE
};

/// No audience, as an old Auth0 tenant words it: without one the request is taken to be for the
/// retired Management API v1.
fn auth0_no_audience_v1(e: &Error) -> Option<Explained> {
    (e.dl.contains("apiv1") || e.dl.contains("api v1")).then_some((&NO_AUDIENCE_V1, Vec::new()))
}

/// No audience at all.
fn no_audience(e: &Error) -> Option<Explained> {
    let dl = &e.dl;
    let missing = dl.contains("no audience")
        || (dl.contains("audience")
            && (dl.contains("required") || dl.contains("missing") || dl.contains("provide")));
    missing.then_some((&NO_AUDIENCE_DEFAULT, Vec::new()))
}

// ---------------------------------------------------------------------------------------------
// Keycloak

static SERVICE_ACCOUNTS_OFF: Rule = Rule {
    key: "errors.keycloak.service_accounts_off",
    title: "Service accounts not enabled",
    detail: "The Keycloak client is not allowed to get tokens for itself: its service account is switched off.",
    fix: "In the Keycloak admin console open Clients → your client → Settings → Capability config, switch Client authentication on and tick Service accounts roles (older versions: Access Type confidential and Service Accounts Enabled), save, and try again.",
    reference: "Keycloak: service accounts",
    ..ERROR
};

/// Keycloak: service accounts are off for the client.
fn keycloak_service_account(e: &Error) -> Option<Explained> {
    e.dl.contains("service account")
        .then_some((&SERVICE_ACCOUNTS_OFF, Vec::new()))
}

/// Keycloak answers a wrong secret (or an unknown client) with unauthorized_client: "Invalid
/// client secret", "Invalid client or Invalid client credentials".
fn keycloak_wrong_secret(e: &Error) -> Option<Explained> {
    let wrong = e.c == "unauthorized_client"
        && (e.dl.contains("invalid client secret") || e.dl.contains("invalid client credentials"));
    wrong.then(|| wrong_credentials(e.provider))
}

// ---------------------------------------------------------------------------------------------
// The grant is not enabled for the application

static OKTA_GRANT_OFF: Rule = Rule {
    key: "errors.okta.grant_not_enabled",
    title: "Client credentials not enabled for the app",
    detail: "The Okta app is not allowed to use the client credentials grant.",
    fix: "In the Okta Admin Console open Applications → your app → General → General Settings → Edit and tick Client Credentials. \
          The flow needs an API Services app (or a web app with a client secret).",
    reference: "Okta: client credentials flow",
    ..ERROR
};
static GRANT_NOT_ALLOWED_APP: Rule = Rule {
    key: "errors.auth0.grant_not_allowed",
    title: "Grant type not allowed for this application",
    detail: "The application is not allowed to use the client credentials grant. \
             Most often it was created as a Single Page or Native application (they cannot keep a secret), or the grant was switched off in its advanced settings.",
    fix: "Create a Machine to Machine application ({auth0_create_m2m}), authorize it for your API, and use its client ID and secret. \
          For a Regular Web Application you can instead tick Client Credentials under Settings → Advanced Settings → Grant Types.",
    ..ERROR
};

/// The client credentials grant is not enabled for the application.
fn grant_not_allowed(e: &Error) -> Option<Explained> {
    if !(e.c == "unauthorized_client"
        && (e.dl.contains("grant") || e.dl.contains("client_credentials")))
    {
        return None;
    }
    if e.provider == Provider::Okta || e.dl.contains("configured grant types") {
        just(&OKTA_GRANT_OFF)
    } else {
        just(&GRANT_NOT_ALLOWED_APP)
    }
}

// ---------------------------------------------------------------------------------------------
// Microsoft Entra ID: the AADSTS number names the cause

const SCOPE_DEFAULT: Rule = Rule {
    title: "Scope must end in /.default",
    reference: "Microsoft Entra: client credentials scope",
    ..ERROR
};
static ENTRA_WRONG_SECRET: Rule = Rule {
    key: "errors.entra.wrong_secret",
    title: "Wrong client secret",
    detail: "Entra ID says the client secret is invalid (AADSTS7000215). \
             A common slip is sending the secret's Secret ID instead of its Value.",
    fix: "In {entra_secrets}, create a new client secret and copy its Value at once (it is shown only once), then send that value.",
    reference: "Microsoft Entra: AADSTS7000215",
    ..ERROR
};
static ENTRA_SECRET_EXPIRED: Rule = Rule {
    key: "errors.entra.secret_expired",
    title: "Client secret expired",
    detail: "The client secret has expired (AADSTS7000222).",
    fix: "Create a new client secret in {entra_secrets} and use its Value.",
    reference: "Microsoft Entra: AADSTS7000222",
    ..ERROR
};
static ENTRA_APP_NOT_FOUND: Rule = Rule {
    key: "errors.entra.app_not_found",
    title: "Application not found in this tenant",
    detail: "Entra ID found no application with this client ID in the tenant of the URL (AADSTS700016).",
    fix: "Check the client ID (Application (client) ID on the app's Overview page) and that the tenant in the token endpoint is the one where the app is registered.",
    reference: "Microsoft Entra: AADSTS700016",
    ..ERROR
};
static ENTRA_SCOPE_FORM: Rule = Rule {
    key: "errors.entra.scope_form",
    detail: "For client credentials Entra ID needs the scope to be a resource followed by `/.default`; the scope sent was missing or in another form.",
    fix: "Send `scope=<resource>/.default`, for example `api://<application ID of your API>/.default` or `https://graph.microsoft.com/.default`.",
    ..SCOPE_DEFAULT
};
static ENTRA_RESOURCE_NOT_FOUND: Rule = Rule {
    key: "errors.entra.resource_not_found",
    title: "Resource not found in this tenant",
    detail: "The resource named in the scope does not exist in this tenant (AADSTS500011).",
    fix: "Use the Application ID URI from the API's Expose an API page, followed by `/.default`, and check that the API is registered in the same tenant.",
    reference: "Microsoft Entra: AADSTS500011",
    ..ERROR
};
static ENTRA_NOT_ASSIGNED: Rule = Rule {
    key: "errors.entra.app_not_assigned",
    title: "Application not assigned to the API",
    detail: "The API requires applications to be assigned to it, and yours has no application role on it (AADSTS501051).",
    fix: "In App registrations → your API → App roles, create a role for applications; then in your client app → API permissions → Add a permission → My APIs, add that role as an application permission and grant admin consent. \
          (Or, in Enterprise applications → your API → Properties, set Assignment required to No.)",
    reference: "Microsoft Entra: AADSTS501051",
    ..ERROR
};
static ENTRA_TENANT_NOT_FOUND: Rule = Rule {
    key: "errors.entra.tenant_not_found",
    title: "Tenant not found",
    detail: "The tenant in the token endpoint URL does not exist.",
    fix: "Use your Directory (tenant) ID from the app's Overview page in the URL: https://login.microsoftonline.com/<tenant ID>/oauth2/v2.0/token.",
    reference: "Microsoft Entra: AADSTS90002",
    ..ERROR
};
static ENTRA_PARAMETER_MISSING: Rule = Rule {
    key: "errors.entra.parameter_missing",
    title: "A parameter is missing from the request",
    detail: "Entra ID did not find a required parameter in the body (it is named in the description).",
    fix: "Send the parameters as form fields (Content-Type: application/x-www-form-urlencoded): grant_type, client_id, client_secret and scope.",
    reference: "RFC 6749 §4.4.2",
    ..ERROR
};

/// The AADSTS numbers explained, one entry a cause.
const AADSTS: &[(&[u64], &Rule)] = &[
    (&[7_000_215], &ENTRA_WRONG_SECRET),
    (&[7_000_222], &ENTRA_SECRET_EXPIRED),
    (&[700_016], &ENTRA_APP_NOT_FOUND),
    (&[1_002_012, 70_011, 1_002_013], &ENTRA_SCOPE_FORM),
    (&[500_011], &ENTRA_RESOURCE_NOT_FOUND),
    (&[501_051], &ENTRA_NOT_ASSIGNED),
    (&[90_002, 90_013], &ENTRA_TENANT_NOT_FOUND),
    (&[900_144, 7_000_218], &ENTRA_PARAMETER_MISSING),
];

fn entra(e: &Error) -> Option<Explained> {
    let n = e.aadsts?;
    AADSTS
        .iter()
        .find(|(codes, _)| codes.contains(&n))
        .map(|(_, rule)| (*rule, Vec::new()))
}

// ---------------------------------------------------------------------------------------------
// Okta

const OKTA_FLOW: &str = "Okta: client credentials flow";

static OKTA_NO_POLICY: Rule = Rule {
    key: "errors.okta.no_access_policy",
    title: "No access policy allows this request",
    detail: "The Okta authorization server has no access policy rule that lets this application use the client credentials grant with the scopes it asked for.",
    fix: "In Security → API → Authorization Servers → your server → Access Policies, add a policy that applies to your app, with a rule that allows the Client Credentials grant and the scopes you request; then send the request again.",
    reference: "Okta: access policies",
    ..ERROR
};

/// Okta: no access policy rule lets this app get a token from the authorization server.
fn okta_no_policy(e: &Error) -> Option<Explained> {
    (e.c == "access_denied" && e.dl.contains("policy evaluation failed"))
        .then_some((&OKTA_NO_POLICY, Vec::new()))
}

static OKTA_ORG_SERVER: Rule = Rule {
    key: "errors.okta.org_server",
    title: "Use a custom authorization server",
    detail: "This is Okta's org authorization server, which issues client-credentials tokens only for Okta's own APIs and only to clients that sign a JWT (private_key_jwt).",
    fix: "Send the request to a custom authorization server instead, for example https://<your Okta domain>/oauth2/default/v1/token, with a custom scope defined there.",
    reference: OKTA_FLOW,
    ..ERROR
};

/// Okta's org authorization server (/oauth2/v1/token) accepts client credentials only with
/// private_key_jwt, for Okta's own APIs.
fn okta_org_server(e: &Error) -> Option<Explained> {
    (e.c == "invalid_client" && e.dl.contains("private_key_jwt"))
        .then_some((&OKTA_ORG_SERVER, Vec::new()))
}

static OKTA_NO_DEFAULT_SCOPE: Rule = Rule {
    key: "errors.okta.no_default_scope",
    title: "No scope requested, and no default scope",
    detail: "The Okta authorization server has no default scope, so a client-credentials request must name one.",
    fix: "Create a custom scope in Security → API → Authorization Servers → your server → Scopes (for example `api:read`) and send it as `scope=api:read`. \
          Client credentials cannot use OpenID scopes such as `openid`.",
    reference: OKTA_FLOW,
    ..ERROR
};

fn okta_no_default_scope(e: &Error) -> Option<Explained> {
    e.dl.contains("default scopes")
        .then_some((&OKTA_NO_DEFAULT_SCOPE, Vec::new()))
}

// ---------------------------------------------------------------------------------------------
// The RFC 6749 codes

static ENTRA_INVALID_SCOPE: Rule = Rule {
    key: "errors.entra.invalid_scope",
    detail: "For client credentials Entra ID needs the scope to be a resource followed by `/.default`.",
    fix: "Send `scope=<resource>/.default`, for example `api://<application ID of your API>/.default`.",
    ..SCOPE_DEFAULT
};
static INVALID_SCOPE: Rule = Rule {
    key: "errors.invalid_scope",
    title: "Scope not allowed",
    detail: "A scope in the request is unknown to the server or not granted to this client.",
    fix: "Check the spelling of the scope, or leave the scope parameter out to get the scopes the client was granted.",
    ..ERROR
};
static SECRET_NOT_PROVIDED: Rule = Rule {
    key: "errors.secret_not_provided",
    title: "The client secret did not arrive",
    detail: "The server did not find the client secret in the request: it was left out, or sent in a way this server does not read.",
    fix: "Fill in the Client secret field and use the command above; if it still fails, switch the client authentication choice (body or HTTP Basic).",
    reference: "RFC 6749 §2.3.1",
    ..ERROR
};
static UNAUTHORIZED_CLIENT: Rule = Rule {
    key: "errors.unauthorized_client",
    title: "Grant type not allowed for this client",
    detail: "The client is not allowed to use the client credentials grant.",
    fix: "Enable the client credentials grant for the application in your server's settings, or use an application type meant for Machine to Machine access.",
    ..ERROR
};
static GRANT_NOT_OFFERED: Rule = Rule {
    key: "errors.grant_not_offered",
    title: "Grant type not offered",
    detail: "The server read `grant_type=client_credentials` and does not offer that grant at this endpoint.",
    fix: "Check that this is the token endpoint of a server that offers the client credentials grant (Auth0, Okta, Keycloak, Entra ID and Cognito do; Google does not).",
    ..ERROR
};
static GRANT_MISSPELLED: Rule = Rule {
    key: "errors.grant_type_misspelled",
    title: "Grant type misspelled",
    detail: "The server received the grant type {got}; it must be exactly `client_credentials`.",
    fix: "Fix grant_type in your command, or use the command generated above.",
    reference: "RFC 6749 §4.4.2",
    ..ERROR
};
static GRANT_NOT_RECOGNIZED: Rule = Rule {
    key: "errors.unsupported_grant_type",
    title: "Grant type not recognized",
    detail: "The server did not see `grant_type=client_credentials`: it is missing or misspelled, or the body was not sent as a form (for example the Content-Type header is wrong, or the shell split the command).",
    fix: "Send `grant_type=client_credentials` in a form-encoded body with `Content-Type: application/x-www-form-urlencoded` (curl's -d and --data-urlencode set it for you).",
    reference: "RFC 6749 §4.4.2",
    ..ERROR
};
static ENTRA_NEEDS_SCOPE: Rule = Rule {
    key: "errors.entra.scope_missing",
    title: "Entra ID needs a scope",
    detail: "For client credentials Entra ID requires a scope: your API's application ID URI followed by `/.default`.",
    fix: "Put `api://<application ID of your API>/.default` in the Scope field and send the command again.",
    reference: "Microsoft Entra: client credentials scope",
    ..ERROR
};
static PARAMETER_MISSING: Rule = Rule {
    key: "errors.parameter_missing",
    title: "A parameter did not arrive",
    detail: "A parameter the server needs did not arrive{name}. \
             If your command has it, the body got mangled on the way: JSON sent without `Content-Type: application/json`, or a shell that split the command at a quote or a line break (cmd does not understand single quotes).",
    fix: "Use the command generated above for your shell, unchanged: it sends every value form-encoded, quoted the way that shell needs.",
    reference: "RFC 6749 §4.4.2",
    ..ERROR
};
static INVALID_REQUEST: Rule = Rule {
    key: "errors.invalid_request",
    title: "The request is malformed",
    detail: "A required parameter is missing, repeated or malformed, or the body is in a format the server does not read.",
    fix: "Look for the parameter named in the description, and compare your command with the one generated above.",
    ..ERROR
};
static INVALID_GRANT: Rule = Rule {
    key: "errors.invalid_grant",
    title: "The grant was rejected",
    detail: "The server rejected the grant itself. \
             For client credentials this is unusual: the request may have used another grant type (password, authorization code, refresh token).",
    fix: "Send `grant_type=client_credentials` with the application's client ID and secret, as in the command above.",
    ..ERROR
};
static ACCESS_DENIED: Rule = Rule {
    key: "errors.access_denied",
    title: "Access denied",
    detail: "The server refused to issue the token.",
    fix: "Read the description for the reason; on Auth0 check that the application is authorized for the API ({auth0_m2m_tab}).",
    reference: "RFC 6749 §4.1.2.1",
    ..ERROR
};
static SERVER_PROBLEM: Rule = Rule {
    key: "errors.server_error",
    title: "Server problem",
    detail: "The server had a problem of its own while handling the request.",
    fix: "Wait a moment and send the request again; if it keeps failing, check the provider's status page.",
    reference: "RFC 6749 §4.1.2.1",
    ..ERROR
};
static NON_STANDARD_CODE: Rule = Rule {
    key: "errors.non_standard_code",
    title: "The server refused the request",
    detail: "{code} is not one of the error codes RFC 6749 defines, so the description is the best clue.{meaning}",
    fix: "Fix what the description names, then send the request again; compare your command with the one generated above.",
    ..ERROR
};
const AN_EMPTY_CODE: &str = "An empty code";

/// `Unsupported grant type: client_credential`: what the server says it received.
fn grant_received(desc: &str) -> Option<&str> {
    let (_, g) = desc.rsplit_once(": ")?;
    let g = g.trim();
    (!g.is_empty() && g.len() <= 40 && !g.contains(' ') && g != "undefined").then_some(g)
}

/// The parameter an `invalid_request` description names as missing: `Missing required
/// parameter: grant_type`, Entra's `The required field 'scope' is missing` (its later lines
/// carry a trace ID and a timestamp), `Invalid request: client_id is required`.
fn missing_parameter(desc: &str) -> Option<&str> {
    let first_line = desc.lines().next().unwrap_or("");
    let required = first_line
        .split_once(" is required")
        .and_then(|(before, _)| before.rsplit(' ').next());
    quoted_after(desc, "parameter: ")
        .or_else(|| quoted_after(first_line, "field "))
        .or(required)
        .or_else(|| first_line.rsplit_once(": ").map(|(_, n)| n.trim()))
        .filter(|n| !n.is_empty() && n.len() <= 40 && !n.contains(' '))
}

fn invalid_request(e: &Error) -> Explained {
    let missing = e.dl.contains("missing")
        || e.dl.contains("required parameter")
        || e.dl.contains(" is required");
    if !missing {
        return (&INVALID_REQUEST, Vec::new());
    }
    let bare = missing_parameter(e.desc);
    if bare == Some("scope") && e.provider == Provider::Entra {
        return (&ENTRA_NEEDS_SCOPE, Vec::new());
    }
    let name = bare
        .map(|n| format!(" ({})", text::quote(n, 40)))
        .unwrap_or_default();
    (&PARAMETER_MISSING, vec![("name", name)])
}

fn unsupported_grant_type(e: &Error) -> Explained {
    if e.dl.contains("client_credentials") {
        // The server read `client_credentials` correctly and still refuses it.
        return (&GRANT_NOT_OFFERED, Vec::new());
    }
    match grant_received(e.desc) {
        Some(got) => (&GRANT_MISSPELLED, vec![("got", text::quote(got, 40))]),
        None => (&GRANT_NOT_RECOGNIZED, Vec::new()),
    }
}

fn non_standard(e: &Error) -> Explained {
    let meaning = e
        .status
        .and_then(http_status::meaning)
        .map_or(String::new(), |m| format!(" {}", m.meaning));
    let code = if e.code.trim().is_empty() {
        AN_EMPTY_CODE.to_string()
    } else {
        text::quote(e.code, 80)
    };
    (
        &NON_STANDARD_CODE,
        vec![("code", code), ("meaning", meaning)],
    )
}

/// The meaning of the code itself (RFC 6749 §5.2, and the non-standard ones real servers send).
fn by_code(e: &Error) -> Explained {
    let rule: &'static Rule = match e.c.as_str() {
        "invalid_client" => return wrong_credentials(e.provider),
        "access_denied" if e.desc.trim().eq_ignore_ascii_case("unauthorized") => {
            return wrong_credentials(e.provider)
        }
        "invalid_scope" if e.provider == Provider::Entra || e.dl.contains(".default") => {
            &ENTRA_INVALID_SCOPE
        }
        "invalid_scope" => &INVALID_SCOPE,
        // Keycloak: a confidential client's request without its secret.
        "unauthorized_client" if e.dl.contains("secret not provided") => &SECRET_NOT_PROVIDED,
        "unauthorized_client" => &UNAUTHORIZED_CLIENT,
        "unsupported_grant_type" => return unsupported_grant_type(e),
        "invalid_request" => return invalid_request(e),
        "invalid_grant" => &INVALID_GRANT,
        "access_denied" => &ACCESS_DENIED,
        "server_error" | "temporarily_unavailable" => &SERVER_PROBLEM,
        _ => return non_standard(e),
    };
    (rule, Vec::new())
}

// ---------------------------------------------------------------------------------------------
// The finding: what the server said, then the explanation

const SENT_ERROR: &str = "The server sent the error {code}";
const SENT_EMPTY_CODE: &str = "The server sent an error response with an empty error code";
const WITH_DESCRIPTION: &str = " with the description {description}";
const MORE_AT: &str = ", more at {uri}";
const WITH_STATUS: &str = " (HTTP status {status})";

/// The sentence that quotes the server: its code, description, `error_uri` and status.
fn what_was_sent(code: &str, shown: &str, uri: Option<&str>, status: Option<u16>) -> String {
    let mut lead = if code.trim().is_empty() {
        SENT_EMPTY_CODE.to_string()
    } else {
        fill(SENT_ERROR, &[("code", &text::quote(code, 80))])
    };
    if !shown.is_empty() {
        lead.push_str(&fill(
            WITH_DESCRIPTION,
            &[("description", &text::quote(shown, 300))],
        ));
    }
    if let Some(uri) = uri {
        lead.push_str(&fill(MORE_AT, &[("uri", &text::quote(uri, 120))]));
    }
    if let Some(s) = status {
        lead.push_str(&fill(WITH_STATUS, &[("status", &s.to_string())]));
    }
    // (A quoted description that ends its own sentence needs no second full stop.)
    lead.push_str(if lead.ends_with(".`") { " " } else { ". " });
    lead
}

/// The finding for an error response.
pub(crate) fn error_response(
    map: &Map<String, Value>,
    expect: &Expectations,
    status: Option<u16>,
) -> Finding {
    let error = map
        .get("error")
        .or_else(|| map.get("errorCode"))
        .map(text::text_of)
        .unwrap_or_default();
    // Some servers nest the error: {"error": {"code": …, "message": …}}.
    let (code, nested_msg) = match map.get("error") {
        Some(Value::Object(o)) => (
            o.get("code")
                .map(text::text_of)
                .unwrap_or_else(|| error.clone()),
            o.get("message").and_then(Value::as_str).map(str::to_string),
        ),
        _ => (error.clone(), None),
    };
    let desc = map
        .get("error_description")
        .and_then(Value::as_str)
        .or_else(|| map.get("message").and_then(Value::as_str))
        .or_else(|| map.get("errorSummary").and_then(Value::as_str))
        .map(str::to_string)
        .or(nested_msg)
        .unwrap_or_default();
    let status = status.or_else(|| {
        map.get("statusCode")
            .or_else(|| map.get("status"))
            .and_then(Value::as_u64)
            .and_then(|n| u16::try_from(n).ok())
    });
    let e = Error {
        code: &code,
        c: code.trim().to_ascii_lowercase(),
        desc: &desc,
        dl: desc.to_ascii_lowercase(),
        provider: infer_provider(expect.provider, &desc, map),
        status,
        expect,
        aadsts: aadsts(&desc, map),
    };
    let (rule, args) = EXPLAINERS
        .iter()
        .find_map(|explain| explain(&e))
        .unwrap_or_else(|| by_code(&e));
    // Entra ID appends trace text to its descriptions; quote the message itself.
    let shown = desc.split("Trace ID:").next().unwrap_or("").trim();
    let uri = map.get("error_uri").and_then(Value::as_str);
    let lead = what_was_sent(&code, shown, uri, status);
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    rule.after(&lead, &args)
}

/// Every rule of this module, for the catalog (`crate::core::check::catalog`).
pub(crate) const RULES: &[&Rule] = &[
    &WRONG_CREDENTIALS_AUTH0,
    &WRONG_CREDENTIALS_OKTA,
    &WRONG_CREDENTIALS_KEYCLOAK,
    &WRONG_CREDENTIALS_ENTRA,
    &WRONG_CREDENTIALS_GENERIC,
    &RATE_LIMITED,
    &OTHER_API,
    &NOT_AUTHORIZED,
    &SCOPE_NOT_GRANTED_USER,
    &SCOPE_NOT_GRANTED_API,
    &UNKNOWN_AUDIENCE_NAMED,
    &UNKNOWN_AUDIENCE_UNNAMED,
    &NO_AUDIENCE_V1,
    &NO_AUDIENCE_DEFAULT,
    &SERVICE_ACCOUNTS_OFF,
    &OKTA_GRANT_OFF,
    &GRANT_NOT_ALLOWED_APP,
    &ENTRA_WRONG_SECRET,
    &ENTRA_SECRET_EXPIRED,
    &ENTRA_APP_NOT_FOUND,
    &ENTRA_SCOPE_FORM,
    &ENTRA_RESOURCE_NOT_FOUND,
    &ENTRA_NOT_ASSIGNED,
    &ENTRA_TENANT_NOT_FOUND,
    &ENTRA_PARAMETER_MISSING,
    &OKTA_NO_POLICY,
    &OKTA_ORG_SERVER,
    &OKTA_NO_DEFAULT_SCOPE,
    &ENTRA_INVALID_SCOPE,
    &INVALID_SCOPE,
    &SECRET_NOT_PROVIDED,
    &UNAUTHORIZED_CLIENT,
    &GRANT_NOT_OFFERED,
    &GRANT_MISSPELLED,
    &GRANT_NOT_RECOGNIZED,
    &ENTRA_NEEDS_SCOPE,
    &PARAMETER_MISSING,
    &INVALID_REQUEST,
    &INVALID_GRANT,
    &ACCESS_DENIED,
    &SERVER_PROBLEM,
    &NON_STANDARD_CODE,
];
