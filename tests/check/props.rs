//! Property tests: random and mutated pastes never panic, and every report is coherent (a
//! headline sentence, findings, and a verdict that agrees with them).

use super::fixtures::*;
use oauth_cc_widget::core::check::{check, Expectations};
use oauth_cc_widget::core::provider::Provider;
use oauth_cc_widget::core::report::{Report, Status, Verdict};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Pieces that steer random pastes into the checker's corners.
const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    ":",
    ",",
    " ",
    "\n",
    "\r\n",
    "\t",
    "\\",
    "\\\"",
    "\\u00",
    "null",
    "true",
    "None",
    "access_token",
    "\"access_token\":",
    "\"error\":",
    "\"token_type\":\"Bearer\"",
    "\"expires_in\":",
    "error_description",
    "eyJ",
    "eyJhbGciOiJSUzI1NiJ9",
    ".",
    "..",
    "...",
    "…",
    "HTTP/1.1 200 OK\n",
    "HTTP/2 401\n",
    "content-type: application/json\n",
    "$ curl -X POST ",
    "curl ",
    " \\\n",
    "```json\n",
    "```",
    "%",
    "* Connection #0 to host x left intact",
    "> ",
    "< ",
    "* ",
    "{ [12 bytes data]",
    "\u{200B}",
    "\u{FEFF}",
    "\u{00A0}",
    "“",
    "”",
    "‘",
    "’",
    "<html><title>",
    "</title>",
    "curl: (6) ",
    "Authorization: Bearer ",
    "Bearer ",
    "@{",
    "access_token : ",
    "------------",
    "Invoke-RestMethod : ",
    "At line:1 char:1",
    "@clients",
    "auth0|",
    "AADSTS7000215",
    "client-grant",
    "Service not found: ",
    "PS C:\\> ",
    "me@box:~$ ",
    "é",
    "😀",
    "\u{0}",
    "\u{7f}",
    "0",
    "-1",
    "1e400",
    "1.5",
];

fn fragments() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|v| v.concat())
}

/// A coherent report: a headline sentence, findings, and a verdict that agrees with them.
fn coherent(r: &Report) -> Result<(), TestCaseError> {
    prop_assert!(!r.headline.trim().is_empty());
    prop_assert!(r.headline.ends_with('.'), "headline: {}", r.headline);
    prop_assert!(!r.findings.is_empty());
    let fails = r.findings.iter().any(|f| f.status() == Status::Fail);
    match r.verdict {
        Verdict::Pass => {
            prop_assert!(!fails);
            prop_assert_eq!(
                r.finding("signature").map(|f| f.status()),
                Some(Status::Pass)
            );
        }
        Verdict::ErrorResponse => prop_assert!(r.finding("error_response").is_some()),
        Verdict::Fail => {}
    }
    for f in &r.findings {
        prop_assert!(!f.id().is_empty() && !f.title().is_empty() && !f.detail.is_empty());
        // A failing check always says what to do (the signature's fix comes with its outcome).
        prop_assert!(
            f.status() != Status::Fail || f.fix.is_some() || f.id() == "signature",
            "no fix for {:?}",
            f
        );
    }
    if r.token.is_some() || r.signature.is_some() {
        // Whenever a signature can be checked, there is a place for it in the report.
        if r.signature.is_some() {
            prop_assert!(r.finding("signature").is_some());
        }
    }
    Ok(())
}

/// The checks that compare the token with the learner's values.
const COMPARISONS: [&str; 4] = ["iss", "aud", "client_id", "grant"];

