//! The token's claims compared with the learner's own values (issuer, audience, client ID), its
//! times judged with a leeway, and the evidence that it came from the client credentials grant.
//! Each comparison is its own module; the times are here.

pub(super) mod audience;
pub(super) mod grant;
pub(super) mod issuer;

use serde_json::{Map, Value};

use super::text;
use super::time;
use super::{Expectations, LEEWAY_SECONDS};
use crate::core::provider::Provider;
use crate::core::report::{Finding, Status};
use crate::core::rule::{fill, Rule};

/// The fix for a token that breaks the JWT rules themselves (a required claim missing or of the
/// wrong type): standard servers never issue one, so it was edited, hand-made, or the server is
/// not a standard one.
pub(crate) const NOT_STANDARD_FIX: &str = "Request a new token with the command above and paste the whole response unchanged. \
    If the new token shows the same, the server that issued it does not follow the JWT access token rules (RFC 9068): do this exercise with a standard authorization server, such as your Auth0 tenant.";

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

/// Every claim check, in report order.
pub(crate) fn check(t: &TokenCtx, out: &mut Vec<Finding>) {
    out.push(issuer::check(t));
    out.push(audience::check(t));
    out.push(grant::grant(t));
    out.push(grant::client(t));
    out.push(expiry(t));
    if let Some(f) = not_before(t) {
        out.push(f);
    }
    out.push(issued_at(t));
    if let Some(f) = lifetime(t) {
        out.push(f);
    }
}

// ---------------------------------------------------------------------------------------------
// Times, judged with a leeway for clock differences

/// A time claim: absent, a time in seconds, or (`Err`) present but not a time.
fn time_claim(t: &TokenCtx, name: &str) -> Result<Option<i64>, String> {
    match t.claims.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => time::seconds(v)
            .map(Some)
            .ok_or_else(|| text::quote(&v.to_string(), 60)),
    }
}

const EXP: Rule = Rule {
    check: "exp",
    status: Status::Fail,
    title: "Not expired (exp)",
    reference: "RFC 7519 §4.1.4",
    headline: "The token has no valid expiry (exp)",
    ..Rule::BLANK
};
static EXP_NOT_A_TIME: Rule = Rule {
    key: "claims.exp.not_a_time",
    detail: "The exp claim is {value}, not a time in seconds.",
    fix: NOT_STANDARD_FIX,
    ..EXP
};
static EXP_MISSING: Rule = Rule {
    key: "claims.exp.missing",
    detail: "The token has no exp claim, so nothing limits how long it can be used; an access token must carry one (RFC 9068 §2.2).",
    fix: NOT_STANDARD_FIX,
    ..EXP
};
static EXPIRED: Rule = Rule {
    key: "claims.exp.expired",
    detail: "The token expired {when} ({utc}).",
    fix:
        "Request a new token and paste the new response; access tokens are short-lived on purpose. \
          (If you just requested it, check your computer's clock.)",
    headline: "The token has expired; request a new one",
    ..EXP
};
static EXPIRED_WITHIN_LEEWAY: Rule = Rule {
    key: "claims.exp.within_leeway",
    status: Status::Pass,
    detail:
        "The token expired {when} ({utc}), within the {leeway} s allowed for clock differences.",
    fix: "Request a new token soon.",
    ..EXP
};
static EXP_VALID: Rule = Rule {
    key: "claims.exp.valid",
    status: Status::Pass,
    detail: "Expires {when} ({utc}).",
    ..EXP
};

fn expiry(t: &TokenCtx) -> Finding {
    let exp = match time_claim(t, "exp") {
        Err(value) => return EXP_NOT_A_TIME.with(&[("value", &value)]),
        Ok(None) => return EXP_MISSING.finding(),
        Ok(Some(exp)) => exp,
    };
    let when = time::relative(exp, t.now);
    let utc = time::utc(exp);
    if exp.saturating_add(LEEWAY_SECONDS) < t.now {
        EXPIRED.with(&[("when", &when), ("utc", &utc)])
    } else if exp < t.now {
        let leeway = LEEWAY_SECONDS.to_string();
        EXPIRED_WITHIN_LEEWAY.with(&[("when", &when), ("utc", &utc), ("leeway", &leeway)])
    } else {
        EXP_VALID.with(&[("when", &when), ("utc", &utc)])
    }
}

const NBF: Rule = Rule {
    check: "nbf",
    status: Status::Fail,
    title: "Already valid (nbf)",
    reference: "RFC 7519 §4.1.5",
    headline: "The token is not valid yet",
    ..Rule::BLANK
};
static NBF_NOT_A_TIME: Rule = Rule {
    key: "claims.nbf.not_a_time",
    detail: "The nbf claim is {value}, not a time in seconds.",
    fix: NOT_STANDARD_FIX,
    ..NBF
};
static NOT_YET_VALID: Rule = Rule {
    key: "claims.nbf.future",
    detail: "The token is not valid until {utc} ({when}). \
             The server's clock or your computer's clock is off.",
    fix: "Check that your computer sets its clock automatically, then check again.",
    ..NBF
};
static NBF_VALID: Rule = Rule {
    key: "claims.nbf.valid",
    status: Status::Pass,
    detail: "Valid since {utc} ({when}).",
    ..NBF
};

