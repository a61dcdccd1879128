//! The evidence that the token came from the client credentials grant — an application acting
//! for itself, not a user (RFC 6749 §4.4, RFC 9068 §2.2) — read the way each provider writes it;
//! and the client it names, compared with the client ID the learner entered.

use serde_json::Value;

use super::TokenCtx;
use crate::core::check::text;
use crate::core::provider::Provider;
use crate::core::report::{Finding, Status};
use crate::core::rule::{fill, Rule};

const GRANT: Rule = Rule {
    check: "grant",
    status: Status::Fail,
    title: "Client credentials grant",
    headline: "The token was not issued through the client credentials grant",
    ..Rule::BLANK
};

const WRONG_FLOW_FIX: &str = "Request the token with the client credentials grant — grant_type=client_credentials with your Machine to Machine application's client ID and secret, as in the command above — not through a user sign-in (a login page, Postman's authorization code flow, the password grant).";

static USER_TOKEN: Rule = Rule {
    key: "claims.grant.user_token",
    detail: "This token was issued to a user, not to an application acting for itself: {signs}.",
    fix: WRONG_FLOW_FIX,
    reference: "RFC 6749 §4.4",
    ..GRANT
};
const AUTH0_USER_SUBJECT: &str =
    "the subject {sub} is a user account (Auth0 names users `connection|id`)";
const OKTA_UID: &str = "it has a uid claim, which Okta adds only for users";
const PASSWORD_GTY: &str = "gty is `password`: a user's name and password were used";
const ENTRA_SCP: &str = "it has an scp claim, which Entra ID puts only in delegated (user) tokens";
const IDTYP_USER: &str = "idtyp is `user`";
const USER_CLAIM: &str = "it has {article} {claim} claim, which names a user";
const KEYCLOAK_USER: &str =
    "preferred_username is {name}, a user (a client's own token says service-account-…)";

/// Signs that a person, not an application, is behind the token.
fn user_signs(t: &TokenCtx) -> Vec<String> {
    let mut signs = Vec::new();
    if let Some(sub) = t
        .str_claim("sub")
        .filter(|s| s.contains('|') && !s.ends_with("@clients"))
    {
        signs.push(fill(AUTH0_USER_SUBJECT, &[("sub", &text::quote(sub, 80))]));
    }
    if t.provider == Provider::Okta && t.has("uid") {
        signs.push(OKTA_UID.to_string());
    }
    if t.str_claim("gty") == Some("password") {
        signs.push(PASSWORD_GTY.to_string());
    }
    if t.provider == Provider::Entra && t.has("scp") {
        signs.push(ENTRA_SCP.to_string());
    }
    if t.str_claim("idtyp") == Some("user") {
        signs.push(IDTYP_USER.to_string());
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
            signs.push(fill(USER_CLAIM, &[("article", article), ("claim", c)]));
        }
    }
    if t.provider == Provider::Keycloak {
        if let Some(u) = t
            .str_claim("preferred_username")
            .filter(|u| !u.starts_with("service-account-"))
        {
            signs.push(fill(KEYCLOAK_USER, &[("name", &text::quote(u, 80))]));
        }
    }
    signs
}

pub(super) fn grant(t: &TokenCtx) -> Finding {
    let signs = user_signs(t);
    if !signs.is_empty() {
        return USER_TOKEN.with(&[("signs", &signs.join("; "))]);
    }
    match t.provider {
        Provider::Auth0 => auth0(t),
        Provider::Okta => okta(t),
        _ => generic(t),
    }
}

// ---------------------------------------------------------------------------------------------
// Auth0: gty, or the RFC 9068 profile, and a subject that ends in @clients

const AUTH0: Rule = Rule {
    reference: "Auth0: access token profiles",
    ..GRANT
};
static AUTH0_GTY: Rule = Rule {
    key: "claims.grant.auth0_gty",
    status: Status::Pass,
    detail: "Auth0 marks it as a client-credentials token (gty `client-credentials`), and its subject {sub} ends in @clients, which names an application, not a user.",
    ..AUTH0
};
static AUTH0_RFC9068: Rule = Rule {
    key: "claims.grant.auth0_rfc9068",
    status: Status::Pass,
    detail: "The token uses Auth0's RFC 9068 profile (typ `at+jwt`, a client_id claim, no gty), and its subject {sub} ends in @clients, which names an application, not a user.",
    ..AUTH0
};
static AUTH0_OTHER_GRANT: Rule = Rule {
    key: "claims.grant.auth0_other_gty",
    detail: "gty is {gty}: the token came from another grant than client credentials.",
    fix: WRONG_FLOW_FIX,
    ..AUTH0
};
static AUTH0_NO_EVIDENCE: Rule = Rule {
    key: "claims.grant.auth0_no_evidence",
    detail: "Nothing shows that Auth0 issued this token through client credentials: {missing}.",
    fix: WRONG_FLOW_FIX,
    ..AUTH0
};
const SUBJECT_NOT_CLIENTS: &str = "the subject {sub} does not end in @clients";
const NO_SUB: &str = "there is no sub claim";
const NO_GTY: &str = "there is neither gty `client-credentials` nor the RFC 9068 form (typ `at+jwt` with a client_id claim)";

