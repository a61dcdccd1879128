//! `iss` compared with the learner's issuer: the discovery document's when it was fetched, else
//! the one derived from the token endpoint (RFC 9068 §4, RFC 8414 §3.3).

use serde_json::Value;

use super::{host_of, path_of, strip_slash, TokenCtx, NOT_STANDARD_FIX};
use crate::core::check::text;
use crate::core::provider::Provider;
use crate::core::report::{Finding, Status};
use crate::core::rule::{fill, Rule};

const ISSUER: Rule = Rule {
    check: "iss",
    status: Status::Fail,
    title: "Issuer (iss)",
    reference: "RFC 9068 §4",
    headline: "The token comes from another server or tenant than the one you entered",
    ..Rule::BLANK
};
static ISS_MISSING: Rule = Rule {
    key: "claims.iss.missing",
    detail: "The token has no iss claim, so nothing says which server issued it; an access token must name its issuer (RFC 9068 §2.2).",
    fix: NOT_STANDARD_FIX,
    ..ISSUER
};
static ISS_NOT_COMPARED: Rule = Rule {
    key: "claims.iss.not_compared",
    status: Status::Skip,
    detail: "The token was issued by {iss}. \
             It is not compared yet: no issuer is known for your server.",
    fix: "Enter your token endpoint in the form above to compare the issuer with your tenant.",
    ..ISSUER
};
static ISS_NOT_A_STRING: Rule = Rule {
    key: "claims.iss.not_a_string",
    detail: "The iss claim is {value}, not a string naming the issuer.",
    fix: NOT_STANDARD_FIX,
    ..ISSUER
};

pub(super) fn check(t: &TokenCtx) -> Finding {
    let expected = t.expect.issuer.as_deref().map(str::trim).unwrap_or("");
    match t.claims.get("iss") {
        None | Some(Value::Null) => ISS_MISSING.finding(),
        Some(Value::String(iss)) if expected.is_empty() => {
            ISS_NOT_COMPARED.with(&[("iss", &text::quote(iss, 200))])
        }
        Some(Value::String(iss)) => compare(t, iss, expected),
        Some(other) => ISS_NOT_A_STRING.with(&[("value", &text::quote(&other.to_string(), 80))]),
    }
}

// ---------------------------------------------------------------------------------------------
// The same issuer, or one that belongs to it

static ISS_YOURS: Rule = Rule {
    key: "claims.iss.yours",
    status: Status::Pass,
    detail: "{iss}: your server's issuer, {source}.",
    ..ISSUER
};
const DISCOVERED: &str = "published by your server's discovery document";
const DERIVED: &str = "derived from the token endpoint you entered";
static ISS_ENTRA_V1: Rule = Rule {
    key: "claims.iss.entra_v1",
    status: Status::Pass,
    detail: "{iss}: the v1 form of your tenant's issuer. \
             Entra ID issues v1 tokens (from sts.windows.net) when the API's manifest accepts v1 tokens, even through the v2 endpoint.",
    ..ISSUER
};
static ISS_COGNITO_POOL: Rule = Rule {
    key: "claims.iss.cognito_user_pool",
    status: Status::Pass,
    detail: "{iss}: a Cognito user pool in {region}, the region of the domain you entered. \
             Cognito tokens always name the user pool as issuer, not the domain; the pool ID at the end is on the user pool's overview page.",
    ..ISSUER
};

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

/// Entra ID v1 tokens name sts.windows.net even when requested from login.microsoftonline.com.
fn entra_v1(iss: &str, expected: &str, hi: &str, he: &str) -> bool {
    if hi != "sts.windows.net" || !he.ends_with("login.microsoftonline.com") {
        return false;
    }
    let tenant = strip_slash(path_of(iss)).trim_start_matches('/');
    !tenant.is_empty() && path_of(expected).contains(tenant)
}

/// Amazon Cognito names the user pool (cognito-idp.<region>.amazonaws.com/<pool id>) as issuer,
/// never the domain the token was requested from (<prefix>.auth.<region>.amazoncognito.com).
fn cognito_region<'a>(hi: &'a str, he: &str) -> Option<&'a str> {
    let pool = cognito_pool_region(hi)?;
    (Some(pool) == cognito_domain_region(he)).then_some(pool)
}

fn compare(t: &TokenCtx, iss: &str, expected: &str) -> Finding {
    let shown = text::quote(iss, 200);
    if strip_slash(iss) == strip_slash(expected) {
        let source = if t.expect.issuer_discovered {
            DISCOVERED
        } else {
            DERIVED
        };
        return ISS_YOURS.with(&[("iss", &shown), ("source", source)]);
    }
    let hi = host_of(iss).to_ascii_lowercase();
    let he = host_of(expected).to_ascii_lowercase();
    if entra_v1(iss, expected, &hi, &he) {
        return ISS_ENTRA_V1.with(&[("iss", &shown)]);
    }
    if let Some(region) = cognito_region(&hi, &he) {
        return ISS_COGNITO_POOL.with(&[("iss", &shown), ("region", &text::quote(region, 40))]);
    }
    mismatch(t, iss, expected, &hi, &he)
}

