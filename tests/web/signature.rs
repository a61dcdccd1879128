//! Signature verification in the browser with WebCrypto, against keys generated in the test.

use oauth_cc_widget::browser::signature::{verify_with_keys, verify_with_pasted};
use oauth_cc_widget::core::jwks::parse_key_set;
use oauth_cc_widget::core::report::{SignatureInput, Status};
use oauth_cc_widget::core::signature::{KeySource, SignatureOutcome};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

use super::webcrypto::{b64url, key_pair, sign};
use super::{all, button, click, mount, one, text, type_into};

const ISS: &str = "http://127.0.0.1:9/";

fn claims(now: i64) -> String {
    format!(
        r#"{{"iss":"{ISS}","sub":"cc-client-1@clients","aud":"https://api.example.test/","iat":{now},"exp":{},"gty":"client-credentials","azp":"cc-client-1"}}"#,
        now + 3600
    )
}

/// A signed JWT and what the core would hand the browser layer for it.
async fn signed(alg: &str, kid: &str, key: &web_sys::CryptoKey) -> (String, SignatureInput) {
    let now = (js_sys::Date::now() / 1000.0) as i64;
    let header = format!(r#"{{"alg":"{alg}","typ":"JWT","kid":"{kid}"}}"#);
    let signing_input = format!(
        "{}.{}",
        b64url(header.as_bytes()),
        b64url(claims(now).as_bytes())
    );
    let signature = sign(alg, key, signing_input.as_bytes()).await;
    let token = format!("{signing_input}.{}", b64url(&signature));
    let input = SignatureInput {
        alg: alg.into(),
        kid: Some(kid.into()),
        signing_input,
        signature,
        iss: Some(ISS.into()),
    };
    (token, input)
}

fn jwks(keys: &[&str]) -> String {
    format!(r#"{{"keys":[{}]}}"#, keys.join(","))
}

async fn verify(input: &SignatureInput, jwks_text: &str) -> SignatureOutcome {
    let keys = parse_key_set(jwks_text).expect("a usable key set");
    verify_with_keys(input, &keys, KeySource::Pasted).await
}

#[wasm_bindgen_test]
async fn rs256_ps256_and_es256_signatures_verify() {
    for alg in ["RS256", "PS256", "ES256"] {
        let (private, public) = key_pair(alg, "k1").await;
        let (_, input) = signed(alg, "k1", &private).await;
        let outcome = verify(&input, &jwks(&[&public])).await;
        assert!(
            matches!(outcome, SignatureOutcome::Verified { .. }),
            "{alg}: {outcome:?}"
        );
        let finding = outcome.finding();
        assert_eq!(finding.status(), Status::Pass, "{alg}");
        assert!(
            finding.detail.contains("k1") && finding.detail.contains(alg),
            "{}",
            finding.detail
        );
    }
}

#[wasm_bindgen_test]
async fn a_tampered_payload_or_another_key_with_the_same_kid_does_not_verify() {
    let (private, public) = key_pair("RS256", "k1").await;
    let (_, mut input) = signed("RS256", "k1", &private).await;
    let good = input.clone();
    input.signing_input.push('A');
    let outcome = verify(&input, &jwks(&[&public])).await;
    assert!(
        matches!(outcome, SignatureOutcome::Mismatch { .. }),
        "{outcome:?}"
    );
    assert_eq!(outcome.finding().status(), Status::Fail);
    assert!(
        outcome.finding().detail.contains("does not match"),
        "{}",
        outcome.finding().detail
    );

    let (_, other_public) = key_pair("RS256", "k1").await;
    let outcome = verify(&good, &jwks(&[&other_public])).await;
    assert!(
        matches!(outcome, SignatureOutcome::Mismatch { .. }),
        "{outcome:?}"
    );
}

#[wasm_bindgen_test]
async fn an_unknown_kid_none_and_hs256_are_explained_not_verified() {
    let (private, public) = key_pair("ES256", "present").await;
    let (_, input) = signed("ES256", "rotated-away", &private).await;
    let outcome = verify(&input, &jwks(&[&public])).await;
    let finding = outcome.finding();
    assert_ne!(finding.status(), Status::Pass);
    assert!(
        finding.detail.contains("rotated-away") && finding.detail.contains("present"),
        "{}",
        finding.detail
    );

    for alg in ["none", "HS256"] {
        let mut refused = input.clone();
        refused.alg = alg.into();
        let outcome = verify(&refused, &jwks(&[&public])).await;
        assert!(
            matches!(outcome, SignatureOutcome::Refused(_)),
            "{alg}: {outcome:?}"
        );
        assert_eq!(outcome.finding().status(), Status::Fail, "{alg}");
    }
}

#[wasm_bindgen_test]
async fn malformed_key_sets_get_messages_and_an_enc_key_first_is_skipped() {
    let (private, public) = key_pair("RS256", "sig-key").await;
    let (_, input) = signed("RS256", "sig-key", &private).await;
    for bad in [
        "not json at all",
        r#"{"no":"keys"}"#,
        r#"{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}"#,
    ] {
        let outcome = verify_with_pasted(&input, bad).await;
        let finding = outcome.finding();
        assert_ne!(finding.status(), Status::Pass, "{bad}");
        assert!(!finding.detail.is_empty(), "{bad}");
    }
    let huge = format!(r#"{{"keys":[{}]}}"#, vec![public.as_str(); 400].join(","));
    let outcome = verify_with_pasted(&input, &huge).await;
    assert_eq!(outcome.finding().status(), Status::Skip, "{outcome:?}");

    // Keycloak lists an encryption key first, with the same kid shape: it must be skipped.
    let enc = public
        .replace("\"use\":\"sig\"", "\"use\":\"enc\"")
        .replace("sig-key", "enc-key");
    let outcome = verify_with_pasted(&input, &jwks(&[&enc, &public])).await;
    assert!(
        matches!(outcome, SignatureOutcome::Verified { .. }),
        "{outcome:?}"
    );
}

pub(crate) async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

async fn until(what: &str, mut cond: impl FnMut() -> bool) {
    for _ in 0..200 {
        if cond() {
            return;
        }
        sleep(50).await;
        yew::scheduler::flush().await;
    }
    panic!("timed out waiting for {what}");
}

#[wasm_bindgen_test]
async fn when_keys_cannot_be_fetched_the_learner_pastes_them_and_the_response_passes() {
    let (private, public) = key_pair("RS256", "k-paste").await;
    let (token, _) = signed("RS256", "k-paste", &private).await;
    // Port 9 on loopback refuses connections: the fetch fails like a CORS refusal would.
    let host = mount(&[("data-storage-namespace", "web-signature")]).await;
    type_into(&host, "Token endpoint", "http://127.0.0.1:9/oauth/token").await;
    type_into(&host, "Client ID", "cc-client-1").await;
    type_into(&host, "Audience", "https://api.example.test/").await;
    let response = format!(
        r#"{{"access_token":"{token}","token_type":"Bearer","expires_in":3600,"scope":"read:messages"}}"#
    );
    type_into(&host, "Token response", &response).await;
    click(&button(&host, "Check your response")).await;
    until("the check to finish", || {
        host.get_attribute("data-verdict").is_some()
    })
    .await;
    assert_eq!(host.get_attribute("aria-busy"), None);
    assert_eq!(host.get_attribute("data-verdict").as_deref(), Some("fail"));
    let sig = one(&host, "[data-check-id=signature]");
    assert_eq!(
        sig.get_attribute("data-status").as_deref(),
        Some("skip"),
        "{}",
        text(&sig)
    );
    let failing: Vec<String> = all(&host, "[data-status=fail]").iter().map(text).collect();
    assert!(
        failing.is_empty(),
        "only the signature is missing: {failing:?}"
    );

    type_into(&host, "Signing keys (JWKS)", &jwks(&[&public])).await;
    click(&button(&host, "Check the signature with these keys")).await;
    until("the keys check to finish", || {
        host.get_attribute("data-verdict").is_some()
    })
    .await;
    let report = text(&one(&host, "[data-testid=report]"));
    assert_eq!(
        host.get_attribute("data-verdict").as_deref(),
        Some("pass"),
        "{report}"
    );
    assert!(
        report.contains("k-paste"),
        "the report names the key: {report}"
    );
}
