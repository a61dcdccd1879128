//! Native tests of the pure key handling: reading a JWKS, choosing the key WebCrypto verifies
//! with, reading the discovery document, and the report's `signature` finding.
#![cfg(not(target_arch = "wasm32"))]

use oauth_cc_widget::core::jwks::{
    allowed_algorithm, choose_key, host_of, is_fetchable, on_host, parse_discovery, parse_key_set,
    same_issuer, Algorithm, ChosenKey, DiscoveryProblem, KeyProblem, KeySet, KeySetProblem,
    RejectReason, MAX_DISCOVERY_BYTES, MAX_JWKS_BYTES, MAX_KEYS,
};
use oauth_cc_widget::core::report::{SignatureInput, Status};
use oauth_cc_widget::core::signature::{
    signature_finding, where_to_find_keys, CouldNotCheck, FetchFailure, FetchStep, KeySource,
    SignatureOutcome,
};
use proptest::prelude::*;
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

/// base64url without padding (RFC 4648 §5).
fn b64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// A base64url modulus of exactly `bits` bits (top bit set), distinct per `seed`.
fn modulus(bits: usize, seed: char) -> String {
    let mut bytes = vec![seed as u8; bits / 8];
    bytes[0] |= 0x80;
    b64(&bytes)
}

/// A base64url EC coordinate of the full length for a curve of `bytes` bytes.
fn coordinate(bytes: usize, seed: char) -> String {
    std::iter::repeat_n(seed, (bytes * 4).div_ceil(3)).collect()
}

fn rsa(kid: &str, seed: char) -> Value {
    json!({"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256", "n": modulus(2048, seed), "e": "AQAB"})
}

fn rsa_bare(kid: &str, seed: char) -> Value {
    json!({"kty": "RSA", "kid": kid, "n": modulus(2048, seed), "e": "AQAB"})
}

fn ec(kid: &str, crv: &str, bytes: usize) -> Value {
    json!({"kty": "EC", "kid": kid, "use": "sig", "crv": crv,
           "x": coordinate(bytes, 'X'), "y": coordinate(bytes, 'Y')})
}

fn set(keys: Vec<Value>) -> KeySet {
    let text = json!({ "keys": keys }).to_string();
    match parse_key_set(&text) {
        Ok(s) => s,
        Err(p) => panic!("fixture set refused: {}", p.message()),
    }
}

fn token(alg: &str, kid: Option<&str>, signature_len: usize) -> SignatureInput {
    SignatureInput {
        alg: alg.to_string(),
        kid: kid.map(str::to_string),
        signing_input: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0".to_string(),
        signature: vec![7; signature_len],
        iss: Some("https://dev-abc.us.auth0.com/".to_string()),
    }
}

fn rs256(kid: Option<&str>) -> SignatureInput {
    token("RS256", kid, 256)
}

fn members(clean_jwk: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(clean_jwk).expect("clean JWK is JSON");
    let mut names: Vec<String> = v.as_object().expect("an object").keys().cloned().collect();
    names.sort();
    names
}

fn one(result: Result<Vec<ChosenKey>, KeyProblem>) -> ChosenKey {
    match result {
        Ok(mut keys) => {
            assert_eq!(keys.len(), 1, "expected exactly one candidate");
            keys.remove(0)
        }
        Err(p) => panic!("expected a key, got: {}", p.message()),
    }
}

fn problem(result: Result<Vec<ChosenKey>, KeyProblem>) -> KeyProblem {
    match result {
        Ok(keys) => panic!("expected a problem, got {} keys", keys.len()),
        Err(p) => p,
    }
}

fn set_problem(text: &str) -> KeySetProblem {
    match parse_key_set(text) {
        Ok(s) => panic!("expected a problem, got {} keys", s.keys.len()),
        Err(p) => p,
    }
}

// ---------------------------------------------------------------------------------------------
// Choosing the key: algorithms
// ---------------------------------------------------------------------------------------------

#[test]
fn rs256_chooses_the_key_named_by_kid() {
    let keys = set(vec![rsa("first", 'a'), rsa("second", 'b')]);
    let k = one(choose_key(&rs256(Some("second")), &keys));
    assert_eq!(k.kid.as_deref(), Some("second"));
    assert_eq!(k.alg, "RS256");
    assert_eq!(k.import.name, "RSASSA-PKCS1-v1_5");
    assert_eq!(k.import.hash, "SHA-256");
    assert_eq!(k.import.named_curve, None);
    assert_eq!(k.import.salt_length, None);
    assert_eq!(k.rsa_bits, Some(2048));
    assert!(k.notes.is_empty());
    let v: Value = serde_json::from_str(&k.clean_jwk).unwrap();
    assert_eq!(v["n"], json!(modulus(2048, 'b')));
    assert_eq!(v["e"], "AQAB");
    assert_eq!(v["kty"], "RSA");
}

#[test]
fn rs384_and_rs512_use_their_hash() {
    let keys = set(vec![rsa_bare("k", 'a')]);
    assert_eq!(
        one(choose_key(&token("RS384", Some("k"), 256), &keys))
            .import
            .hash,
        "SHA-384"
    );
    assert_eq!(
        one(choose_key(&token("RS512", Some("k"), 256), &keys))
            .import
            .hash,
        "SHA-512"
    );
}

#[test]
fn ps256_uses_rsa_pss_with_a_salt_as_long_as_the_hash() {
    let keys = set(vec![
        json!({"kty": "RSA", "kid": "pss", "alg": "PS256", "use": "sig",
                               "n": modulus(2048, 'p'), "e": "AQAB"}),
    ]);
    let k = one(choose_key(&token("PS256", Some("pss"), 256), &keys));
    assert_eq!(k.import.name, "RSA-PSS");
    assert_eq!(k.import.hash, "SHA-256");
    assert_eq!(k.import.salt_length, Some(32));
    let bare = set(vec![rsa_bare("k", 'a')]);
    let k = one(choose_key(&token("PS384", Some("k"), 256), &bare));
    assert_eq!((k.import.hash, k.import.salt_length), ("SHA-384", Some(48)));
    let k = one(choose_key(&token("PS512", Some("k"), 256), &bare));
    assert_eq!((k.import.hash, k.import.salt_length), ("SHA-512", Some(64)));
}

#[test]
fn es256_uses_ecdsa_on_p256() {
    let keys = set(vec![rsa("r", 'a'), ec("e1", "P-256", 32)]);
    let k = one(choose_key(&token("ES256", Some("e1"), 64), &keys));
    assert_eq!(k.import.name, "ECDSA");
    assert_eq!(k.import.hash, "SHA-256");
    assert_eq!(k.import.named_curve, Some("P-256"));
    assert_eq!(k.import.salt_length, None);
    assert_eq!(k.rsa_bits, None);
    assert_eq!(members(&k.clean_jwk), ["crv", "kty", "x", "y"]);
}

#[test]
fn es384_and_es512_use_their_curve_and_hash() {
    let keys = set(vec![ec("p384", "P-384", 48), ec("p521", "P-521", 66)]);
    let k = one(choose_key(&token("ES384", Some("p384"), 96), &keys));
    assert_eq!(
        (k.import.named_curve, k.import.hash),
        (Some("P-384"), "SHA-384")
    );
    let k = one(choose_key(&token("ES512", Some("p521"), 132), &keys));
    assert_eq!(
        (k.import.named_curve, k.import.hash),
        (Some("P-521"), "SHA-512")
    );
}

