//! WebCrypto helpers shared by the browser tests (tests/web) and the browser benchmark
//! (tests/bench_web.rs): key pairs generated in the page, JWS signatures, base64url.
// Each includer uses a different subset.
#![allow(dead_code)]

use js_sys::{Array, Object, Reflect, Uint8Array, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub fn subtle() -> web_sys::SubtleCrypto {
    web_sys::window().unwrap().crypto().unwrap().subtle()
}

pub fn obj(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &(*k).into(), v).unwrap();
    }
    o
}

/// A key pair for a JWS algorithm: (private key, public JWK as JSON with our `kid`).
pub async fn key_pair(alg: &str, kid: &str) -> (web_sys::CryptoKey, String) {
    let exponent: JsValue = Uint8Array::from(&[1u8, 0, 1][..]).into();
    let params = match alg {
        "RS256" | "PS256" => obj(&[
            (
                "name",
                (if alg == "RS256" {
                    "RSASSA-PKCS1-v1_5"
                } else {
                    "RSA-PSS"
                })
                .into(),
            ),
            ("modulusLength", 2048.into()),
            ("publicExponent", exponent),
            ("hash", "SHA-256".into()),
        ]),
        "ES256" => obj(&[("name", "ECDSA".into()), ("namedCurve", "P-256".into())]),
        other => panic!("no key type for {other}"),
    };
    let usages = Array::of2(&"sign".into(), &"verify".into());
    let pair = JsFuture::from(
        subtle()
            .generate_key_with_object(&params, true, &usages)
            .unwrap(),
    )
    .await
    .unwrap();
    let private: web_sys::CryptoKey = Reflect::get(&pair, &"privateKey".into())
        .unwrap()
        .unchecked_into();
    let public: web_sys::CryptoKey = Reflect::get(&pair, &"publicKey".into())
        .unwrap()
        .unchecked_into();
    let jwk = JsFuture::from(subtle().export_key("jwk", &public).unwrap())
        .await
        .unwrap();
    // The export carries alg, key_ops and ext: the widget must clean them off before importing.
    Reflect::set(&jwk, &"kid".into(), &kid.into()).unwrap();
    Reflect::set(&jwk, &"use".into(), &"sig".into()).unwrap();
    (private, JSON::stringify(&jwk).unwrap().into())
}

pub async fn sign(alg: &str, key: &web_sys::CryptoKey, data: &[u8]) -> Vec<u8> {
    let params = match alg {
        "RS256" => obj(&[("name", "RSASSA-PKCS1-v1_5".into())]),
        "PS256" => obj(&[("name", "RSA-PSS".into()), ("saltLength", 32.into())]),
        _ => obj(&[("name", "ECDSA".into()), ("hash", "SHA-256".into())]),
    };
    let sig = JsFuture::from(
        subtle()
            .sign_with_object_and_u8_array(&params, key, data)
            .unwrap(),
    )
    .await
    .unwrap();
    Uint8Array::new(&sig).to_vec()
}

pub fn b64url(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}