/// The headline claims no more than the findings show: "checks out" only when every comparison
/// was made and passed, a verified signature only when it verified, "well done" only for a pass.
fn headline_claims_hold(r: &Report) -> Result<(), TestCaseError> {
    let h = r.headline.as_str();
    let status = |id: &str| r.finding(id).map(|f| f.status());
    let fails = r.failures().count();
    let signature = status("signature");
    let verified = matches!(signature, Some(Status::Pass | Status::Warn));
    let nothing_failed = [
        "Nothing failed",
        "Nothing has failed",
        "Everything",
        "Well done",
    ];
    if nothing_failed.iter().any(|p| h.starts_with(p)) {
        prop_assert_eq!(fails, 0, "{}", h);
    }
    if h.contains("Everything else checks out") || h.contains("Everything checks out") {
        for id in COMPARISONS {
            prop_assert!(
                !matches!(status(id), Some(Status::Skip | Status::Warn)),
                "{} is {:?}: {}",
                id,
                status(id),
                h
            );
        }
    }
    if h.contains("signature verifies")
        || h.contains("signature holds")
        || h.contains("passes, signature included")
    {
        prop_assert!(verified, "signature {:?}: {}", signature, h);
    }
    if h.starts_with("Well done") {
        prop_assert_eq!(r.verdict, Verdict::Pass);
        for id in ["iss", "aud", "grant"] {
            prop_assert!(
                !matches!(status(id), Some(Status::Skip | Status::Warn)),
                "{} is {:?}: {}",
                id,
                status(id),
                h
            );
        }
        let unnamed = h.contains("does not name the application");
        prop_assert!(
            unnamed || status("client_id").is_none_or(|s| s == Status::Pass),
            "client_id {:?}: {}",
            status("client_id"),
            h
        );
    }
    if r.verdict == Verdict::Pass {
        prop_assert!(
            [
                "Well done",
                "Everything that could be checked",
                "Nothing failed and"
            ]
            .iter()
            .any(|p| h.starts_with(p)),
            "a pass says so: {}",
            h
        );
    }
    Ok(())
}

/// The signature outcomes the browser layer can report, to apply to any report.
fn signature_outcomes() -> Vec<oauth_cc_widget::core::report::Finding> {
    vec![
        signature_pass(),
        signature_weak_key(),
        signature_mismatch(),
        signature_unchecked(),
        signature_no_endpoint(),
        signature_hmac_refused(),
        signature_issuer_elsewhere(),
    ]
}

fn check_all(paste: &str, expect: &Expectations) -> Result<(), TestCaseError> {
    let mut r = check(paste, expect, NOW);
    coherent(&r)?;
    headline_claims_hold(&r)?;
    assert_spans_close(paste, &r);
    r.apply_signature(signature_pass());
    coherent(&r)?;
    headline_claims_hold(&r)?;
    Ok(())
}

#[derive(Clone, Debug)]
enum Mutation {
    Flip(usize, u8),
    Truncate(usize),
    Insert(usize, &'static str),
    Delete(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..=255u8).prop_map(|(p, x)| Mutation::Flip(p, x)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), prop::sample::select(FRAGMENTS)).prop_map(|(p, s)| Mutation::Insert(p, s)),
        (any::<usize>(), 1..40usize).prop_map(|(p, n)| Mutation::Delete(p, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    if bytes.is_empty() {
        if let Mutation::Insert(_, s) = m {
            bytes.extend_from_slice(s.as_bytes());
        }
        return;
    }
    match *m {
        Mutation::Flip(p, x) => {
            let i = p % bytes.len();
            bytes[i] ^= x;
        }
        Mutation::Truncate(p) => bytes.truncate(p % bytes.len()),
        Mutation::Insert(p, s) => {
            let i = p % (bytes.len() + 1);
            bytes.splice(i..i, s.bytes());
        }
        Mutation::Delete(p, n) => {
            let i = p % bytes.len();
            let j = (i + n).min(bytes.len());
            bytes.drain(i..j);
        }
    }
}

/// Wrappers a valid response may come in.
fn wrap(body: &str, kind: u8) -> String {
    match kind % 6 {
        0 => body.to_string(),
        1 => format!("HTTP/2 200\ncontent-type: application/json\n\n{}", body),
        2 => format!("```json\n{}\n```", body),
        3 => format!(
            "$ curl -s -X POST https://x/oauth/token \\\n  -d a=b\n{}%",
            body
        ),
        4 => format!(
            "< HTTP/2 200\n<\n{}* Connection #0 to host x left intact\n",
            body
        ),
        _ => format!("\u{FEFF}{}\r\n", body.replace(',', ",\r\n")),
    }
}

/// Any JSON value, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null)),
        ".{0,20}".prop_map(Value::String),
        prop::sample::select(
            &[
                "client-credentials",
                "auth0|1",
                "x@clients",
                API,
                AUTH0_ISS,
                CLIENT_ID
            ][..]
        )
        .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((".{0,8}", inner), 0..4)
                .prop_map(|v| Value::Object(v.into_iter().collect())),
        ]
    })
}