#[test]
fn every_allowed_algorithm_round_trips_its_name() {
    for a in Algorithm::ALL {
        assert_eq!(Algorithm::from_name(a.name()), Some(a));
        assert_eq!(allowed_algorithm(a.name()), Ok(a));
    }
}

#[test]
fn alg_none_is_refused_in_any_case() {
    let keys = set(vec![rsa("k", 'a')]);
    for alg in ["none", "None", "NONE", "nOnE"] {
        let p = problem(choose_key(&token(alg, Some("k"), 0), &keys));
        assert!(matches!(p, KeyProblem::AlgNone { .. }), "{alg}");
        assert!(p.is_refusal());
        assert!(p.message().contains("RFC 8725 §3.1"), "{}", p.message());
    }
    assert!(matches!(
        allowed_algorithm("none"),
        Err(KeyProblem::AlgNone { .. })
    ));
}

#[test]
fn hs256_is_refused_and_flagged_when_the_issuer_publishes_rsa_keys() {
    let keys = set(vec![rsa("k", 'a')]);
    let p = problem(choose_key(&token("HS256", Some("k"), 32), &keys));
    assert_eq!(
        p,
        KeyProblem::Hmac {
            alg: "HS256".into(),
            issuer_publishes_public_keys: true
        }
    );
    let m = p.message();
    assert!(m.contains("shared secret"), "{m}");
    assert!(m.contains("key-confusion"), "{m}");
    assert!(m.contains("red flag"), "{m}");
    let f = signature_finding(&SignatureOutcome::Refused(p));
    assert_eq!(f.rule.key, "signature.hmac");
    assert!(
        f.fix.as_deref().unwrap_or("").contains("RS256"),
        "{:?}",
        f.fix
    );
    for alg in ["HS384", "HS512"] {
        assert!(matches!(
            allowed_algorithm(alg),
            Err(KeyProblem::Hmac { .. })
        ));
    }
    // Before any keys are known, the explanation still names the red flag.
    let early = allowed_algorithm("HS256").unwrap_err();
    assert!(early.message().contains("key-confusion"));
}

#[test]
fn other_algorithms_are_not_supported() {
    let keys = set(vec![rsa("k", 'a')]);
    for alg in ["EdDSA", "RS1", "ES256K", "RSA-OAEP", "", "rs256", "Rs256 "] {
        let p = problem(choose_key(&token(alg, Some("k"), 256), &keys));
        assert!(matches!(p, KeyProblem::UnsupportedAlg { .. }), "{alg}");
    }
    let p = problem(choose_key(&token("rs256", Some("k"), 256), &keys));
    assert!(p.message().contains("case-sensitive"), "{}", p.message());
    let p = problem(choose_key(&token("", Some("k"), 256), &keys));
    assert!(p.message().contains("no \"alg\""), "{}", p.message());
}

#[test]
fn an_empty_signature_or_a_wrong_ecdsa_length_is_refused() {
    let keys = set(vec![rsa("k", 'a'), ec("e", "P-256", 32)]);
    assert_eq!(
        problem(choose_key(&token("RS256", Some("k"), 0), &keys)),
        KeyProblem::EmptySignature
    );
    // A DER-encoded ECDSA signature (about 70 bytes) is not what JWS uses.
    let p = problem(choose_key(&token("ES256", Some("e"), 70), &keys));
    assert_eq!(
        p,
        KeyProblem::SignatureLength {
            alg: "ES256",
            expected: 64,
            found: 70
        }
    );
    assert!(p.is_refusal());
}

// ---------------------------------------------------------------------------------------------
// Choosing the key: which key
// ---------------------------------------------------------------------------------------------

#[test]
fn an_encryption_key_listed_first_is_skipped_as_keycloak_lists_it() {
    let keycloak = json!({"keys": [
        {"kid": "enc-Xy1", "kty": "RSA", "alg": "RSA-OAEP", "use": "enc",
         "n": modulus(2048, 'e'), "e": "AQAB", "x5c": ["MIIC..."], "x5t": "abc", "x5t#S256": "def"},
        {"kid": "sig-Ab2", "kty": "RSA", "alg": "RS256", "use": "sig",
         "n": modulus(2048, 's'), "e": "AQAB", "x5c": ["MIIC..."]}
    ]})
    .to_string();
    let keys = parse_key_set(&keycloak).unwrap();
    assert_eq!(keys.keys.len(), 2);
    // By kid.
    let k = one(choose_key(&rs256(Some("sig-Ab2")), &keys));
    assert_eq!(k.kid.as_deref(), Some("sig-Ab2"));
    // Without kid: the encryption key is not a candidate.
    let k = one(choose_key(&rs256(None), &keys));
    assert_eq!(k.kid.as_deref(), Some("sig-Ab2"));
    // A token that names the encryption key.
    let p = problem(choose_key(&rs256(Some("enc-Xy1")), &keys));
    assert_eq!(
        p,
        KeyProblem::KidNotForSigning {
            kid: "enc-Xy1".into()
        }
    );
    assert!(p.message().contains("encryption"));
    assert_eq!(keys.signing_kids(), ["sig-Ab2"]);
}

#[test]
fn a_key_whose_key_ops_lack_verify_is_skipped() {
    let keys = set(vec![
        json!({"kty": "RSA", "kid": "k", "key_ops": ["encrypt"], "n": modulus(2048, 'a'), "e": "AQAB"}),
        json!({"kty": "RSA", "kid": "k", "key_ops": ["verify"], "n": modulus(2048, 'b'), "e": "AQAB"}),
    ]);
    let k = one(choose_key(&rs256(Some("k")), &keys));
    assert!(k.clean_jwk.contains(&modulus(2048, 'b')));
}

#[test]
fn a_key_alg_that_differs_from_the_token_alg_is_refused() {
    let keys = set(vec![
        json!({"kty": "RSA", "kid": "k", "alg": "RS512", "n": modulus(2048, 'a'), "e": "AQAB"}),
    ]);
    let p = problem(choose_key(&rs256(Some("k")), &keys));
    assert_eq!(
        p,
        KeyProblem::KidAlgMismatch {
            kid: "k".into(),
            key_alg: "RS512".into(),
            token_alg: "RS256"
        }
    );
    assert!(p.message().contains("RFC 7517 §4.4"));
    // A PS256 token naming an RS256 key: the same rule.
    let keys = set(vec![rsa("k", 'a')]);
    assert!(matches!(
        problem(choose_key(&token("PS256", Some("k"), 256), &keys)),
        KeyProblem::KidAlgMismatch { .. }
    ));
}