fn is_at_jwt(t: &TokenCtx) -> bool {
    t.header
        .get("typ")
        .and_then(Value::as_str)
        .is_some_and(|typ| {
            typ.eq_ignore_ascii_case("at+jwt") || typ.eq_ignore_ascii_case("application/at+jwt")
        })
}

fn auth0(t: &TokenCtx) -> Finding {
    let sub = t.str_claim("sub");
    let gty = t.str_claim("gty");
    let rfc9068 = is_at_jwt(t) && t.has("client_id");
    let m2m_sub = sub.is_some_and(|s| s.ends_with("@clients"));
    let sub_q = text::quote(sub.unwrap_or(""), 120);
    if gty == Some("client-credentials") && m2m_sub {
        return AUTH0_GTY.with(&[("sub", &sub_q)]);
    }
    if gty.is_none() && rfc9068 && m2m_sub {
        return AUTH0_RFC9068.with(&[("sub", &sub_q)]);
    }
    if let Some(g) = gty.filter(|g| *g != "client-credentials") {
        return AUTH0_OTHER_GRANT.with(&[("gty", &text::quote(g, 60))]);
    }
    let mut missing = Vec::new();
    if !m2m_sub {
        missing.push(match sub {
            Some(_) => fill(SUBJECT_NOT_CLIENTS, &[("sub", &sub_q)]),
            None => NO_SUB.to_string(),
        });
    }
    if gty.is_none() && !rfc9068 {
        missing.push(NO_GTY.to_string());
    }
    AUTH0_NO_EVIDENCE.with(&[("missing", &missing.join("; "))])
}

// ---------------------------------------------------------------------------------------------
// Okta: no uid, and the subject is the client (cid)

const OKTA: Rule = Rule {
    reference: "Okta: access token claims",
    ..GRANT
};
static OKTA_OWN_TOKEN: Rule = Rule {
    key: "claims.grant.okta_application",
    status: Status::Pass,
    detail:
        "No uid claim, and the subject equals the client (cid) {cid}: the application's own token.",
    ..OKTA
};
static OKTA_OTHER_SUBJECT: Rule = Rule {
    key: "claims.grant.okta_other_subject",
    detail: "The subject {sub} is not the client {cid} (cid): Okta issued this token to someone other than the application itself.",
    fix: WRONG_FLOW_FIX,
    ..OKTA
};
static OKTA_NO_CID: Rule = Rule {
    key: "claims.grant.okta_no_cid",
    detail: "The token has no cid claim, which every Okta access token carries: it does not come from an Okta authorization server.",
    fix: "Request the token from your Okta authorization server's token endpoint, as in the command above.",
    ..OKTA
};

fn okta(t: &TokenCtx) -> Finding {
    let Some(cid) = t.str_claim("cid") else {
        return OKTA_NO_CID.finding();
    };
    let sub = t.str_claim("sub");
    let cid_q = text::quote(cid, 120);
    if sub == Some(cid) {
        return OKTA_OWN_TOKEN.with(&[("cid", &cid_q)]);
    }
    let sub_q = text::quote(sub.unwrap_or(""), 120);
    OKTA_OTHER_SUBJECT.with(&[("sub", &sub_q), ("cid", &cid_q)])
}

// ---------------------------------------------------------------------------------------------
// Any other server: no sign of a user, and what shows an application

const GENERIC: Rule = Rule {
    status: Status::Pass,
    reference: "RFC 9068 §2.2",
    ..GRANT
};
static NO_USER: Rule = Rule {
    key: "claims.grant.no_user",
    detail: "No sign of a user in the token (no user subject, uid, upn, username or email): an application's own token.",
    ..GENERIC
};
static APPLICATION_EVIDENCE: Rule = Rule {
    key: "claims.grant.application",
    detail: "An application's own token: {evidence}.",
    ..GENERIC
};
const SUBJECT_IS_CLIENT: &str = "the subject is the client itself ({client})";
const SERVICE_ACCOUNT: &str = "it belongs to the service account {name}";
const IDTYP_APP: &str = "idtyp is `app`";
const GTY_NAMES_CC: &str = "gty names `client_credentials`";