// ---------------------------------------------------------------------------------------------
// Another issuer: why, most telling first

/// The sentence before the reason: both issuers.
const ISSUED_BY: &str =
    "The token was issued by {iss}, but your server's issuer ({source}) is {expected}. ";
/// Said after the reason while the issuer is derived from the endpoint.
const NOT_YET_DISCOVERED: &str = " (If your server's discovery document names another issuer, that one is used once it has been fetched.)";

static SAME_HOST: Rule = Rule {
    key: "claims.iss.same_host",
    detail: "It is the same host, but {what}.{not_discovered}",
    fix: "Send the request to the token endpoint of the same authorization server you entered above (or correct the endpoint), and request a new token.",
    ..ISSUER
};
const ANOTHER_REALM: &str = "another realm";
const ANOTHER_OKTA_SERVER: &str = "another authorization server (Okta's org server and custom servers such as /oauth2/default have different issuers)";
const ANOTHER_PATH: &str = "another authorization server or tenant path";
static OTHER_TENANT: Rule = Rule {
    key: "claims.iss.other_auth0_tenant",
    detail: "{token_host} and {entered_host} are two different Auth0 tenants: the token was requested from another tenant than the one you entered.{not_discovered}",
    fix: "Use the token endpoint and the application of one and the same tenant (the Domain on your application's Settings tab), and request a new token.",
    ..ISSUER
};
static CUSTOM_DOMAIN: Rule = Rule {
    key: "claims.iss.auth0_custom_domain",
    detail: "One of them looks like an Auth0 custom domain: tokens requested through a custom domain name it as issuer, tokens requested through the tenant's own domain name that one.{not_discovered}",
    fix: "Enter the domain you actually sent the request to as the token endpoint (custom domain or tenant domain), so that both name the same issuer.",
    ..ISSUER
};
static OTHER_SERVER: Rule = Rule {
    key: "claims.iss.other_server",
    detail: "The token comes from another server than the one you entered.{not_discovered}",
    fix: "Check that the token was requested from the endpoint entered above; if you changed it since, run the request again and paste the new response.",
    ..ISSUER
};
static UNCONFIRMED: Rule = Rule {
    key: "claims.iss.unconfirmed",
    status: Status::Warn,
    detail: "{reason} \
             Your token endpoint does not reveal your issuer for certain, so this is only a warning.",
    fix: "Compare the iss claim with the \"issuer\" in your server's /.well-known/openid-configuration; if they are the same, all is well.",
    ..ISSUER
};

fn is_auth0_host(h: &str) -> bool {
    let h = h.to_ascii_lowercase();
    h.ends_with(".auth0.com") || h == "auth0.com"
}

fn mismatch(t: &TokenCtx, iss: &str, expected: &str, hi: &str, he: &str) -> Finding {
    let discovered = t.expect.issuer_discovered;
    let not_discovered = if discovered { "" } else { NOT_YET_DISCOVERED };
    let mut args = vec![("not_discovered", not_discovered.to_string())];
    let rule = if hi == he {
        let what = match t.provider {
            Provider::Keycloak => ANOTHER_REALM,
            Provider::Okta => ANOTHER_OKTA_SERVER,
            _ => ANOTHER_PATH,
        };
        args.push(("what", what.to_string()));
        &SAME_HOST
    } else if is_auth0_host(hi) && is_auth0_host(he) {
        args.push(("token_host", text::quote(hi, 100)));
        args.push(("entered_host", text::quote(he, 100)));
        &OTHER_TENANT
    } else if is_auth0_host(hi) != is_auth0_host(he) && t.provider == Provider::Auth0 {
        &CUSTOM_DOMAIN
    } else {
        &OTHER_SERVER
    };
    let lead = fill(
        ISSUED_BY,
        &[
            ("iss", &text::quote(iss, 200)),
            ("source", if discovered { DISCOVERED } else { DERIVED }),
            ("expected", &text::quote(expected, 200)),
        ],
    );
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    // A guessed issuer (an unrecognised server's endpoint, Cognito) is no ground for failing a
    // token: say so, and let the discovery document decide.
    if t.expect.issuer_guessed && !discovered {
        let reason = fill(rule.detail, &args);
        return UNCONFIRMED.after(&lead, &[("reason", &reason)]);
    }
    rule.after(&lead, &args)
}

/// Every rule of this module, for the catalog (`crate::core::check::catalog`).
pub(crate) const RULES: &[&Rule] = &[
    &ISS_MISSING,
    &ISS_NOT_COMPARED,
    &ISS_NOT_A_STRING,
    &ISS_YOURS,
    &ISS_ENTRA_V1,
    &ISS_COGNITO_POOL,
    &SAME_HOST,
    &OTHER_TENANT,
    &CUSTOM_DOMAIN,
    &OTHER_SERVER,
    &UNCONFIRMED,
];
