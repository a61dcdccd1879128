//! Signature verification with WebCrypto (`crypto.subtle`). The pure core chooses the key and
//! the algorithm (`core::jwks`); this only imports the clean JWK and calls `verify`.

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::core::jwks::WebCryptoImport;

/// Why WebCrypto could not give an answer (as opposed to answering "does not match").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerifyError {
    /// No `crypto.subtle`: the page is not in a secure context (https or localhost).
    Unavailable,
    /// The browser refused the key (the text says why, from the browser).
    ImportFailed(String),
    /// The browser failed while verifying.
    VerifyFailed(String),
}

fn set(target: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn error_text(err: &JsValue) -> String {
    err.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| "unknown error".to_string())
}

/// Verifies `signature` over `data` with the public key `clean_jwk` (compact JSON). `Ok(true)`:
/// the signature holds; `Ok(false)`: it does not match this key.
pub async fn verify(
    clean_jwk: &str,
    alg: &WebCryptoImport,
    data: &[u8],
    signature: &[u8],
) -> Result<bool, VerifyError> {
    // `crypto` of the global scope: a worker's (the explainer's home) or, when no worker could
    // start, the page's window. (`web_sys::window()` is `None` in a worker.)
    let crypto = Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))
        .ok()
        .filter(|c| c.is_object())
        .ok_or(VerifyError::Unavailable)?;
    let subtle = crypto.unchecked_into::<web_sys::Crypto>().subtle();
    // Outside secure contexts `crypto.subtle` is undefined although the binding returns a value.
    if JsValue::from(subtle.clone()).is_undefined() {
        return Err(VerifyError::Unavailable);
    }
    let jwk: Object = JSON::parse(clean_jwk)
        .map_err(|e| VerifyError::ImportFailed(error_text(&e)))?
        .unchecked_into();

    let import = Object::new();
    set(&import, "name", &alg.name.into());
    match alg.named_curve {
        Some(curve) => set(&import, "namedCurve", &curve.into()),
        None => set(&import, "hash", &alg.hash.into()),
    }
    let usages = Array::of1(&"verify".into());
    let key = subtle
        .import_key_with_object("jwk", &jwk, &import, false, &usages)
        .map_err(|e| VerifyError::ImportFailed(error_text(&e)))?;
    let key: web_sys::CryptoKey = JsFuture::from(key)
        .await
        .map_err(|e| VerifyError::ImportFailed(error_text(&e)))?
        .unchecked_into();

    let params = Object::new();
    set(&params, "name", &alg.name.into());
    if alg.named_curve.is_some() {
        set(&params, "hash", &alg.hash.into());
    }
    if let Some(salt) = alg.salt_length {
        set(&params, "saltLength", &salt.into());
    }
    let verdict = subtle
        .verify_with_object_and_u8_array_and_u8_array(&params, &key, signature, data)
        .map_err(|e| VerifyError::VerifyFailed(error_text(&e)))?;
    let verdict = JsFuture::from(verdict)
        .await
        .map_err(|e| VerifyError::VerifyFailed(error_text(&e)))?;
    Ok(verdict.as_bool() == Some(true))
}
