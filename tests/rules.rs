#![cfg(not(target_arch = "wasm32"))]
//! The checker's rules as a catalog (see `core::rule`): the table of pastes and the rules each one
//! gets, the table of signature outcomes, and the catalog's own invariants — keys unique and
//! well formed, every failing rule with a fix and a headline, every rule reached by some input,
//! every sentence on one source line — and the wording snapshot, `tests/rules.snap`, that renders
//! every rule once so that an editorial review is one readable diff.
//!
//! `UPDATE_SNAPSHOTS=1 cargo test --test rules` rewrites the snapshot and the `rules` column of
//! the paste table from what the checker does now; review the diff before committing it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use oauth_cc_widget::core::check::{catalog, check, Expectations, MAX_PASTE_BYTES};
use oauth_cc_widget::core::jwks::{
    choose_key, parse_key_set, DiscoveryProblem, KeyProblem, KeySetProblem, RejectReason,
};
use oauth_cc_widget::core::provider::Provider;
use oauth_cc_widget::core::report::{Report, SignatureInput, Status};
use oauth_cc_widget::core::rule::{fill, slot_names, Rule};
use oauth_cc_widget::core::signature::{
    signature_finding, CouldNotCheck, FetchFailure, FetchStep, KeySource, SignatureOutcome,
};
use serde_json::{json, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn updating() -> bool {
    std::env::var_os("UPDATE_SNAPSHOTS").is_some()
}

fn keys(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.rule.key).collect()
}

// ---------------------------------------------------------------------------------------------
// The paste table: tests/rules/cases.jsonl, one case a line

fn provider(name: &str) -> Provider {
    match name {
        "Auth0" => Provider::Auth0,
        "Okta" => Provider::Okta,
        "Keycloak" => Provider::Keycloak,
        "Entra" => Provider::Entra,
        "Cognito" => Provider::Cognito,
        "Hydra" => Provider::Hydra,
        _ => Provider::Generic,
    }
}

fn expectations(e: &Value) -> Expectations {
    let text = |k: &str| e[k].as_str().unwrap_or("").to_string();
    Expectations {
        provider: provider(e["provider"].as_str().unwrap_or("")),
        issuer: e["issuer"].as_str().map(str::to_string),
        issuer_discovered: e["issuer_discovered"].as_bool().unwrap_or(false),
        issuer_guessed: e["issuer_guessed"].as_bool().unwrap_or(false),
        client_id: text("client_id"),
        audience: text("audience"),
    }
}

fn cases_path() -> PathBuf {
    root().join("tests/rules/cases.jsonl")
}

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(cases_path()).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn run_case(case: &Value) -> Report {
    let paste = case["paste"].as_str().unwrap_or("");
    check(
        paste,
        &expectations(&case["expect"]),
        case["now"].as_i64().unwrap_or(0),
    )
}

/// The cases too large for the table, built here.
fn large_cases() -> Vec<(&'static str, Report)> {
    let now = 1_795_862_000;
    let too_large = format!("{{\"x\": \"{}\"}}", "x".repeat(MAX_PASTE_BYTES));
    let members: Vec<String> = (0..5000).map(|i| format!("\"v{i}\"")).collect();
    let many_values = format!(
        r#"{{"access_token": "opaque-token-0123456789abcdef", "token_type": "Bearer", "x": [{}]}}"#,
        members.join(",")
    );
    vec![
        (
            "paste.too_large",
            check(&too_large, &Expectations::default(), now),
        ),
        (
            "paste.trimmed",
            check(&many_values, &Expectations::default(), now),
        ),
    ]
}