fn generic(t: &TokenCtx) -> Finding {
    let sub = t.str_claim("sub");
    let client = ["client_id", "azp", "appid"]
        .iter()
        .find_map(|c| t.str_claim(c));
    let mut evidence = Vec::new();
    if let Some(c) = client.filter(|c| sub == Some(*c)) {
        evidence.push(fill(SUBJECT_IS_CLIENT, &[("client", &text::quote(c, 120))]));
    }
    if let Some(u) = t
        .str_claim("preferred_username")
        .filter(|u| u.starts_with("service-account-"))
    {
        evidence.push(fill(SERVICE_ACCOUNT, &[("name", &text::quote(u, 120))]));
    }
    if t.str_claim("idtyp") == Some("app") {
        evidence.push(IDTYP_APP.to_string());
    }
    // Kinde: `"gty": ["client_credentials"]`.
    let gty_cc = match t.claims.get("gty") {
        Some(Value::Array(a)) => a.iter().any(|g| g == "client_credentials"),
        Some(g) => g == "client_credentials",
        None => false,
    };
    if gty_cc {
        evidence.push(GTY_NAMES_CC.to_string());
    }
    if evidence.is_empty() {
        NO_USER.finding()
    } else {
        APPLICATION_EVIDENCE.with(&[("evidence", &evidence.join("; "))])
    }
}

// ---------------------------------------------------------------------------------------------
// The client the token was issued to

const CLIENT: Rule = Rule {
    check: "client_id",
    status: Status::Skip,
    title: "Your application (client ID)",
    reference: "RFC 9068 §2.2",
    headline: "The token was issued to another application than the client ID you entered",
    ..Rule::BLANK
};
static CLIENT_UNNAMED: Rule = Rule {
    key: "claims.client.unnamed",
    detail: "The token has no claim naming the client (client_id, azp, appid), so it cannot be compared with your client ID.",
    ..CLIENT
};
static CLIENT_NOT_COMPARED: Rule = Rule {
    key: "claims.client.not_compared",
    detail: "The token names the client: {named}. \
             It is not compared: no client ID was entered.",
    fix: "Enter your application's client ID in the form above to check that the token was issued to it.",
    ..CLIENT
};
static CLIENT_YOURS: Rule = Rule {
    key: "claims.client.yours",
    status: Status::Pass,
    detail: "Issued to the client ID you entered: {named}.",
    ..CLIENT
};
static CLIENT_OTHER: Rule = Rule {
    key: "claims.client.other_application",
    status: Status::Fail,
    detail: "The token was issued to another application than the client ID you entered ({entered}): {wrong}.{hint}",
    fix: "Use one application throughout: enter its client ID above, request the token with that client ID and its secret, and paste the new response.",
    ..CLIENT
};
const AUTH0_TEST_APPLICATION: &str = " Perhaps the token came from another application — for example the \"(Test Application)\" the dashboard creates for each API — or the client ID above was copied from another application.";
const OTHER_APPLICATION: &str =
    " The token came from another application, or the client ID above belongs to another one.";
const NAMED: &str = "{claim} {value}";
const IS: &str = "{claim} is {value}";

/// The claims that name the client, by provider: `(claim, value)`.
fn client_claims<'a>(t: &'a TokenCtx, entered: &str) -> Vec<(&'static str, &'a str)> {
    let names: &[&str] = match t.provider {
        Provider::Okta => &["cid"],
        _ => &["client_id", "azp", "appid", "cid"],
    };
    let mut named: Vec<(&str, &str)> = names
        .iter()
        .filter_map(|n| t.str_claim(n).map(|v| (*n, v)))
        .collect();
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
    named
}

pub(super) fn client(t: &TokenCtx) -> Finding {
    let entered = t.expect.client_id.trim();
    let named = client_claims(t, entered);
    let list = |template: &str, only_wrong: bool| {
        named
            .iter()
            .filter(|(_, v)| !only_wrong || *v != entered)
            .map(|(n, v)| fill(template, &[("claim", *n), ("value", &text::quote(v, 120))]))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if named.is_empty() {
        CLIENT_UNNAMED.finding()
    } else if entered.is_empty() {
        CLIENT_NOT_COMPARED.with(&[("named", &list(NAMED, false))])
    } else if named.iter().all(|(_, v)| *v == entered) {
        CLIENT_YOURS.with(&[("named", &list(NAMED, false))])
    } else {
        let hint = if t.provider == Provider::Auth0 {
            AUTH0_TEST_APPLICATION
        } else {
            OTHER_APPLICATION
        };
        CLIENT_OTHER.with(&[
            ("entered", &text::quote(entered, 120)),
            ("wrong", &list(IS, true)),
            ("hint", hint),
        ])
    }
}

/// Every rule of this module, for the catalog (`crate::core::check::catalog`).
pub(crate) const RULES: &[&Rule] = &[
    &USER_TOKEN,
    &AUTH0_GTY,
    &AUTH0_RFC9068,
    &AUTH0_OTHER_GRANT,
    &AUTH0_NO_EVIDENCE,
    &OKTA_OWN_TOKEN,
    &OKTA_OTHER_SUBJECT,
    &OKTA_NO_CID,
    &NO_USER,
    &APPLICATION_EVIDENCE,
    &CLIENT_UNNAMED,
    &CLIENT_NOT_COMPARED,
    &CLIENT_YOURS,
    &CLIENT_OTHER,
];
