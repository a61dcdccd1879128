//! Benchmark figures measured inside headless Chromium (issue 8, items 3 and 5): the checker on a
//! typical Auth0 response and on a 1 MB paste (against the browser's own `JSON.parse` of the same
//! text, in the same page), WebCrypto verification, and the wasm memory after the 1 MB check.
//!
//! Not a test: it asserts nothing about time (timings may never fail a build). `.ci/bench.sh` runs
//! it in release mode and reads the `BENCH <key> <value>` lines it prints:
//! `cargo test --release --target wasm32-unknown-unknown --test bench_web -- --nocapture`.
//! `test = false` in Cargo.toml keeps it out of plain `cargo test`; the test command's
//! `--test web` never names it.
#![cfg(target_arch = "wasm32")]

use oauth_cc_widget::browser::signature::verify_with_keys;
use oauth_cc_widget::core::check::{check, Expectations};
use oauth_cc_widget::core::expect::from_request;
use oauth_cc_widget::core::jwks::parse_key_set;
use oauth_cc_widget::core::request::RequestInput;
use oauth_cc_widget::core::signature::{KeySource, SignatureOutcome};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[path = "support/webcrypto.rs"]
mod webcrypto;
use webcrypto::b64url;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen]
extern "C" {
    /// `performance.now()`: milliseconds since the page's time origin.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn perf_now() -> f64;

    /// The browser's `JSON.parse` on a string that is already a JS string (no copy timed).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}

const DOMAIN: &str = "dev-bench.us.auth0.com";
const CLIENT_ID: &str = "Zx9bQ2mLk7TfR4wYp1sVc8nHd3gJe6uA";
const AUDIENCE: &str = "https://api.example.com/reports";
const KID: &str = "bench-key-1";

fn expectations() -> Expectations {
    from_request(&RequestInput {
        endpoint: format!("https://{DOMAIN}/oauth/token"),
        client_id: CLIENT_ID.into(),
        client_secret: String::new(),
        audience: AUDIENCE.into(),
        scope: "read:reports".into(),
    })
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// The wasm linear memory, in bytes.
fn memory_bytes() -> f64 {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}

fn report(key: &str, value: impl std::fmt::Display) {
    console_log!("BENCH {key} {value}");
}

/// An RS256 key pair from WebCrypto: (private key, the public key as a JWKS document).
async fn rs256_keys() -> (web_sys::CryptoKey, String) {
    let (private, jwk) = webcrypto::key_pair("RS256", KID).await;
    (private, format!(r#"{{"keys":[{jwk}]}}"#))
}

/// A token response shaped like Auth0's for the client credentials grant (compact, as curl
/// prints it), with an RS256 access token signed by `key`.
async fn auth0_response(key: &web_sys::CryptoKey, now: i64) -> String {
    let header = format!(r#"{{"alg":"RS256","typ":"JWT","kid":"{KID}"}}"#);
    let claims = format!(
        r#"{{"iss":"https://{DOMAIN}/","sub":"{CLIENT_ID}@clients","aud":"{AUDIENCE}","iat":{now},"exp":{},"scope":"read:reports write:reports","gty":"client-credentials","azp":"{CLIENT_ID}","permissions":["read:reports","write:reports"]}}"#,
        now + 86400
    );
    let signing_input = format!(
        "{}.{}",
        b64url(header.as_bytes()),
        b64url(claims.as_bytes())
    );
    let sig = webcrypto::sign("RS256", key, signing_input.as_bytes()).await;
    format!(
        r#"{{"access_token":"{signing_input}.{}","scope":"read:reports write:reports","expires_in":86400,"token_type":"Bearer"}}"#,
        b64url(&sig)
    )
}

/// About 1 MB of JSON: the typical response with one more member holding many small records (a
/// learner who pasted a response from a proxy that adds diagnostics, say). Real JSON, so the
/// browser's `JSON.parse` has the same structure to read.
fn one_megabyte(typical: &str) -> String {
    let mut records = String::new();
    let mut i = 0;
    while records.len() < 1_048_576 {
        if i > 0 {
            records.push(',');
        }
        records.push_str(&format!(
            r#"{{"id":{i},"name":"record-{i}","ok":true,"ratio":0.{i:04},"tags":["a","b"]}}"#
        ));
        i += 1;
    }
    let head = typical.trim_end_matches('}');
    format!(r#"{head},"diagnostics":[{records}]}}"#)
}

#[wasm_bindgen_test]
async fn bench() {
    let memory_start = memory_bytes();
    let now = (js_sys::Date::now() / 1000.0) as i64;
    let expect = expectations();
    let (private, jwks) = rs256_keys().await;
    let typical = auth0_response(&private, now).await;

    // 3a. A typical response: 1000 checks, timed in 50 batches of 20 (performance.now() is
    // coarsened to 0.1 ms in a page without cross-origin isolation, so single calls are too short
    // to time); the median batch mean is the figure.
    let r = check(&typical, &expect, now);
    report("typical_bytes", typical.len());
    for _ in 0..100 {
        std::hint::black_box(check(std::hint::black_box(&typical), &expect, now));
    }
    let mut batches = Vec::new();
    for _ in 0..50 {
        let t0 = perf_now();
        for _ in 0..20 {
            std::hint::black_box(check(std::hint::black_box(&typical), &expect, now));
        }
        batches.push((perf_now() - t0) / 20.0);
    }
    report("check_typical_median_ms", format!("{:.4}", median(batches)));

    // 3b. WebCrypto verification of that token's RS256 signature (key import + verify), median
    // of 100.
    let sig = r
        .signature
        .clone()
        .expect("the typical token has a signature to verify");
    let keys = parse_key_set(&jwks).expect("the generated JWKS is usable");
    let first = verify_with_keys(&sig, &keys, KeySource::Pasted).await;
    report(
        "verify_outcome",
        if matches!(first, SignatureOutcome::Verified { .. }) {
            "verified"
        } else {
            "NOT-verified"
        },
    );
    // The verdict the learner sees once the signature is checked (the check alone leaves it
    // pending): "pass" shows the benchmark times the full, successful path.
    let mut verdict = r.clone();
    verdict.apply_signature(first.finding());
    report("typical_verdict", verdict.verdict.as_str());
    let mut verify_ms = Vec::new();
    for _ in 0..100 {
        let t0 = perf_now();
        std::hint::black_box(verify_with_keys(&sig, &keys, KeySource::Pasted).await);
        verify_ms.push(perf_now() - t0);
    }
    report(
        "verify_rs256_median_ms",
        format!("{:.3}", median(verify_ms)),
    );

    // 3c. A 1 MB paste: the check (including copying the text out of a JS string, as the widget
    // reads the textarea) against JSON.parse of the same JS string, alternating, median of 15.
    let big = one_megabyte(&typical);
    let big_js = JsValue::from_str(&big);
    let big_check = check(&big, &expect, now);
    // 5. Memory: the wasm linear memory once the 1 MB paste has been checked (it never shrinks,
    // so this is read before the comparison below builds a full serde_json tree of the same text).
    let memory_after_big = memory_bytes();
    report("big_bytes", big.len());
    let mut big_verdict = big_check.clone();
    big_verdict.apply_signature(first.finding());
    report("big_verdict", big_verdict.verdict.as_str());
    assert!(
        json_parse(&big_js).is_ok(),
        "the 1 MB paste is valid JSON for the comparison"
    );
    let mut check_ms = Vec::new();
    let mut copy_ms = Vec::new();
    let mut parse_ms = Vec::new();
    let mut serde_ms = Vec::new();
    for _ in 0..15 {
        let t0 = perf_now();
        let text = big_js.as_string().unwrap_or_default();
        let t1 = perf_now();
        std::hint::black_box(check(std::hint::black_box(&text), &expect, now));
        check_ms.push(perf_now() - t0);
        copy_ms.push(t1 - t0);
        drop(text);
        let t0 = perf_now();
        let parsed = json_parse(&big_js);
        parse_ms.push(perf_now() - t0);
        std::hint::black_box(parsed.ok());
        // For comparison: a full serde_json::Value of the same text, which the checker does not
        // build (it keeps the response's members and the first nested values only).
        let t0 = perf_now();
        let value = serde_json::from_str::<serde_json::Value>(std::hint::black_box(&big));
        serde_ms.push(perf_now() - t0);
        std::hint::black_box(value.ok());
    }
    report("check_1mb_median_ms", format!("{:.2}", median(check_ms)));
    report("copy_1mb_median_ms", format!("{:.2}", median(copy_ms)));
    report(
        "json_parse_1mb_median_ms",
        format!("{:.2}", median(parse_ms)),
    );
    report(
        "serde_value_1mb_median_ms",
        format!("{:.2}", median(serde_ms)),
    );

    report("wasm_memory_start_bytes", memory_start);
    report("wasm_memory_after_1mb_bytes", memory_after_big);
}