/// `nbf`, when the token has one.
fn not_before(t: &TokenCtx) -> Option<Finding> {
    let nbf = match time_claim(t, "nbf") {
        Err(value) => return Some(NBF_NOT_A_TIME.with(&[("value", &value)])),
        Ok(nbf) => nbf?,
    };
    let args = [
        ("utc", time::utc(nbf)),
        ("when", time::relative(nbf, t.now)),
    ];
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    Some(if nbf > t.now.saturating_add(LEEWAY_SECONDS) {
        NOT_YET_VALID.with(&args)
    } else {
        NBF_VALID.with(&args)
    })
}

const IAT: Rule = Rule {
    check: "iat",
    status: Status::Warn,
    title: "Issue time (iat)",
    reference: "RFC 7519 §4.1.6",
    headline: "The token's issue time is not valid",
    ..Rule::BLANK
};
static IAT_NOT_A_TIME: Rule = Rule {
    key: "claims.iat.not_a_time",
    detail: "The iat claim is {value}, not a time in seconds.",
    ..IAT
};
static IAT_ABSENT: Rule = Rule {
    key: "claims.iat.absent",
    status: Status::Info,
    detail: "The token has no iat claim (optional in JWTs, expected by RFC 9068).",
    ..IAT
};
static IAT_FUTURE: Rule = Rule {
    key: "claims.iat.future",
    detail: "The token says it was issued {when} ({utc}) — in the future. \
             Your computer's clock is probably behind (or the server's ahead) by about {span}.",
    fix: "Check that your computer sets its date and time automatically; times here are judged by its clock.",
    ..IAT
};
static IAT_VALID: Rule = Rule {
    key: "claims.iat.valid",
    status: Status::Pass,
    detail: "Issued {when} ({utc}).",
    ..IAT
};

fn issued_at(t: &TokenCtx) -> Finding {
    let iat = match time_claim(t, "iat") {
        Err(value) => return IAT_NOT_A_TIME.with(&[("value", &value)]),
        Ok(None) => return IAT_ABSENT.finding(),
        Ok(Some(iat)) => iat,
    };
    let when = time::relative(iat, t.now);
    let utc = time::utc(iat);
    if iat > t.now.saturating_add(LEEWAY_SECONDS) {
        let span = time::span(iat.saturating_sub(t.now));
        IAT_FUTURE.with(&[("when", &when), ("utc", &utc), ("span", &span)])
    } else {
        IAT_VALID.with(&[("when", &when), ("utc", &utc)])
    }
}

static LIFETIME: Rule = Rule {
    key: "claims.lifetime",
    check: "lifetime",
    status: Status::Info,
    title: "Lifetime by the token's claims",
    detail: "By its claims the token lives {span} (exp − iat = {seconds} s).{differs}",
    reference: "RFC 6749 §5.1",
    ..Rule::BLANK
};
/// Said in [`LIFETIME`] when the response's `expires_in` disagrees.
const EXPIRES_IN_DIFFERS: &str = " The response's expires_in says {expires_in} s, {apart} apart; servers may count from another moment (Entra ID, for one, sets iat a few minutes early).";

/// The lifetime by `exp − iat`, unless the `expires_in` finding already says it.
fn lifetime(t: &TokenCtx) -> Option<Finding> {
    let exp = time_claim(t, "exp").ok()??;
    let iat = time_claim(t, "iat").ok()??;
    let life = exp.saturating_sub(iat);
    let differs = match t.expires_in {
        Some(n) => {
            let diff = life.saturating_sub(n).saturating_abs();
            if diff <= 60 {
                // The expires_in finding already says it: no second item with the same fact.
                return None;
            }
            fill(
                EXPIRES_IN_DIFFERS,
                &[("expires_in", &n.to_string()), ("apart", &time::span(diff))],
            )
        }
        None => String::new(),
    };
    Some(LIFETIME.with(&[
        ("span", &time::span(life)),
        ("seconds", &life.to_string()),
        ("differs", &differs),
    ]))
}

/// Every rule of this module, for the catalog (`crate::core::check::catalog`).
pub(crate) const RULES: &[&Rule] = &[
    &EXP_NOT_A_TIME,
    &EXP_MISSING,
    &EXPIRED,
    &EXPIRED_WITHIN_LEEWAY,
    &EXP_VALID,
    &NBF_NOT_A_TIME,
    &NOT_YET_VALID,
    &NBF_VALID,
    &IAT_NOT_A_TIME,
    &IAT_ABSENT,
    &IAT_FUTURE,
    &IAT_VALID,
    &LIFETIME,
];