#[test]
fn a_key_of_another_type_or_curve_is_refused() {
    let keys = set(vec![rsa_bare("r", 'a'), ec("p384", "P-384", 48)]);
    let p = problem(choose_key(&token("ES256", Some("r"), 64), &keys));
    assert!(matches!(p, KeyProblem::KidWrongType { .. }), "{p:?}");
    assert!(p.message().contains("an RSA key"));
    let p = problem(choose_key(&token("ES256", Some("p384"), 64), &keys));
    assert!(matches!(p, KeyProblem::KidWrongType { .. }), "{p:?}");
    assert!(p.message().contains("P-384"));
    let p = problem(choose_key(&rs256(Some("p384")), &keys));
    assert!(matches!(p, KeyProblem::KidWrongType { .. }), "{p:?}");
}

#[test]
fn without_kid_the_one_signing_key_is_the_candidate() {
    let keys = set(vec![rsa("only", 'a')]);
    let k = one(choose_key(&rs256(None), &keys));
    assert_eq!(k.kid.as_deref(), Some("only"));
}

#[test]
fn without_kid_every_compatible_signing_key_is_a_candidate_in_order() {
    let keys = set(vec![
        rsa("a", 'a'),
        ec("e", "P-256", 32),
        json!({"kty": "RSA", "kid": "enc", "use": "enc", "n": modulus(2048, 'c'), "e": "AQAB"}),
        rsa_bare("b", 'b'),
        json!({"kty": "RSA", "kid": "c", "alg": "PS256", "n": modulus(2048, 'd'), "e": "AQAB"}),
    ]);
    let chosen = choose_key(&rs256(None), &keys).unwrap();
    let kids: Vec<_> = chosen.iter().map(|k| k.kid.clone().unwrap()).collect();
    assert_eq!(kids, ["a", "b"]);
    // No compatible key at all.
    let p = problem(choose_key(&token("ES384", None, 96), &keys));
    assert!(
        matches!(p, KeyProblem::NoCompatibleKey { alg: "ES384", .. }),
        "{p:?}"
    );
    assert!(p.message().contains("P-256"), "{}", p.message());
}

#[test]
fn an_unknown_kid_lists_the_kids_that_are_there() {
    let keys = set(vec![
        rsa("current-2024", 'a'),
        rsa("next-2025", 'b'),
        json!({"kty": "RSA", "kid": "enc-only", "use": "enc", "n": modulus(2048, 'c'), "e": "AQAB"}),
    ]);
    let p = problem(choose_key(&rs256(Some("old-2023")), &keys));
    assert_eq!(
        p,
        KeyProblem::UnknownKid {
            kid: "old-2023".into(),
            present: vec!["current-2024".into(), "next-2025".into()]
        }
    );
    let m = p.message();
    for word in ["old-2023", "current-2024", "next-2025", "rotated", "tenant"] {
        assert!(m.contains(word), "{word} missing from: {m}");
    }
    assert!(
        !m.contains("enc-only"),
        "encryption keys are not listed: {m}"
    );
    assert!(!p.is_refusal());
}

#[test]
fn kids_are_compared_exactly_even_with_cognito_characters() {
    let kid = "abc+/def=GHI/jkl+mn0=";
    let keys = set(vec![rsa("abc+/def=GHI/jkl+mn0", 'a'), rsa(kid, 'b')]);
    let k = one(choose_key(&rs256(Some(kid)), &keys));
    assert_eq!(k.kid.as_deref(), Some(kid));
    assert!(matches!(
        problem(choose_key(&rs256(Some("ABC+/def=GHI/jkl+mn0=")), &keys)),
        KeyProblem::UnknownKid { .. }
    ));
}

#[test]
fn entra_keys_without_alg_are_accepted() {
    let entra = json!({"keys": [
        {"kty": "RSA", "use": "sig", "kid": "L1KfKFI_jnXbwWc22xZxw1sUHH0", "x5t": "L1KfKFI_jnXbwWc22xZxw1sUHH0",
         "n": modulus(2048, 'q'), "e": "AQAB", "x5c": ["MIIC/TCCAeWgAwIBAgIIUd7j/OIahkYwDQYJKoZIhvcNAQEL"],
         "cloud_instance_name": "microsoftonline.com", "issuer": "https://login.microsoftonline.com/{tenantid}/v2.0"}
    ]})
    .to_string();
    let keys = parse_key_set(&entra).unwrap();
    let k = one(choose_key(
        &rs256(Some("L1KfKFI_jnXbwWc22xZxw1sUHH0")),
        &keys,
    ));
    assert_eq!(members(&k.clean_jwk), ["e", "kty", "n"]);
}

#[test]
fn the_clean_jwk_has_only_the_public_members() {
    let keys = set(vec![
        json!({"kty": "RSA", "kid": "r", "alg": "RS256", "use": "sig", "key_ops": ["verify"],
               "x5c": ["MIIB"], "x5t": "t", "x5u": "https://example.com/cert", "ext": true,
               "n": modulus(2048, 'a'), "e": "AQAB"}),
        json!({"kty": "EC", "kid": "e", "alg": "ES256", "use": "sig", "key_ops": ["verify"],
               "x5c": ["MIIB"], "crv": "P-256", "x": coordinate(32, 'X'), "y": coordinate(32, 'Y')}),
    ]);
    let r = one(choose_key(&rs256(Some("r")), &keys));
    assert_eq!(members(&r.clean_jwk), ["e", "kty", "n"]);
    let e = one(choose_key(&token("ES256", Some("e"), 64), &keys));
    assert_eq!(members(&e.clean_jwk), ["crv", "kty", "x", "y"]);
    assert!(!r.clean_jwk.contains(' '), "compact JSON: {}", r.clean_jwk);
}

#[test]
fn a_small_rsa_key_gets_a_warning_not_a_refusal() {
    let keys = set(vec![
        json!({"kty": "RSA", "kid": "weak", "n": modulus(1024, 'a'), "e": "AQAB"}),
    ]);
    let k = one(choose_key(&token("RS256", Some("weak"), 128), &keys));
    assert_eq!(k.rsa_bits, Some(1024));
    assert_eq!(k.notes.len(), 1);
    assert!(k.notes[0].contains("1024"), "{}", k.notes[0]);
    assert!(k.notes[0].contains("2048"), "{}", k.notes[0]);
    let f = signature_finding(&SignatureOutcome::Verified {
        key: k,
        source: KeySource::Pasted,
    });
    assert_eq!(f.status(), Status::Warn);
}

#[test]
fn rsa_key_sizes_are_read_from_the_modulus() {
    for bits in [512usize, 1024, 2048, 3072, 4096] {
        let keys = set(vec![
            json!({"kty": "RSA", "n": modulus(bits, 'A'), "e": "AQAB"}),
        ]);
        let k = one(choose_key(&rs256(None), &keys));
        assert_eq!(k.rsa_bits, Some(bits as u32));
    }
    // A leading zero byte, as some encoders write it, does not count.
    let mut bytes = vec![0u8];
    bytes.extend(std::iter::repeat_n(0xA5, 256));
    let keys = set(vec![json!({"kty": "RSA", "n": b64(&bytes), "e": "AQAB"})]);
    assert_eq!(one(choose_key(&rs256(None), &keys)).rsa_bits, Some(2048));
    // 2047 bits is under the limit.
    let mut bytes = vec![0x7F];
    bytes.extend(std::iter::repeat_n(0xFF, 255));
    let keys = set(vec![json!({"kty": "RSA", "n": b64(&bytes), "e": "AQAB"})]);
    let k = one(choose_key(&rs256(None), &keys));
    assert_eq!(k.rsa_bits, Some(2047));
    assert_eq!(k.notes.len(), 1);
}