const CLAIM_NAMES: &[&str] = &[
    "iss",
    "sub",
    "aud",
    "exp",
    "iat",
    "nbf",
    "gty",
    "azp",
    "client_id",
    "cid",
    "uid",
    "scp",
    "scope",
    "tid",
    "appid",
    "idtyp",
    "preferred_username",
    "username",
    "email",
    "upn",
    "token_use",
    "auth_time",
];
const HEADER_NAMES: &[&str] = &["alg", "typ", "kid", "enc", "x5t"];

fn random_map(names: &'static [&'static str]) -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::vec((prop::sample::select(names), json_value()), 0..10)
        .prop_map(|v| v.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn expectations() -> impl Strategy<Value = Expectations> {
    let providers = [
        Provider::Auth0,
        Provider::Okta,
        Provider::Keycloak,
        Provider::Entra,
        Provider::Cognito,
        Provider::Hydra,
        Provider::Generic,
    ];
    (
        prop::sample::select(providers.to_vec()),
        prop::option::of(prop_oneof![Just(AUTH0_ISS.to_string()), ".{0,30}"]),
        any::<bool>(),
        any::<bool>(),
        prop_oneof![Just(CLIENT_ID.to_string()), ".{0,12}"],
        prop_oneof![Just(API.to_string()), ".{0,20}"],
    )
        .prop_map(
            |(provider, issuer, issuer_discovered, issuer_guessed, client_id, audience)| {
                Expectations {
                    provider,
                    issuer,
                    issuer_discovered,
                    issuer_guessed,
                    client_id,
                    audience,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_strings_never_panic(s in ".*") {
        check_all(&s, &auth0_expect())?;
    }

    #[test]
    fn random_fragment_soup_never_panics(s in fragments(), e in expectations()) {
        check_all(&s, &e)?;
    }

    #[test]
    fn random_bytes_read_lossily_never_panic(b in prop::collection::vec(any::<u8>(), 0..600)) {
        check_all(&String::from_utf8_lossy(&b), &auth0_expect())?;
    }

    #[test]
    fn mutated_valid_responses_never_panic(
        case in 0..9usize,
        kind in any::<u8>(),
        ms in prop::collection::vec(mutation(), 1..6),
    ) {
        let cases = provider_cases();
        let c = &cases[case % cases.len()];
        let mut bytes = wrap(&c.paste, kind).into_bytes();
        for m in &ms {
            apply(&mut bytes, m);
        }
        check_all(&String::from_utf8_lossy(&bytes), &c.expect)?;
    }

    #[test]
    fn wrapped_valid_responses_keep_passing(case in 0..9usize, kind in any::<u8>()) {
        let cases = provider_cases();
        let c = &cases[case % cases.len()];
        let r = check(&wrap(&c.paste, kind), &c.expect, NOW);
        prop_assert!(r.failures().next().is_none(), "{}", describe(&r));
    }

    #[test]
    fn random_claims_and_headers_never_panic(
        header in random_map(HEADER_NAMES),
        claims in random_map(CLAIM_NAMES),
        extra in random_map(&["token_type", "expires_in", "scope", "refresh_token", "id_token", "error"]),
        e in expectations(),
        now in prop_oneof![Just(NOW), any::<i64>()],
    ) {
        let token = jwt(&Value::Object(header), &Value::Object(claims));
        let mut body = extra;
        body.insert("access_token".into(), Value::String(token));
        let paste = Value::Object(body).to_string();
        let mut r = check(&paste, &e, now);
        coherent(&r)?;
        headline_claims_hold(&r)?;
        for outcome in signature_outcomes() {
            r.apply_signature(outcome);
            coherent(&r)?;
            headline_claims_hold(&r)?;
        }
    }

    #[test]
    fn headlines_of_correct_responses_claim_only_what_was_checked(
        case in 0..9usize,
        drop_issuer in any::<bool>(),
        drop_audience in any::<bool>(),
        drop_client in any::<bool>(),
        outcome in 0..7usize,
    ) {
        let cases = provider_cases();
        let c = &cases[case % cases.len()];
        let mut e = c.expect.clone();
        if drop_issuer {
            e.issuer = None;
        }
        if drop_audience {
            e.audience.clear();
        }
        if drop_client {
            e.client_id.clear();
        }
        let mut r = check(&c.paste, &e, NOW);
        headline_claims_hold(&r)?;
        r.apply_signature(signature_outcomes().swap_remove(outcome));
        coherent(&r)?;
        headline_claims_hold(&r)?;
    }
}
