//! Error responses (RFC 6749 §5.2): quote what the server said, then explain the likely cause and
//! the fix — Auth0's common cases first, then Okta, Keycloak and Entra ID, then the RFC meaning of
//! each code. Real servers add members (`error_codes`, `trace_id`), put them in any order and
//! sometimes use non-standard `error` values; all of that is accepted.

use serde_json::{Map, Value};

use super::text;
use super::Expectations;
use crate::core::provider::Provider;
use crate::core::report::{Finding, Status};

struct Explanation {
    /// A short cause, used as the finding's title and in the headline.
    title: &'static str,
    cause: String,
    fix: String,
    reference: &'static str,
}

fn ex(
    title: &'static str,
    cause: impl Into<String>,
    fix: impl Into<String>,
    reference: &'static str,
) -> Explanation {
    Explanation {
        title,
        cause: cause.into(),
        fix: fix.into(),
        reference,
    }
}

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

/// The text of a member that may be a string, or any JSON written compactly.
fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

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

fn wrong_credentials(provider: Provider) -> Explanation {
    let fix = match provider {
        Provider::Auth0 => {
            "Copy the Client ID and Client Secret again from Applications → Applications → your \
             Machine to Machine application → Settings tab (the copy buttons avoid stray spaces), \
             and check that the token endpoint is on the same tenant as that application. If you \
             chose HTTP Basic above, try the form body: the application's Credentials tab says \
             which one it accepts."
        }
        Provider::Okta => {
            "Copy the Client ID and secret again from Applications → your app → General. Check its \
             Client authentication setting (Client secret) and whether it expects the secret in the \
             Authorization header (client_secret_basic) or in the body (client_secret_post)."
        }
        Provider::Keycloak => {
            "Copy the secret again from Clients → your client → Credentials, and use the client's \
             Client ID (not its internal UUID). The client needs Client authentication switched on."
        }
        Provider::Entra => {
            "Use the Application (client) ID from the app's Overview page and a client secret's \
             Value (not its Secret ID) from Certificates & secrets; check the tenant in the URL."
        }
        _ => {
            "Copy the client ID and secret again. If you send them with HTTP Basic, both must be \
             form-encoded before they are joined with `:` and base64-encoded (RFC 6749 §2.3.1); \
             sending them as form fields in the body avoids that."
        }
    };
    ex(
        "Wrong client ID or secret",
        "The server could not authenticate your application: the client ID or the client secret is \
         wrong, belongs to another application or tenant, or was sent in a way the server does not \
         accept.",
        fix,
        "RFC 6749 §5.2",
    )
}