#[test]
fn a_kid_naming_a_rejected_entry_says_why() {
    let keys = set(vec![
        json!({"kty": "RSA", "kid": "k", "e": "AQAB"}),
        rsa("other", 'a'),
    ]);
    assert_eq!(keys.rejected.len(), 1);
    let p = problem(choose_key(&rs256(Some("k")), &keys));
    assert_eq!(
        p,
        KeyProblem::KidUnusable {
            kid: "k".into(),
            reason: RejectReason::MissingMember { member: "n" }
        }
    );
    assert!(p.message().contains("\"n\""));
}

#[test]
fn a_set_with_only_set_aside_entries_says_why_each_was_set_aside() {
    // A private key pasted by hand, without kid, for a token with kid.
    let text =
        json!({"kty": "RSA", "n": modulus(2048, 'a'), "e": "AQAB", "d": "c2VjcmV0"}).to_string();
    let keys = parse_key_set(&text).unwrap();
    assert!(keys.single_key && keys.has_private_key());
    let p = problem(choose_key(&rs256(Some("abc")), &keys));
    assert!(matches!(p, KeyProblem::NoUsableKeys { .. }), "{p:?}");
    assert!(
        p.message().contains("never be pasted or published"),
        "{}",
        p.message()
    );
    let f = signature_finding(&SignatureOutcome::from_key_problem(
        p.clone(),
        KeySource::Pasted,
    ));
    assert_eq!(f.status(), Status::Skip);
    let fetched = KeySource::Fetched {
        jwks_uri: "https://a.com/jwks".into(),
    };
    assert_eq!(
        signature_finding(&SignatureOutcome::from_key_problem(p, fetched)).status(),
        Status::Skip
    );
    // Without kid, the same.
    assert!(matches!(
        problem(choose_key(&rs256(None), &keys)),
        KeyProblem::NoUsableKeys { .. }
    ));
    // An empty set built by hand.
    let p = problem(choose_key(&rs256(None), &KeySet::default()));
    assert_eq!(p, KeyProblem::NoUsableKeys { set_aside: vec![] });
    assert!(!p.message().is_empty());
}

#[test]
fn a_single_pasted_jwk_without_kid_is_tried_for_a_token_with_kid() {
    let text =
        json!({"kty": "RSA", "n": modulus(2048, 'a'), "e": "AQAB", "alg": "RS256"}).to_string();
    let keys = parse_key_set(&format!("\n  {text}\n\n")).unwrap();
    assert!(keys.single_key);
    let k = one(choose_key(&rs256(Some("whatever")), &keys));
    assert_eq!(k.kid, None);
}

// ---------------------------------------------------------------------------------------------
// Reading a key set
// ---------------------------------------------------------------------------------------------

#[test]
fn a_key_set_that_is_not_json_says_where() {
    let text = "{\"keys\": [\n  {\"kty\": \"RSA\",}\n]}";
    let p = set_problem(text);
    let KeySetProblem::NotJson(syntax) = &p else {
        panic!("{p:?}")
    };
    assert_eq!(syntax.line, 2);
    assert_eq!(syntax.found, Some('}'));
    assert_eq!(syntax.column, 17);
    assert!(p.message().contains("line 2"), "{}", p.message());
    assert!(p.message().contains("column 17"), "{}", p.message());
    // Cut off while copying.
    let p = set_problem("{\"keys\": [{\"kty\": \"RSA\"");
    let KeySetProblem::NotJson(syntax) = &p else {
        panic!("{p:?}")
    };
    assert!(syntax.ended_early);
    assert!(p.message().contains("cut off"));
    // An invisible character is named by its code point, columns count characters.
    let p = set_problem("{\"kéys\":\u{200b} []}");
    let KeySetProblem::NotJson(syntax) = &p else {
        panic!("{p:?}")
    };
    assert_eq!((syntax.found, syntax.column), (Some('\u{200b}'), 9));
    assert!(p.message().contains("U+200B"), "{}", p.message());
}

#[test]
fn an_html_page_is_not_a_key_set() {
    assert_eq!(
        set_problem("  <!DOCTYPE html><html><body>Not Found</body></html>"),
        KeySetProblem::Html
    );
    assert_eq!(set_problem("\u{feff}<html>"), KeySetProblem::Html);
    assert!(KeySetProblem::Html.message().contains("HTML"));
}

#[test]
fn a_key_set_needs_a_keys_array_of_objects() {
    assert_eq!(set_problem("{\"foo\": 1}"), KeySetProblem::NoKeys);
    assert_eq!(
        set_problem("{\"keys\": {\"kty\": \"RSA\"}}"),
        KeySetProblem::KeysNotArray { found: "an object" }
    );
    assert_eq!(
        set_problem("{\"keys\": \"abc\"}"),
        KeySetProblem::KeysNotArray { found: "a string" }
    );
    assert_eq!(
        set_problem("{\"keys\": null}"),
        KeySetProblem::KeysNotArray { found: "null" }
    );
    assert_eq!(set_problem("{\"keys\": []}"), KeySetProblem::EmptyKeys);
    assert_eq!(
        set_problem("{\"keys\": [{\"kty\": \"RSA\"}, 42]}"),
        KeySetProblem::EntryNotObject {
            position: 2,
            found: "a number"
        }
    );
    assert_eq!(
        set_problem("[{\"kty\": \"RSA\"}]"),
        KeySetProblem::NotObject { found: "a list" }
    );
    assert_eq!(set_problem("   \n "), KeySetProblem::Empty);
    for p in [
        KeySetProblem::NoKeys,
        KeySetProblem::KeysNotArray { found: "an object" },
        KeySetProblem::EmptyKeys,
        KeySetProblem::EntryNotObject {
            position: 2,
            found: "a number",
        },
        KeySetProblem::NotObject { found: "a list" },
        KeySetProblem::Empty,
    ] {
        assert!(!p.message().is_empty());
    }
}

#[test]
fn a_discovery_document_pasted_as_keys_points_at_its_jwks_uri() {
    let p = set_problem(
        r#"{"issuer": "https://x.auth0.com/", "jwks_uri": "https://x.auth0.com/.well-known/jwks.json"}"#,
    );
    assert!(matches!(p, KeySetProblem::DiscoveryDocument { .. }));
    assert!(p
        .message()
        .contains("https://x.auth0.com/.well-known/jwks.json"));
}