#[test]
fn every_paste_in_the_table_gets_its_rules() {
    let mut cases = cases();
    assert!(cases.len() > 150, "the table is missing");
    let mut wrong = Vec::new();
    for case in &mut cases {
        let got = keys(&run_case(case));
        let expected: Vec<&str> = case["rules"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if updating() {
            case["rules"] = json!(got);
        } else if got != expected {
            wrong.push(format!(
                "{}:\n  expected {expected:?}\n  got      {got:?}",
                case["for"]
            ));
        }
        for key in case["for"].as_array().into_iter().flatten() {
            let key = key.as_str().unwrap_or("");
            assert!(got.contains(&key), "{key}: not reached; got {got:?}");
        }
    }
    if updating() {
        let text: String = cases.iter().map(|c| format!("{c}\n")).collect();
        std::fs::write(cases_path(), text).unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    for (key, report) in large_cases() {
        assert!(keys(&report).contains(&key), "{key}: {:?}", keys(&report));
    }
}

// ---------------------------------------------------------------------------------------------
// The signature table: what the browser layer reports, and the rule of each

fn key_set(bits: usize) -> String {
    let mut modulus = vec![0x5Au8; bits / 8];
    modulus[0] = 0xC1;
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut n = String::new();
    for chunk in modulus.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            n.push(A[((v >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    format!(r#"{{"keys":[{{"kty":"RSA","kid":"k1","n":"{n}","e":"AQAB"}}]}}"#)
}

fn verified(bits: usize, source: KeySource) -> SignatureOutcome {
    let input = SignatureInput {
        alg: "RS256".into(),
        kid: Some("k1".into()),
        signing_input: "a.b".into(),
        signature: vec![1; 256],
        iss: None,
    };
    let keys = parse_key_set(&key_set(bits)).unwrap_or_else(|e| panic!("{e:?}"));
    let key = choose_key(&input, &keys)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .remove(0);
    SignatureOutcome::Verified { key, source }
}

/// Every kind of outcome, and the rule it must get.
fn signature_cases() -> Vec<(SignatureOutcome, &'static str)> {
    let fetched = || KeySource::Fetched {
        jwks_uri: "https://dev-abc.us.auth0.com/.well-known/jwks.json".into(),
    };
    let could_not = |reason| SignatureOutcome::CouldNotCheck {
        reason,
        iss: Some("https://dev-abc.us.auth0.com/".into()),
    };
    let fetch = |step, failure| {
        could_not(CouldNotCheck::Fetch {
            step,
            url: "https://dev-abc.us.auth0.com/x".into(),
            failure,
        })
    };
    let unknown_kid = KeyProblem::UnknownKid {
        kid: "gone".into(),
        present: vec!["k1".into()],
    };
    use FetchFailure::{Network, Status as Http, Timeout};
    use FetchStep::{Discovery, Jwks};
    vec![
        (
            SignatureOutcome::Checking {
                step: Discovery,
                url: "https://a.com/.well-known/openid-configuration".into(),
            },
            "signature.fetching_discovery",
        ),
        (
            SignatureOutcome::Checking {
                step: Jwks,
                url: "https://a.com/jwks".into(),
            },
            "signature.fetching_keys",
        ),
        (verified(2048, fetched()), "signature.verified"),
        (
            verified(1024, KeySource::Pasted),
            "signature.verified_weak_key",
        ),
        (
            SignatureOutcome::Mismatch {
                kid: Some("k1".into()),
                alg: "RS256".into(),
                tried: 1,
                source: fetched(),
            },
            "signature.mismatch",
        ),
        (
            SignatureOutcome::Mismatch {
                kid: None,
                alg: "RS256".into(),
                tried: 2,
                source: KeySource::Pasted,
            },
            "signature.mismatch_pasted_keys",
        ),
        (
            SignatureOutcome::Refused(KeyProblem::AlgNone { alg: "none".into() }),
            "signature.alg_none",
        ),
        (
            SignatureOutcome::Refused(KeyProblem::Hmac {
                alg: "HS256".into(),
                issuer_publishes_public_keys: true,
            }),
            "signature.hmac",
        ),
        (
            SignatureOutcome::Refused(KeyProblem::UnsupportedAlg {
                alg: "EdDSA".into(),
            }),
            "signature.unsupported_alg",
        ),
        (
            SignatureOutcome::Refused(KeyProblem::EmptySignature),
            "signature.empty",
        ),
        (
            SignatureOutcome::Refused(KeyProblem::SignatureLength {
                alg: "ES256",
                expected: 64,
                found: 70,
            }),
            "signature.length",
        ),
        (
            SignatureOutcome::NoKey {
                problem: unknown_kid.clone(),
                source: KeySource::Pasted,
            },
            "signature.pasted_keys_unfit",
        ),
        (
            SignatureOutcome::NoKey {
                problem: KeyProblem::KidUnusable {
                    kid: "k1".into(),
                    reason: RejectReason::SymmetricKey,
                },
                source: fetched(),
            },
            "signature.issuer_keys_unusable",
        ),
        (
            SignatureOutcome::NoKey {
                problem: unknown_kid,
                source: fetched(),
            },
            "signature.unknown_kid",
        ),
        (
            SignatureOutcome::NoKey {
                problem: KeyProblem::KidNotForSigning { kid: "k1".into() },
                source: fetched(),
            },
            "signature.key_does_not_fit",
        ),
        (
            SignatureOutcome::IssuerElsewhere {
                iss: "https://other.auth0.com/".into(),
                endpoint_host: "dev-abc.us.auth0.com".into(),
            },
            "signature.issuer_elsewhere",
        ),
        (fetch(Discovery, Network), "signature.discovery.network"),
        (
            fetch(Discovery, Timeout { seconds: 10 }),
            "signature.discovery.timeout",
        ),
        (
            fetch(Discovery, Http { code: 404 }),
            "signature.discovery.not_found",
        ),
        (
            fetch(Discovery, Http { code: 500 }),
            "signature.discovery.status",
        ),
        (fetch(Jwks, Network), "signature.jwks.network"),
        (
            fetch(Jwks, Timeout { seconds: 10 }),
            "signature.jwks.timeout",
        ),
        (fetch(Jwks, Http { code: 404 }), "signature.jwks.not_found"),
        (fetch(Jwks, Http { code: 503 }), "signature.jwks.status"),
        (
            could_not(CouldNotCheck::DiscoveryContent {
                url: "https://a.com/x".into(),
                problem: DiscoveryProblem::MissingJwksUri,
            }),
            "signature.discovery.unusable",
        ),
        (
            could_not(CouldNotCheck::NoEndpoint),
            "signature.no_endpoint",
        ),
        (
            could_not(CouldNotCheck::TokenWithoutIssuer),
            "signature.token_without_issuer",
        ),
        (
            could_not(CouldNotCheck::IssuerMismatch {
                token_iss: "https://a/".into(),
                document_issuer: "https://b/".into(),
                url: "https://b/.well-known/openid-configuration".into(),
            }),
            "signature.discovery.other_issuer",
        ),
        (
            could_not(CouldNotCheck::JwksContent {
                source: KeySource::Pasted,
                problem: KeySetProblem::EmptyKeys,
            }),
            "signature.keys_unreadable",
        ),
        (
            could_not(CouldNotCheck::NoWebCrypto),
            "signature.no_webcrypto",
        ),
        (
            could_not(CouldNotCheck::WebCrypto {
                error: "DataError".into(),
            }),
            "signature.webcrypto_refused",
        ),
    ]
}

#[test]
fn every_signature_outcome_gets_its_rule() {
    for (outcome, key) in signature_cases() {
        let f = signature_finding(&outcome);
        assert_eq!(f.rule.key, key, "{outcome:?}");
        assert_eq!(f.id(), "signature");
    }
}

// ---------------------------------------------------------------------------------------------
// The catalog

#[test]
fn every_rule_is_reached_by_an_input() {
    let mut reached: BTreeSet<&str> = BTreeSet::new();
    for case in cases() {
        reached.extend(keys(&run_case(&case)));
    }
    for (_, report) in large_cases() {
        reached.extend(keys(&report));
    }
    for (outcome, _) in signature_cases() {
        reached.insert(signature_finding(&outcome).rule.key);
    }
    let unreached: Vec<&str> = catalog()
        .iter()
        .map(|r| r.key)
        .filter(|k| !reached.contains(k))
        .collect();
    assert!(
        unreached.is_empty(),
        "no input reaches these rules (add a case, or remove the rule): {unreached:?}"
    );
}

#[test]
fn keys_are_unique_and_well_formed() {
    let mut seen = BTreeSet::new();
    for r in catalog() {
        assert!(seen.insert(r.key), "{}: twice in the catalog", r.key);
        let parts: Vec<&str> = r.key.split('.').collect();
        assert!(
            parts.len() >= 2
                && parts.iter().all(|p| {
                    !p.is_empty()
                        && p.bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                }),
            "{}: keys are area.subject[.case] in lowercase",
            r.key
        );
        assert!(
            !r.check.is_empty() && !r.title.is_empty() && !r.detail.is_empty(),
            "{}",
            r.key
        );
    }
}

#[test]
fn failing_rules_say_what_to_do_and_give_a_headline() {
    for r in catalog() {
        if r.status == Status::Fail {
            assert!(!r.fix.is_empty(), "{}: a failing rule needs a fix", r.key);
            assert!(
                !r.headline.is_empty(),
                "{}: a failing rule decides the headline",
                r.key
            );
            assert!(
                !r.headline.ends_with('.'),
                "{}: the headline's full stop is added",
                r.key
            );
        }
    }
}

/// A skipped signature rule's headline speaks when nothing failed; its one slot, `{missing}`,
/// is filled by the verdict with the values still to enter.
#[test]
fn skipped_signature_headlines_fill_only_what_is_missing() {
    let mut with_headline = Vec::new();
    for r in catalog() {
        if r.status == Status::Skip && r.check == "signature" {
            if let Some(h) = r.deciding_headline() {
                assert!(slot_names(h).all(|n| n == "missing"), "{}: {h}", r.key);
                assert!(!h.contains("failed (see below"), "{}: {h}", r.key);
                with_headline.push(r.key);
            }
        }
    }
    assert_eq!(
        with_headline,
        ["signature.issuer_elsewhere", "signature.no_endpoint"]
    );
}

/// Every slot of every text is filled where the rule fires: `Rule::with` and `fill` assert it in
/// debug builds, so the tables above (which reach every rule) check it. Here: every shared phrase
/// is used.
#[test]
fn every_shared_phrase_is_used() {
    use oauth_cc_widget::core::facts::PHRASES;
    let mut used = BTreeSet::new();
    for r in catalog() {
        for text in [r.detail, r.fix, r.headline] {
            used.extend(slot_names(text));
        }
    }
    for (name, _) in PHRASES {
        assert!(
            used.contains(name) || phrase_used_in_source(name),
            "the phrase {{{name}}} is used nowhere"
        );
    }
}

fn phrase_used_in_source(name: &str) -> bool {
    sources()
        .iter()
        .any(|(_, text)| text.contains(&format!("{{{name}}}")))
}

// ---------------------------------------------------------------------------------------------
// The wording snapshot

/// Every slot filled with its own name, so a rendered text shows where the paste's values go
/// (shared phrases are written out).
fn placeholders(text: &'static str) -> Vec<(&'static str, &'static str)> {
    use oauth_cc_widget::core::facts::PHRASES;
    slot_names(text)
        .filter(|n| PHRASES.iter().all(|(p, _)| p != n))
        .map(|n| (n, &*Box::leak(format!("‹{n}›").into_boxed_str())))
        .collect()
}

fn render(r: &Rule) -> String {
    let mut out = format!("## {}  ({}, {})\n", r.key, r.check, r.status.as_str());
    out.push_str(&format!("title: {}\n", r.title));
    for (label, text) in [
        ("detail", r.detail),
        ("fix", r.fix),
        ("reference", r.reference),
        ("headline", r.deciding_headline().unwrap_or("")),
    ] {
        if !text.is_empty() {
            out.push_str(&format!("{label}: {}\n", fill(text, &placeholders(text))));
        }
    }
    out
}

#[test]
fn wording_snapshot_is_current() {
    let path = root().join("tests/rules.snap");
    let mut text = String::from(
        "# Every rule the checker can report, rendered once (tests/rules.rs writes it).\n\
         # ‹name› marks where a value from the paste or the form goes.\n\
         # Regenerate with: UPDATE_SNAPSHOTS=1 cargo test --test rules\n",
    );
    for r in catalog() {
        text.push('\n');
        text.push_str(&render(r));
    }
    if updating() {
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{e}"));
        return;
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_default();
    if stored != text {
        let first = stored
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "tests/rules.snap is out of date (first difference at line {}); run \
             UPDATE_SNAPSHOTS=1 cargo test --test rules and review the diff",
            first + 1
        );
    }
}

// ---------------------------------------------------------------------------------------------
// One sentence per source line

/// The source files that hold the checker's texts.
fn sources() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push((p.clone(), std::fs::read_to_string(&p).unwrap_or_default()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&root().join("src/core/check"), &mut out);
    for f in ["check.rs", "signature.rs", "jwks.rs", "rule.rs", "facts.rs"] {
        let p = root().join("src/core").join(f);
        out.push((p.clone(), std::fs::read_to_string(&p).unwrap_or_default()));
    }
    out
}

#[test]
fn every_sentence_stands_on_one_source_line() {
    let mut split = Vec::new();
    for (path, text) in sources() {
        for (n, line) in text.lines().enumerate() {
            let t = line.trim_end();
            // A string literal continued on the next line (`\` at the end, not `\\`).
            let continued =
                t.ends_with('\\') && !t.ends_with("\\\\") && !t.trim_start().starts_with("//");
            if !continued {
                continue;
            }
            let before = t.trim_end_matches('\\').trim_end();
            // (A slot may end a line: it holds a sentence or a part that ends one.)
            let ends_sentence = before.ends_with(['.', '?', '!', ':', ')', '}']);
            let has_space = t.ends_with(" \\");
            if !(ends_sentence && has_space) {
                split.push(format!("{}:{}: {}", path.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        split.is_empty(),
        "a line of text must end with its sentence and a space before the `\\`:\n{}",
        split.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Precedence: where two recognisers of an ordered list both match, the earlier one explains

/// `(why, paste, provider, the rule that must explain it)`: each paste matches two recognisers
/// of one ordered list (`tools::RECOGNISERS`, `errors::EXPLAINERS`, `json::DIAGNOSES`), and the
/// earlier one must win.
const PRECEDENCE: &[(&str, &str, Provider, &str)] = &[
    (
        "a browser's CORS error before a curl line in the same paste",
        "Access to fetch at 'https://dev-abc123.us.auth0.com/oauth/token' from origin 'http://localhost:3000' has been blocked by CORS policy\ncurl: (6) Could not resolve host: x",
        Provider::Generic,
        "paste.browser.cors",
    ),
    (
        "lines run one by one (which also cut the host) before curl's own error",
        "curl: (6) Could not resolve host: dev-\nbash: -d: command not found",
        Provider::Generic,
        "paste.shell.lines_ran_separately",
    ),
    (
        "curl missing before a line that starts with `curl: `",
        "curl: command not found",
        Provider::Generic,
        "paste.shell.curl_missing",
    ),
    (
        "a rate limit before Auth0's client-grant wording",
        r#"{"error": "access_denied", "error_description": "Client is not authorized to access \"https://api.example.com\": create a client-grant", "statusCode": 429}"#,
        Provider::Auth0,
        "errors.rate_limited",
    ),
    (
        "Auth0's client grant before a scope that was not granted",
        r#"{"error": "access_denied", "error_description": "Client has not been granted scopes: read; create a client-grant"}"#,
        Provider::Auth0,
        "errors.auth0.not_authorized",
    ),
    (
        "Keycloak's service accounts before the meaning of unauthorized_client",
        r#"{"error": "unauthorized_client", "error_description": "Client not enabled to retrieve service account"}"#,
        Provider::Keycloak,
        "errors.keycloak.service_accounts_off",
    ),
    (
        "an AADSTS number before the meaning of invalid_client",
        r#"{"error": "invalid_client", "error_description": "AADSTS7000215: Invalid client secret provided."}"#,
        Provider::Entra,
        "errors.entra.wrong_secret",
    ),
    (
        "numbered lines before a syntax error",
        "1 {\n2   \"access_token\": \"abc\",\n3   \"token_type\": \"Bearer\"\n4 }",
        Provider::Generic,
        "json.numbered_lines",
    ),
    (
        "a console's preview before the placeholder's `...`",
        "{access_token: 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpX...', token_type: 'Bearer'}",
        Provider::Generic,
        "paste.node.console_preview",
    ),
    (
        "the placeholder's `...` before curly quotes",
        "{\n  “token_type”: “Bearer”,\n  ...\n}",
        Provider::Generic,
        "paste.placeholder",
    ),
];

#[test]
fn the_earlier_recogniser_explains_a_paste_two_of_them_match() {
    for (why, paste, provider, expected) in PRECEDENCE {
        let expect = Expectations {
            provider: *provider,
            ..Expectations::default()
        };
        let r = check(paste, &expect, 1_795_862_000);
        let first = r.findings.first().map_or("", |f| f.rule.key);
        assert_eq!(first, *expected, "{why}: {:?}", keys(&r));
    }
}