fn explain(
    code: &str,
    desc: &str,
    map: &Map<String, Value>,
    provider: Provider,
    status: Option<u16>,
    expect: &Expectations,
) -> Explanation {
    let c = code.trim().to_ascii_lowercase();
    let dl = desc.to_ascii_lowercase();
    let aad = aadsts(desc, map);

    // Rate limits (Auth0 also uses the non-standard error "Rate limit reached").
    if c.contains("rate limit")
        || c == "too_many_requests"
        || c == "slow_down"
        || status == Some(429)
        || dl.contains("rate limit")
        || dl.contains("too many requests")
        || dl.contains("quota")
    {
        return ex(
            "Too many token requests",
            "The server is limiting how often your application may ask for a token, and this request \
             went over the limit.",
            "Wait a minute, then send the request once. Afterwards reuse the token until it expires \
             instead of requesting a new one every time; Auth0 also counts Machine to Machine tokens \
             against a monthly quota on its free plan.",
            "RFC 6585 §4",
        );
    }

    // Auth0: the M2M application is not authorized for the API (two wordings are in use).
    if dl.contains("client-grant")
        || dl.contains("client grant")
        || (c == "access_denied" && dl.contains("not authorized to access"))
    {
        let named = quoted_after(desc, "access ");
        let entered = expect.audience.trim();
        // The request named another API than the one entered: the audience is what to change.
        if let Some(a) = named.filter(|a| {
            !entered.is_empty() && a.trim_end_matches('/') != entered.trim_end_matches('/')
        }) {
            let which = if a.contains("/api/v2") {
                "the Auth0 Management API"
            } else {
                "another API"
            };
            return ex(
                "The request named another API",
                format!(
                    "The request asked for a token for {} ({which}), and your application is not \
                     authorized for that one. The audience entered above is {}.",
                    text::quote(a, 100),
                    text::quote(entered, 100)
                ),
                "Send your own API's identifier as the audience: copy the command above again (it \
                 uses the Audience field) and run it.",
                "Auth0: Machine to Machine applications",
            );
        }
        let api = named
            .map(|a| format!(" ({})", text::quote(a, 100)))
            .unwrap_or_default();
        return ex(
            "Application not authorized for the API",
            format!(
                "Your application has not been authorized to call this API{}. Auth0 issues \
                 client-credentials tokens for an API only to applications that were granted access \
                 to it (a \"client grant\").",
                api
            ),
            "In the Auth0 dashboard open Applications → APIs → your API → Machine to Machine \
             Applications tab, switch your application to Authorized, choose the permissions it may \
             get, click Update, and send the request again.",
            "Auth0: Machine to Machine applications",
        );
    }

    // Auth0: authorized for the API, but not for a permission the request asks for.
    if dl.contains("not been granted scope") {
        let listed = desc.split_once(':').map(|(_, s)| s.trim());
        let asked = listed
            .map(|s| format!(" ({})", text::quote(s, 100)))
            .unwrap_or_default();
        let only_user_scopes = listed.is_some_and(|s| {
            s.split_whitespace().all(|w| {
                matches!(
                    w,
                    "openid" | "profile" | "email" | "offline_access" | "address"
                )
            })
        });
        return ex(
            "Permission not granted",
            format!(
                "Your application may call the API, but it was not granted every permission the \
                 request asks for in scope{asked}."
            ),
            if only_user_scopes {
                "Remove them from the Scope field and run the command again: `openid`, `profile` \
                 and `email` are for signing users in, and an application acting for itself never \
                 gets them."
            } else {
                "Either grant them: Applications → APIs → your API → Machine to Machine Applications \
                 tab, expand your application, tick the permissions and click Update. Or leave them \
                 out of Scope (with no scope, Auth0 gives every permission the application was \
                 granted). `openid`, `profile` and `email` are for signing users in; an \
                 application never gets them."
            },
            "Auth0: Machine to Machine applications",
        );
    }

    // Keycloak: service accounts are off for the client.
    if dl.contains("service account") {
        return ex(
            "Service accounts not enabled",
            "The Keycloak client is not allowed to get tokens for itself: its service account is \
             switched off.",
            "In the Keycloak admin console open Clients → your client → Settings → Capability config, \
             switch Client authentication on and tick Service accounts roles (older versions: Access \
             Type confidential and Service Accounts Enabled), save, and try again.",
            "Keycloak: service accounts",
        );
    }

    // Keycloak answers a wrong secret (or an unknown client) with unauthorized_client: "Invalid
    // client secret", "Invalid client or Invalid client credentials".
    if c == "unauthorized_client"
        && (dl.contains("invalid client secret") || dl.contains("invalid client credentials"))
    {
        return wrong_credentials(provider);
    }

    // The client credentials grant is not enabled for the application.
    if c == "unauthorized_client" && (dl.contains("grant") || dl.contains("client_credentials")) {
        if provider == Provider::Okta || dl.contains("configured grant types") {
            return ex(
                "Client credentials not enabled for the app",
                "The Okta app is not allowed to use the client credentials grant.",
                "In the Okta Admin Console open Applications → your app → General → General Settings → \
                 Edit and tick Client Credentials. The flow needs an API Services app (or a web app \
                 with a client secret).",
                "Okta: client credentials flow",
            );
        }
        return ex(
            "Grant type not allowed for this application",
            "The application is not allowed to use the client credentials grant. Most often it was \
             created as a Single Page or Native application (they cannot keep a secret), or the grant \
             was switched off in its advanced settings.",
            "Create a Machine to Machine application (Applications → Applications → Create \
             Application → Machine to Machine Applications), authorize it for your API, and use its \
             client ID and secret. For a Regular Web Application you can instead tick Client \
             Credentials under Settings → Advanced Settings → Grant Types.",
            "RFC 6749 §5.2",
        );
    }

    // Auth0: an audience that names no API in the tenant.
    // Auth0 says "Service not enabled within domain: <audience>" for an identifier it does not know
    // on the domain the request went to (another tenant's API, a custom domain in the identifier).
    if dl.contains("service not found")
        || dl.contains("service not enabled within domain")
        || (dl.contains("audience")
            && (dl.contains("not found")
                || dl.contains("does not exist")
                || dl.contains("invalid")))
    {
        let sent = quoted_after(desc, "service not found:")
            .or_else(|| quoted_after(desc, "service not enabled within domain:"));
        let mut cause = match sent {
            Some(a) => format!(
                "No API in this tenant has the identifier {} that was sent as audience.",
                text::quote(a, 120)
            ),
            None => "The audience that was sent does not name any API in this tenant.".to_string(),
        };
        let entered = expect.audience.trim();
        if let Some(a) = sent {
            if !entered.is_empty() && entered != a {
                cause.push_str(&format!(
                    " (The audience entered above is {}, which differs: was the command sent with an older value?)",
                    text::quote(entered, 120)
                ));
            }
        }
        return ex(
            "Unknown audience",
            cause,
            "Copy the Identifier from Applications → APIs → your API → Settings and send exactly that \
             value as `audience` — same spelling, same http or https, same trailing slash or none. The \
             identifier does not have to be a reachable URL.",
            "Auth0: API settings (Identifier)",
        );
    }

    // No audience, as an old Auth0 tenant words it: without one the request is taken to be for
    // the retired Management API v1.
    if dl.contains("apiv1") || dl.contains("api v1") {
        return ex(
            "No audience sent",
            "The request named no API (audience), so Auth0 took it to be for its old Management API \
             v1, which applications like yours may not use.",
            "Add `audience=<your API identifier>` to the request body, with the Identifier from \
             Applications → APIs → your API, and send it again.",
            "Auth0: audience parameter",
        );
    }

    // No audience at all.
    if dl.contains("no audience")
        || (dl.contains("audience")
            && (dl.contains("required") || dl.contains("missing") || dl.contains("provide")))
    {
        return ex(
            "No audience sent",
            "The request named no API (audience), and the tenant has no default one to use.",
            "Add `audience=<your API identifier>` to the request body, with the Identifier from \
             Applications → APIs → your API. (A tenant's Default Audience, under the tenant's Settings → General → \
             API Authorization Settings, is not always applied to client credentials requests, so \
             send the audience in the request.)",
            "Auth0: audience parameter",
        );
    }

    // Entra ID.
    if let Some(n) = aad {
        match n {
            7_000_215 => {
                return ex(
                    "Wrong client secret",
                    "Entra ID says the client secret is invalid (AADSTS7000215). A common slip is \
                     sending the secret's Secret ID instead of its Value.",
                    "In App registrations → your app → Certificates & secrets, create a new client \
                     secret and copy its Value at once (it is shown only once), then send that value.",
                    "Microsoft Entra: AADSTS7000215",
                )
            }
            7_000_222 => {
                return ex(
                    "Client secret expired",
                    "The client secret has expired (AADSTS7000222).",
                    "Create a new client secret in App registrations → your app → Certificates & \
                     secrets and use its Value.",
                    "Microsoft Entra: AADSTS7000222",
                )
            }
            700_016 => {
                return ex(
                    "Application not found in this tenant",
                    "Entra ID found no application with this client ID in the tenant of the URL \
                     (AADSTS700016).",
                    "Check the client ID (Application (client) ID on the app's Overview page) and that \
                     the tenant in the token endpoint is the one where the app is registered.",
                    "Microsoft Entra: AADSTS700016",
                )
            }
            1_002_012 | 70_011 | 1_002_013 => {
                return ex(
                    "Scope must end in /.default",
                    "For client credentials Entra ID needs the scope to be a resource followed by \
                     `/.default`; the scope sent was missing or in another form.",
                    "Send `scope=<resource>/.default`, for example `api://<application ID of your \
                     API>/.default` or `https://graph.microsoft.com/.default`.",
                    "Microsoft Entra: client credentials scope",
                )
            }
            500_011 => {
                return ex(
                    "Resource not found in this tenant",
                    "The resource named in the scope does not exist in this tenant (AADSTS500011).",
                    "Use the Application ID URI from the API's Expose an API page, followed by \
                     `/.default`, and check that the API is registered in the same tenant.",
                    "Microsoft Entra: AADSTS500011",
                )
            }
            501_051 => {
                return ex(
                    "Application not assigned to the API",
                    "The API requires applications to be assigned to it, and yours has no \
                     application role on it (AADSTS501051).",
                    "In App registrations → your API → App roles, create a role for applications; \
                     then in your client app → API permissions → Add a permission → My APIs, add \
                     that role as an application permission and grant admin consent. (Or, in \
                     Enterprise applications → your API → Properties, set Assignment required to \
                     No.)",
                    "Microsoft Entra: AADSTS501051",
                )
            }
            90_002 | 90_013 => {
                return ex(
                    "Tenant not found",
                    "The tenant in the token endpoint URL does not exist.",
                    "Use your Directory (tenant) ID from the app's Overview page in the URL: \
                     https://login.microsoftonline.com/<tenant ID>/oauth2/v2.0/token.",
                    "Microsoft Entra: AADSTS90002",
                )
            }
            900_144 | 7_000_218 => {
                return ex(
                    "A parameter is missing from the request",
                    "Entra ID did not find a required parameter in the body (it is named in the \
                     description).",
                    "Send the parameters as form fields (Content-Type: \
                     application/x-www-form-urlencoded): grant_type, client_id, client_secret and \
                     scope.",
                    "RFC 6749 §4.4.2",
                )
            }
            _ => {}
        }
    }

    // Okta: no access policy rule lets this app get a token from the authorization server.
    if c == "access_denied" && dl.contains("policy evaluation failed") {
        return ex(
            "No access policy allows this request",
            "The Okta authorization server has no access policy rule that lets this application use \
             the client credentials grant with the scopes it asked for.",
            "In Security → API → Authorization Servers → your server → Access Policies, add a policy \
             that applies to your app, with a rule that allows the Client Credentials grant and the \
             scopes you request; then send the request again.",
            "Okta: access policies",
        );
    }
    // Okta's org authorization server (/oauth2/v1/token) accepts client credentials only with
    // private_key_jwt, for Okta's own APIs.
    if c == "invalid_client" && dl.contains("private_key_jwt") {
        return ex(
            "Use a custom authorization server",
            "This is Okta's org authorization server, which issues client-credentials tokens only \
             for Okta's own APIs and only to clients that sign a JWT (private_key_jwt).",
            "Send the request to a custom authorization server instead, for example \
             https://<your Okta domain>/oauth2/default/v1/token, with a custom scope defined there.",
            "Okta: client credentials flow",
        );
    }

    // Okta's scope errors.
    if dl.contains("default scopes") {
        return ex(
            "No scope requested, and no default scope",
            "The Okta authorization server has no default scope, so a client-credentials request must \
             name one.",
            "Create a custom scope in Security → API → Authorization Servers → your server → Scopes \
             (for example `api:read`) and send it as `scope=api:read`. Client credentials cannot use \
             OpenID scopes such as `openid`.",
            "Okta: client credentials flow",
        );
    }

    match c.as_str() {
        "invalid_client" => wrong_credentials(provider),
        "access_denied" if desc.trim().eq_ignore_ascii_case("unauthorized") => wrong_credentials(provider),
        "invalid_scope" => {
            if provider == Provider::Entra || dl.contains(".default") {
                return ex(
                    "Scope must end in /.default",
                    "For client credentials Entra ID needs the scope to be a resource followed by \
                     `/.default`.",
                    "Send `scope=<resource>/.default`, for example `api://<application ID of your \
                     API>/.default`.",
                    "Microsoft Entra: client credentials scope",
                );
            }
            ex(
                "Scope not allowed",
                "A scope in the request is unknown to the server or not granted to this client.",
                "Check the spelling of the scope, or leave the scope parameter out to get the scopes \
                 the client was granted.",
                "RFC 6749 §5.2",
            )
        }
        // Keycloak: a confidential client's request without its secret.
        "unauthorized_client" if dl.contains("secret not provided") => ex(
            "The client secret did not arrive",
            "The server did not find the client secret in the request: it was left out, or sent in \
             a way this server does not read.",
            "Fill in the Client secret field and use the command above; if it still fails, switch \
             the client authentication choice (body or HTTP Basic).",
            "RFC 6749 §2.3.1",
        ),
        "unauthorized_client" => ex(
            "Grant type not allowed for this client",
            "The client is not allowed to use the client credentials grant.",
            "Enable the client credentials grant for the application in your server's settings, or \
             use an application type meant for Machine to Machine access.",
            "RFC 6749 §5.2",
        ),
        // The server read `client_credentials` correctly and still refuses it.
        "unsupported_grant_type" if dl.contains("client_credentials") => ex(
            "Grant type not offered",
            "The server read `grant_type=client_credentials` and does not offer that grant at this \
             endpoint.",
            "Check that this is the token endpoint of a server that offers the client credentials \
             grant (Auth0, Okta, Keycloak, Entra ID and Cognito do; Google does not).",
            "RFC 6749 §5.2",
        ),
        // `Unsupported grant type: client_credential`: the server says what it received.
        "unsupported_grant_type"
            if desc
                .rsplit_once(": ")
                .is_some_and(|(_, g)| {
                    let g = g.trim();
                    !g.is_empty() && g.len() <= 40 && !g.contains(' ') && g != "undefined"
                }) =>
        {
            let got = desc.rsplit_once(": ").map_or("", |(_, g)| g.trim());
            ex(
                "Grant type misspelled",
                format!(
                    "The server received the grant type {}; it must be exactly \
                     `client_credentials`.",
                    text::quote(got, 40)
                ),
                "Fix grant_type in your command, or use the command generated above.",
                "RFC 6749 §4.4.2",
            )
        }
        "unsupported_grant_type" => ex(
            "Grant type not recognized",
            "The server did not see `grant_type=client_credentials`: it is missing or misspelled, or \
             the body was not sent as a form (for example the Content-Type header is wrong, or the \
             shell split the command).",
            "Send `grant_type=client_credentials` in a form-encoded body with `Content-Type: \
             application/x-www-form-urlencoded` (curl's -d and --data-urlencode set it for you).",
            "RFC 6749 §4.4.2",
        ),
        "invalid_request"
            if dl.contains("missing")
                || dl.contains("required parameter")
                || dl.contains(" is required") =>
        {
            // `Missing required parameter: grant_type`; Entra's `The required field 'scope' is
            // missing` (its later lines carry a trace ID and a timestamp).
            let first_line = desc.lines().next().unwrap_or("");
            // (`Invalid request: client_id is required`, too.)
            let required = first_line
                .split_once(" is required")
                .and_then(|(before, _)| before.rsplit(' ').next());
            let bare = quoted_after(desc, "parameter: ")
                .or_else(|| quoted_after(first_line, "field "))
                .or(required)
                .or_else(|| first_line.rsplit_once(": ").map(|(_, n)| n.trim()))
                .filter(|n| !n.is_empty() && n.len() <= 40 && !n.contains(' '));
            if bare == Some("scope") && provider == Provider::Entra {
                return ex(
                    "Entra ID needs a scope",
                    "For client credentials Entra ID requires a scope: your API's application ID \
                     URI followed by `/.default`.",
                    "Put `api://<application ID of your API>/.default` in the Scope field and send \
                     the command again.",
                    "Microsoft Entra: client credentials scope",
                );
            }
            let name = bare
                .map(|n| format!(" ({})", text::quote(n, 40)))
                .unwrap_or_default();
            ex(
                "A parameter did not arrive",
                format!(
                    "A parameter the server needs did not arrive{name}. If your command has it, \
                     the body got mangled on the way: JSON sent without `Content-Type: \
                     application/json`, or a shell that split the command at a quote or a line \
                     break (cmd does not understand single quotes)."
                ),
                "Use the command generated above for your shell, unchanged: it sends every value \
                 form-encoded, quoted the way that shell needs.",
                "RFC 6749 §4.4.2",
            )
        }
        "invalid_request" => ex(
            "The request is malformed",
            "A required parameter is missing, repeated or malformed, or the body is in a format the \
             server does not read.",
            "Look for the parameter named in the description, and compare your command with the one \
             generated above.",
            "RFC 6749 §5.2",
        ),
        "invalid_grant" => ex(
            "The grant was rejected",
            "The server rejected the grant itself. For client credentials this is unusual: the \
             request may have used another grant type (password, authorization code, refresh token).",
            "Send `grant_type=client_credentials` with the application's client ID and secret, as in \
             the command above.",
            "RFC 6749 §5.2",
        ),
        "access_denied" => ex(
            "Access denied",
            "The server refused to issue the token.",
            "Read the description for the reason; on Auth0 check that the application is authorized \
             for the API (Applications → APIs → your API → Machine to Machine Applications).",
            "RFC 6749 §4.1.2.1",
        ),
        "server_error" | "temporarily_unavailable" => ex(
            "Server problem",
            "The server had a problem of its own while handling the request.",
            "Wait a moment and send the request again; if it keeps failing, check the provider's \
             status page.",
            "RFC 6749 §4.1.2.1",
        ),
        _ => {
            let hint = status
                .and_then(super::paste::status_meaning)
                .map_or(String::new(), |(m, _)| format!(" {m}"));
            ex(
                "The server refused the request",
                format!(
                    "{} is not one of the error codes RFC 6749 defines, so the description is the best \
                     clue.{}",
                    if code.trim().is_empty() {
                        "An empty code".to_string()
                    } else {
                        text::quote(code, 80)
                    },
                    hint
                ),
                "Fix what the description names, then send the request again; compare your command \
                 with the one generated above.",
                "RFC 6749 §5.2",
            )
        }
    }
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
        .map(text_of)
        .unwrap_or_default();
    // Some servers nest the error: {"error": {"code": …, "message": …}}.
    let (code, nested_msg) = match map.get("error") {
        Some(Value::Object(o)) => (
            o.get("code").map(text_of).unwrap_or_else(|| error.clone()),
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
    let provider = infer_provider(expect.provider, &desc, map);
    let e = explain(&code, &desc, map, provider, status, expect);

    // Entra ID appends trace text to its descriptions; quote the message itself.
    let shown = desc.split("Trace ID:").next().unwrap_or("").trim();
    let mut detail = if code.trim().is_empty() {
        "The server sent an error response with an empty error code".to_string()
    } else {
        format!("The server sent the error {}", text::quote(&code, 80))
    };
    if !shown.is_empty() {
        detail.push_str(&format!(
            " with the description {}",
            text::quote(shown, 300)
        ));
    }
    if let Some(uri) = map.get("error_uri").and_then(Value::as_str) {
        detail.push_str(&format!(", more at {}", text::quote(uri, 120)));
    }
    if let Some(s) = status {
        detail.push_str(&format!(" (HTTP status {})", s));
    }
    // (A quoted description that ends its own sentence needs no second full stop.)
    detail.push_str(if detail.ends_with(".`") { " " } else { ". " });
    detail.push_str(&e.cause);
    Finding::new("error_response", Status::Fail, e.title, detail)
        .with_fix(e.fix)
        .with_reference(e.reference)
}