#[test]
fn a_private_key_is_set_aside_with_a_warning() {
    let keys = set(vec![
        json!({"kty": "RSA", "kid": "priv", "n": modulus(2048, 'a'), "e": "AQAB", "d": "secret", "p": "x", "q": "y"}),
        json!({"kty": "EC", "kid": "ecpriv", "crv": "P-256", "x": coordinate(32, 'X'), "y": coordinate(32, 'Y'), "d": "s"}),
        json!({"kty": "oct", "kid": "hmac", "k": "c2VjcmV0"}),
    ]);
    assert!(keys.keys.is_empty());
    assert_eq!(keys.rejected.len(), 3);
    assert!(keys.has_private_key());
    assert_eq!(
        keys.rejected[0].reason,
        RejectReason::PrivateKey {
            members: vec!["d", "p", "q"]
        }
    );
    assert_eq!(
        keys.rejected[1].reason,
        RejectReason::PrivateKey { members: vec!["d"] }
    );
    assert_eq!(keys.rejected[2].reason, RejectReason::SymmetricKey);
    let m = keys.rejected[0].message();
    assert!(m.contains("never be pasted or published"), "{m}");
    assert!(m.contains("priv"), "{m}");
    assert!(keys.rejected[2].message().contains("never be published"));
    // And a token naming it cannot be checked with it.
    assert!(matches!(
        problem(choose_key(&rs256(Some("priv")), &keys)),
        KeyProblem::KidUnusable {
            reason: RejectReason::PrivateKey { .. },
            ..
        }
    ));
}

#[test]
fn unusable_entries_are_kept_beside_the_good_ones() {
    let keys = set(vec![
        json!({"kty": "OKP", "kid": "ed", "crv": "Ed25519", "x": "abc"}),
        json!({"kid": "nokty", "n": "abc"}),
        json!({"kty": "RSA", "kid": "non", "e": "AQAB"}),
        json!({"kty": "RSA", "kid": "noe", "n": modulus(2048, 'a')}),
        json!({"kty": "RSA", "kid": "b64", "n": "abc+def/", "e": "AQAB"}),
        json!({"kty": "RSA", "kid": "zero", "n": "AAAA", "e": "AQAB"}),
        json!({"kty": "EC", "kid": "nocrv", "x": coordinate(32, 'X'), "y": coordinate(32, 'Y')}),
        json!({"kty": "EC", "kid": "k1", "crv": "secp256k1", "x": coordinate(32, 'X'), "y": coordinate(32, 'Y')}),
        json!({"kty": "EC", "kid": "short", "crv": "P-256", "x": coordinate(31, 'X'), "y": coordinate(32, 'Y')}),
        json!({"kty": "EC", "kid": "noy", "crv": "P-256", "x": coordinate(32, 'X')}),
        json!({"kty": "RSA", "kid": 5, "n": modulus(2048, 'a'), "e": "AQAB"}),
        json!({"kty": "RSA", "kid": "ops", "key_ops": "verify", "n": modulus(2048, 'a'), "e": "AQAB"}),
        rsa("good", 'g'),
    ]);
    let reasons: Vec<_> = keys.rejected.iter().map(|r| r.reason.clone()).collect();
    assert_eq!(
        reasons,
        vec![
            RejectReason::UnsupportedKty { kty: "OKP".into() },
            RejectReason::MissingKty,
            RejectReason::MissingMember { member: "n" },
            RejectReason::MissingMember { member: "e" },
            RejectReason::NotBase64url { member: "n" },
            RejectReason::ZeroNumber { member: "n" },
            RejectReason::MissingMember { member: "crv" },
            RejectReason::UnsupportedCurve {
                crv: "secp256k1".into()
            },
            RejectReason::CoordinateLength {
                member: "x",
                expected: 43,
                found: 42
            },
            RejectReason::MissingMember { member: "y" },
            RejectReason::WrongMemberType {
                member: "kid",
                expected: "a string"
            },
            RejectReason::WrongMemberType {
                member: "key_ops",
                expected: "a list of strings"
            },
        ]
    );
    for r in &keys.rejected {
        assert!(!r.message().is_empty());
    }
    assert_eq!(keys.keys.len(), 1);
    assert!(!keys.has_private_key());
    assert_eq!(
        one(choose_key(&rs256(Some("good")), &keys)).kid.as_deref(),
        Some("good")
    );
}

#[test]
fn a_huge_text_is_refused_before_parsing() {
    let mut text = String::from("{\"keys\": [");
    while text.len() <= MAX_JWKS_BYTES {
        text.push_str("{\"kty\": \"RSA\", \"n\": \"AQAB\", \"e\": \"AQAB\"},");
    }
    let p = set_problem(&text);
    assert!(matches!(p, KeySetProblem::TooLarge { .. }), "{p:?}");
    assert!(p.message().contains("KiB"));
}

#[test]
fn more_than_max_keys_are_refused() {
    let keys: Vec<Value> = (0..=MAX_KEYS)
        .map(|i| json!({"kty": "RSA", "kid": i.to_string(), "n": "xAAA", "e": "AQAB"}))
        .collect();
    let text = json!({ "keys": keys }).to_string();
    assert!(text.len() < MAX_JWKS_BYTES);
    assert_eq!(
        set_problem(&text),
        KeySetProblem::TooManyKeys {
            count: MAX_KEYS + 1
        }
    );
    // Exactly MAX_KEYS is fine.
    let keys: Vec<Value> = (0..MAX_KEYS)
        .map(|i| json!({"kty": "RSA", "kid": i.to_string(), "n": "xAAA", "e": "AQAB"}))
        .collect();
    assert_eq!(
        parse_key_set(&json!({ "keys": keys }).to_string())
            .unwrap()
            .keys
            .len(),
        MAX_KEYS
    );
}

#[test]
fn a_real_shaped_auth0_key_set_is_read() {
    let auth0 = json!({"keys": [
        {"kty": "RSA", "use": "sig", "n": modulus(2048, 'u'), "e": "AQAB",
         "kid": "3vK6R9z_dF8Tq0-aX1bC2", "x5t": "Zm9vYmFy", "x5c": ["MIIDHTCCAgWgAwIBAgIJ"], "alg": "RS256"},
        {"kty": "RSA", "use": "sig", "n": modulus(2048, 'v'), "e": "AQAB",
         "kid": "Qw7mN2pL5kJ8hG4fD1sA0", "x5t": "YmF6cXV4", "x5c": ["MIIDHTCCAgWgAwIBAgIJ"], "alg": "RS256"}
    ]})
    .to_string();
    let keys = parse_key_set(&format!("\r\n{auth0}\r\n")).unwrap();
    assert!(!keys.single_key);
    assert_eq!(
        keys.signing_kids(),
        ["3vK6R9z_dF8Tq0-aX1bC2", "Qw7mN2pL5kJ8hG4fD1sA0"]
    );
    assert_eq!(
        one(choose_key(&rs256(Some("Qw7mN2pL5kJ8hG4fD1sA0")), &keys))
            .kid
            .as_deref(),
        Some("Qw7mN2pL5kJ8hG4fD1sA0")
    );
}

// ---------------------------------------------------------------------------------------------
// Discovery
// ---------------------------------------------------------------------------------------------

