//! Fuzz target: `core::check::check` on arbitrary input must never panic, and must always return a
//! coherent report. Run it with (from the repository root):
//!
//!     cargo +nightly fuzz run check -- -max_total_time=600
//!
//! The first input byte picks the expectations (provider, which values were entered) and the clock;
//! the rest is the paste — used as is when it is UTF-8, else read lossily (as a browser would show
//! the bytes).
#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth_cc_widget::core::check::{check, Expectations};
use oauth_cc_widget::core::provider::Provider;
use oauth_cc_widget::core::jwks::{ChosenKey, WebCryptoImport};
use oauth_cc_widget::core::report::{Status, Verdict};
use oauth_cc_widget::core::signature::{KeySource, SignatureOutcome};

const PROVIDERS: [Provider; 7] = [
    Provider::Auth0,
    Provider::Okta,
    Provider::Keycloak,
    Provider::Entra,
    Provider::Cognito,
    Provider::Hydra,
    Provider::Generic,
];

fn expectations(selector: u8) -> Expectations {
    let provider = PROVIDERS[usize::from(selector) % PROVIDERS.len()];
    let entered = selector & 0x80 != 0;
    Expectations {
        provider,
        issuer: entered.then(|| "https://dev-abc123.us.auth0.com/".to_string()),
        issuer_discovered: selector & 0x40 != 0,
        issuer_guessed: selector & 0x10 != 0,
        client_id: if entered { "a1B2c3D4e5F6g7H8i9J0kLmNoPqRsTuV".to_string() } else { String::new() },
        audience: if entered { "https://api.example.com".to_string() } else { String::new() },
    }
}

/// What the browser reports when WebCrypto verified the signature.
fn verified() -> oauth_cc_widget::core::report::Finding {
    let key = ChosenKey {
        kid: Some("k".to_string()),
        alg: "RS256".to_string(),
        clean_jwk: String::new(),
        import: WebCryptoImport {
            name: "RSASSA-PKCS1-v1_5",
            hash: "SHA-256",
            named_curve: None,
            salt_length: None,
        },
        rsa_bits: Some(2048),
        notes: Vec::new(),
    };
    SignatureOutcome::Verified {
        key,
        source: KeySource::Pasted,
    }
    .finding()
}

fuzz_target!(|data: &[u8]| {
    let (selector, rest) = match data.split_first() {
        Some((s, r)) => (*s, r),
        None => (0, data),
    };
    let paste = String::from_utf8_lossy(rest);
    let now = if selector & 0x20 != 0 { 1_795_862_000 } else { i64::from(selector) * 1_000_000_007 };
    let mut report = check(&paste, &expectations(selector), now);
    assert!(report.headline.ends_with('.'), "headline: {}", report.headline);
    assert!(!report.findings.is_empty());
    for f in &report.findings {
        // Every finding comes from a rule; a failing one says what to do.
        assert!(!f.rule.key.is_empty() && !f.detail.is_empty(), "{}", f.rule.key);
        if f.status() == Status::Fail {
            assert!(f.fix.is_some() && !f.rule.headline.is_empty(), "{}", f.rule.key);
        }
    }
    if report.verdict == Verdict::Pass {
        assert!(report.findings.iter().all(|f| f.status() != Status::Fail));
    }
    report.apply_signature(verified());
    assert!(!report.headline.is_empty());
});