const AUTH0_DISCOVERY: &str = r#"{"issuer":"https://dev-abc.us.auth0.com/","authorization_endpoint":"https://dev-abc.us.auth0.com/authorize","token_endpoint":"https://dev-abc.us.auth0.com/oauth/token","device_authorization_endpoint":"https://dev-abc.us.auth0.com/oauth/device/code","userinfo_endpoint":"https://dev-abc.us.auth0.com/userinfo","mfa_challenge_endpoint":"https://dev-abc.us.auth0.com/mfa/challenge","jwks_uri":"https://dev-abc.us.auth0.com/.well-known/jwks.json","registration_endpoint":"https://dev-abc.us.auth0.com/oidc/register","revocation_endpoint":"https://dev-abc.us.auth0.com/oauth/revoke","scopes_supported":["openid","profile","offline_access","name","email"],"response_types_supported":["code","token","id_token","code token"],"code_challenge_methods_supported":["S256","plain"],"response_modes_supported":["query","fragment","form_post"],"subject_types_supported":["public"],"token_endpoint_auth_methods_supported":["client_secret_basic","client_secret_post","private_key_jwt"],"claims_supported":["aud","auth_time","created_at","email"],"request_uri_parameter_supported":false,"request_parameter_supported":false,"id_token_signing_alg_values_supported":["HS256","RS256","PS256"],"token_endpoint_auth_signing_alg_values_supported":["RS256","RS384","PS256"],"end_session_endpoint":"https://dev-abc.us.auth0.com/oidc/logout"}"#;

#[test]
fn an_auth0_discovery_document_is_read() {
    let d = parse_discovery(AUTH0_DISCOVERY, "dev-abc.us.auth0.com").unwrap();
    assert_eq!(d.issuer, "https://dev-abc.us.auth0.com/");
    assert_eq!(
        d.jwks_uri,
        "https://dev-abc.us.auth0.com/.well-known/jwks.json"
    );
    // The endpoint host may be given in another case, with the default port, or as a URL.
    for host in [
        "DEV-ABC.us.auth0.com",
        "dev-abc.us.auth0.com:443",
        "https://dev-abc.us.auth0.com/oauth/token",
    ] {
        assert!(parse_discovery(AUTH0_DISCOVERY, host).is_ok(), "{host}");
    }
    assert!(same_issuer(&d.issuer, "https://dev-abc.us.auth0.com"));
}

fn discovery(issuer: &str, jwks_uri: &str) -> String {
    json!({"issuer": issuer, "jwks_uri": jwks_uri}).to_string()
}

#[test]
fn a_jwks_uri_on_another_host_is_not_followed() {
    let doc = discovery(
        "https://dev-abc.us.auth0.com/",
        "https://evil.example.com/jwks.json",
    );
    let p = parse_discovery(&doc, "dev-abc.us.auth0.com").unwrap_err();
    assert_eq!(
        p,
        DiscoveryProblem::JwksUriOtherHost {
            uri: "https://evil.example.com/jwks.json".into(),
            host: "evil.example.com".into(),
            endpoint_host: "dev-abc.us.auth0.com".into()
        }
    );
    let m = p.message();
    assert!(
        m.contains("evil.example.com") && m.contains("dev-abc.us.auth0.com"),
        "{m}"
    );
    assert!(m.contains("only from the host you entered"), "{m}");
    // Another port is another host; a look-alike suffix is too.
    let doc = discovery("https://a.com/", "https://a.com:8443/jwks");
    assert!(matches!(
        parse_discovery(&doc, "a.com"),
        Err(DiscoveryProblem::JwksUriOtherHost { .. })
    ));
    let doc = discovery("https://a.com/", "https://a.com.evil.net/jwks");
    assert!(matches!(
        parse_discovery(&doc, "a.com"),
        Err(DiscoveryProblem::JwksUriOtherHost { .. })
    ));
    let doc = discovery("https://a.com/", "https://evil.net@a.com/jwks");
    assert!(matches!(
        parse_discovery(&doc, "a.com"),
        Err(DiscoveryProblem::JwksUriInvalid { .. })
    ));
}

#[test]
fn plain_http_is_allowed_only_on_the_learners_machine() {
    let doc = discovery("http://id.example.com/", "http://id.example.com/jwks");
    let p = parse_discovery(&doc, "id.example.com").unwrap_err();
    assert!(matches!(p, DiscoveryProblem::JwksUriNotHttps { .. }));
    assert!(p.message().contains("https"));
    for (host, uri) in [
        ("localhost:3000", "http://localhost:3000/jwks"),
        ("127.0.0.1:4000", "http://127.0.0.1:4000/jwks"),
        ("[::1]:8080", "http://[::1]:8080/jwks"),
        ("127.0.0.1", "http://127.0.0.1/jwks"),
    ] {
        let doc = discovery("http://issuer/", uri);
        assert_eq!(parse_discovery(&doc, host).unwrap().jwks_uri, uri, "{uri}");
    }
    for uri in [
        "ftp://a.com/jwks",
        "/jwks",
        "https://",
        "javascript:alert(1)",
        "https://a com/",
    ] {
        let doc = discovery("https://a.com/", uri);
        assert!(
            matches!(
                parse_discovery(&doc, "a.com"),
                Err(DiscoveryProblem::JwksUriInvalid { .. })
            ),
            "{uri}"
        );
    }
}

#[test]
fn a_discovery_document_must_be_json_with_issuer_and_jwks_uri() {
    assert_eq!(
        parse_discovery("<!doctype html><title>404</title>", "a.com"),
        Err(DiscoveryProblem::Html)
    );
    assert_eq!(
        parse_discovery(r#"{"issuer": "https://a.com/"}"#, "a.com"),
        Err(DiscoveryProblem::MissingJwksUri)
    );
    assert_eq!(
        parse_discovery(r#"{"issuer": "https://a.com/", "jwks_uri": 5}"#, "a.com"),
        Err(DiscoveryProblem::MissingJwksUri)
    );
    assert_eq!(
        parse_discovery(r#"{"jwks_uri": "https://a.com/jwks"}"#, "a.com"),
        Err(DiscoveryProblem::MissingIssuer)
    );
    assert!(matches!(
        parse_discovery("{\"issuer\": ", "a.com"),
        Err(DiscoveryProblem::NotJson(_))
    ));
    assert_eq!(
        parse_discovery("[]", "a.com"),
        Err(DiscoveryProblem::NotObject { found: "a list" })
    );
    assert_eq!(parse_discovery("", "a.com"), Err(DiscoveryProblem::Empty));
    let big = format!("{{\"x\": \"{}\"}}", "a".repeat(MAX_DISCOVERY_BYTES));
    assert!(matches!(
        parse_discovery(&big, "a.com"),
        Err(DiscoveryProblem::TooLarge { .. })
    ));
    for p in [
        DiscoveryProblem::Html,
        DiscoveryProblem::MissingJwksUri,
        DiscoveryProblem::MissingIssuer,
        DiscoveryProblem::Empty,
        DiscoveryProblem::TooLarge { bytes: 200_000 },
    ] {
        assert!(!p.message().is_empty());
    }
}

#[test]
fn issuers_are_the_same_modulo_one_trailing_slash() {
    assert!(same_issuer("https://a.auth0.com/", "https://a.auth0.com/"));
    assert!(same_issuer("https://a.auth0.com/", "https://a.auth0.com"));
    assert!(same_issuer("https://a.auth0.com", "https://a.auth0.com/"));
    assert!(!same_issuer("https://a.auth0.com//", "https://a.auth0.com"));
    assert!(!same_issuer("https://a.auth0.com/", "https://b.auth0.com/"));
    assert!(!same_issuer("https://A.auth0.com/", "https://a.auth0.com/"));
    assert!(!same_issuer(
        "https://a.com/realms/x",
        "https://a.com/realms/y"
    ));
    assert!(same_issuer("", "/"));
}

#[test]
fn hosts_are_read_from_http_urls_without_panicking() {
    assert_eq!(
        host_of("https://Dev-ABC.us.Auth0.com/oauth/token").as_deref(),
        Some("dev-abc.us.auth0.com")
    );
    assert_eq!(host_of("HTTPS://a.com:443").as_deref(), Some("a.com"));
    assert_eq!(host_of("http://a.com:80/x").as_deref(), Some("a.com"));
    assert_eq!(host_of("https://a.com:80/x").as_deref(), Some("a.com:80"));
    assert_eq!(
        host_of("http://127.0.0.1:3000?x#y").as_deref(),
        Some("127.0.0.1:3000")
    );
    assert_eq!(host_of("http://[::1]:8080/").as_deref(), Some("[::1]:8080"));
    assert_eq!(host_of("https://a.com#frag").as_deref(), Some("a.com"));
    for bad in [
        "",
        "https://",
        "https:///x",
        "a.com",
        "https://a.com:99999/",
        "https://a.com:x/",
        "https://user:pw@a.com/",
        "https://[::1",
        "https://[]/",
        "https://é.com/",
        "ftp://a.com",
        "https://a.com:-1",
        "http",
        "https://\u{0}/",
    ] {
        assert_eq!(host_of(bad), None, "{bad}");
    }
    assert!(is_fetchable("https://a.com/jwks"));
    assert!(is_fetchable("http://localhost:3000/jwks"));
    assert!(!is_fetchable("http://a.com/jwks"));
    assert!(on_host("https://a.com/x", "A.com"));
    assert!(!on_host("https://b.com/x", "a.com"));
}

// ---------------------------------------------------------------------------------------------
// The signature finding
// ---------------------------------------------------------------------------------------------

fn chosen(kid: &str) -> ChosenKey {
    one(choose_key(&rs256(Some(kid)), &set(vec![rsa(kid, 'a')])))
}

#[test]
fn a_verified_signature_passes_and_names_the_key_and_its_source() {
    let f = signature_finding(&SignatureOutcome::Verified {
        key: chosen("kid-1"),
        source: KeySource::Fetched {
            jwks_uri: "https://a.auth0.com/.well-known/jwks.json".into(),
        },
    });
    assert_eq!((f.id(), f.status()), ("signature", Status::Pass));
    assert!(
        f.detail.contains("kid-1") && f.detail.contains("RS256"),
        "{}",
        f.detail
    );
    assert!(
        f.detail
            .contains("fetched from https://a.auth0.com/.well-known/jwks.json"),
        "{}",
        f.detail
    );
    assert_eq!(f.reference(), Some("RFC 7515 §5.2"));
    let f = signature_finding(&SignatureOutcome::Verified {
        key: chosen("k"),
        source: KeySource::Pasted,
    });
    assert!(f.detail.contains("the keys you pasted"), "{}", f.detail);
}

#[test]
fn a_mismatch_fails_and_says_tampered_or_another_issuer() {
    for source in [
        KeySource::Pasted,
        KeySource::Fetched {
            jwks_uri: "https://a.com/jwks".into(),
        },
    ] {
        let f = signature_finding(&SignatureOutcome::Mismatch {
            kid: Some("k".into()),
            alg: "RS256".into(),
            tried: 1,
            source,
        });
        assert_eq!(f.status(), Status::Fail);
        assert!(f.detail.contains("does not match"), "{}", f.detail);
        assert!(
            f.detail.contains("changed") && f.detail.contains("another issuer"),
            "{}",
            f.detail
        );
        assert!(f.fix.is_some());
    }
}

#[test]
fn refused_algorithms_fail_with_the_explanation() {
    let keys = set(vec![rsa("k", 'a')]);
    for alg in ["none", "HS256"] {
        let p = problem(choose_key(&token(alg, Some("k"), 32), &keys));
        let f = signature_finding(&SignatureOutcome::from_key_problem(
            p.clone(),
            KeySource::Pasted,
        ));
        assert_eq!(f.status(), Status::Fail, "{alg}");
        assert_eq!(f.detail, p.message());
        assert_eq!(f.reference(), Some("RFC 8725 §3.1"));
    }
    // An algorithm this widget does not implement is not the token's fault.
    let f = signature_finding(&SignatureOutcome::Refused(
        allowed_algorithm("EdDSA").unwrap_err(),
    ));
    assert_eq!(f.status(), Status::Skip);
}

#[test]
fn an_unknown_kid_fails_with_fetched_keys_and_asks_for_keys_when_pasted() {
    let keys = set(vec![rsa("there", 'a')]);
    let p = problem(choose_key(&rs256(Some("gone")), &keys));
    let fetched = KeySource::Fetched {
        jwks_uri: "https://a.com/jwks".into(),
    };
    let f = signature_finding(&SignatureOutcome::from_key_problem(p.clone(), fetched));
    assert_eq!(f.status(), Status::Fail);
    assert!(
        f.detail.contains("there") && f.detail.contains("rotated"),
        "{}",
        f.detail
    );
    let f = signature_finding(&SignatureOutcome::from_key_problem(p, KeySource::Pasted));
    assert_eq!(f.status(), Status::Skip);
    assert!(
        f.fix.as_deref().unwrap_or("").contains("Paste the key set"),
        "{:?}",
        f.fix
    );
}

#[test]
fn could_not_check_is_a_skip_that_names_the_step_and_asks_for_the_keys() {
    let iss = Some("https://dev-abc.us.auth0.com/".to_string());
    let cases = [
        (
            CouldNotCheck::Fetch {
                step: FetchStep::Discovery,
                url: "https://dev-abc.us.auth0.com/.well-known/openid-configuration".into(),
                failure: FetchFailure::Network,
            },
            "CORS",
        ),
        (
            CouldNotCheck::Fetch {
                step: FetchStep::Jwks,
                url: "https://dev-abc.us.auth0.com/.well-known/jwks.json".into(),
                failure: FetchFailure::Timeout { seconds: 10 },
            },
            "10 seconds",
        ),
        (
            CouldNotCheck::Fetch {
                step: FetchStep::Jwks,
                url: "https://dev-abc.us.auth0.com/jwks".into(),
                failure: FetchFailure::Status { code: 404 },
            },
            "404",
        ),
        (
            CouldNotCheck::DiscoveryContent {
                url: "https://d/x".into(),
                problem: DiscoveryProblem::Html,
            },
            "HTML",
        ),
        (
            CouldNotCheck::IssuerMismatch {
                token_iss: "https://other.auth0.com/".into(),
                document_issuer: "https://dev-abc.us.auth0.com/".into(),
                url: "https://dev-abc.us.auth0.com/.well-known/openid-configuration".into(),
            },
            "other.auth0.com",
        ),
        (
            CouldNotCheck::JwksContent {
                source: KeySource::Fetched {
                    jwks_uri: "https://d/jwks".into(),
                },
                problem: KeySetProblem::EmptyKeys,
            },
            "no keys",
        ),
        (CouldNotCheck::TokenWithoutIssuer, "\"iss\""),
        (CouldNotCheck::NoEndpoint, "token endpoint"),
        (
            CouldNotCheck::WebCrypto {
                error: "DataError".into(),
            },
            "DataError",
        ),
    ];
    for (reason, word) in cases {
        let f = signature_finding(&SignatureOutcome::CouldNotCheck {
            reason,
            iss: iss.clone(),
        });
        assert_eq!(f.status(), Status::Skip);
        assert!(f.detail.starts_with("Could not check"), "{}", f.detail);
        assert!(f.detail.contains(word), "{word} missing from: {}", f.detail);
        let fix = f.fix.unwrap_or_default();
        assert!(fix.contains("paste"), "{fix}");
        // Auth0's keys have one known address: that one step, not the discovery route.
        assert!(
            fix.contains("https://dev-abc.us.auth0.com/.well-known/jwks.json"),
            "{fix}"
        );
        assert!(!fix.contains("openid-configuration"), "{fix}");
    }
    let f = signature_finding(&SignatureOutcome::CouldNotCheck {
        reason: CouldNotCheck::NoWebCrypto,
        iss: None,
    });
    assert_eq!(f.status(), Status::Skip);
    assert!(f.fix.unwrap_or_default().contains("https"));
}

#[test]
fn an_issuer_on_another_host_is_explained_not_followed() {
    let f = signature_finding(&SignatureOutcome::IssuerElsewhere {
        iss: "https://attacker.example/".into(),
        endpoint_host: "dev-abc.us.auth0.com".into(),
    });
    assert_eq!(f.status(), Status::Skip);
    assert!(
        f.detail.contains("attacker.example") && f.detail.contains("dev-abc.us.auth0.com"),
        "{}",
        f.detail
    );
    assert!(f.detail.contains("did not follow"), "{}", f.detail);
}

#[test]
fn checking_is_pending_and_says_what_is_fetched() {
    let f = signature_finding(&SignatureOutcome::Checking {
        step: FetchStep::Jwks,
        url: "https://a.auth0.com/.well-known/jwks.json".into(),
    });
    assert_eq!(f.status(), Status::Pending);
    assert_eq!(
        f.detail,
        "Fetching signing keys from https://a.auth0.com/.well-known/jwks.json …"
    );
    let f = signature_finding(&SignatureOutcome::Checking {
        step: FetchStep::Discovery,
        url: "https://a/x".into(),
    });
    assert_eq!(f.status(), Status::Pending);
}

#[test]
fn where_to_find_keys_adapts_to_the_issuer() {
    let s = where_to_find_keys(Some("https://dev-abc.us.auth0.com/"));
    assert!(!s.contains("openid-configuration"), "{s}");
    assert!(
        s.contains("https://dev-abc.us.auth0.com/.well-known/jwks.json"),
        "{s}"
    );
    let s = where_to_find_keys(Some("https://id.example.com/realms/demo"));
    assert!(
        s.contains("https://id.example.com/realms/demo/.well-known/openid-configuration"),
        "{s}"
    );
    assert!(!s.contains("jwks.json"), "{s}");
    let s = where_to_find_keys(Some("not a url"));
    assert!(s.contains("<your-domain>"), "{s}");
}

#[test]
fn long_outside_text_is_shortened_in_messages() {
    let kid = "k".repeat(10_000);
    let p = problem(choose_key(&rs256(Some(&kid)), &set(vec![rsa("a", 'a')])));
    assert!(p.message().len() < 2_000, "{}", p.message().len());
}

// ---------------------------------------------------------------------------------------------
// Never a panic
// ---------------------------------------------------------------------------------------------

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop_oneof![
            Just("RSA".to_string()),
            Just("EC".to_string()),
            Just("oct".to_string()),
            Just("P-256".to_string()),
            Just("sig".to_string()),
            Just("enc".to_string()),
            Just("verify".to_string()),
            Just("AQAB".to_string()),
            "[A-Za-z0-9_-]{0,90}",
            "https?://[a-z.:\\[\\]@0-9]{0,20}/?[a-z]{0,5}",
            "\\PC{0,12}",
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("keys".to_string()),
                        Just("kty".to_string()),
                        Just("kid".to_string()),
                        Just("n".to_string()),
                        Just("e".to_string()),
                        Just("x".to_string()),
                        Just("y".to_string()),
                        Just("crv".to_string()),
                        Just("use".to_string()),
                        Just("alg".to_string()),
                        Just("key_ops".to_string()),
                        Just("d".to_string()),
                        Just("issuer".to_string()),
                        Just("jwks_uri".to_string()),
                        "[a-z]{1,4}",
                    ],
                    inner,
                ),
                0..8,
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn any_token() -> impl Strategy<Value = SignatureInput> {
    (
        prop_oneof![
            Just("RS256".to_string()),
            Just("PS512".to_string()),
            Just("ES256".to_string()),
            Just("ES512".to_string()),
            Just("HS256".to_string()),
            Just("none".to_string()),
            "\\PC{0,8}",
        ],
        prop::option::of(prop_oneof![Just("k".to_string()), "\\PC{0,8}"]),
        prop::collection::vec(any::<u8>(), 0..140),
    )
        .prop_map(|(alg, kid, signature)| SignatureInput {
            alg,
            kid,
            signing_input: "a.b".into(),
            signature,
            iss: None,
        })
}

proptest! {
    #[test]
    fn random_text_never_panics(text in "\\PC{0,300}", host in "\\PC{0,30}", token in any_token()) {
        if let Ok(keys) = parse_key_set(&text) {
            let _ = choose_key(&token, &keys);
        }
        if let Err(p) = parse_key_set(&text) {
            prop_assert!(!p.message().is_empty());
        }
        if let Err(p) = parse_discovery(&text, &host) {
            prop_assert!(!p.message().is_empty());
        }
        let _ = host_of(&text);
        let _ = same_issuer(&text, &host);
        let _ = where_to_find_keys(Some(&text));
    }

    #[test]
    fn random_json_never_panics(value in json_value(), token in any_token(), host in "[a-z.:0-9]{0,20}") {
        for text in [value.to_string(), json!({ "keys": [value.clone()] }).to_string()] {
            match parse_key_set(&text) {
                Ok(keys) => {
                    for r in &keys.rejected {
                        prop_assert!(!r.message().is_empty());
                    }
                    match choose_key(&token, &keys) {
                        Ok(chosen) => {
                            for k in chosen {
                                let m = members(&k.clean_jwk);
                                prop_assert!(m == ["e", "kty", "n"] || m == ["crv", "kty", "x", "y"]);
                                let f = signature_finding(&SignatureOutcome::Verified { key: k, source: KeySource::Pasted });
                                prop_assert!(!f.detail.is_empty());
                            }
                        }
                        Err(p) => {
                            let f = signature_finding(&SignatureOutcome::from_key_problem(p, KeySource::Pasted));
                            prop_assert!(!f.detail.is_empty());
                        }
                    }
                }
                Err(p) => prop_assert!(!p.message().is_empty()),
            }
            if let Err(p) = parse_discovery(&text, &host) {
                prop_assert!(!p.message().is_empty());
            }
        }
    }
}
