//! Remembering the learner's public form values (never credentials) in `localStorage`.
//!
//! Key: `oauth-cc-widget:<namespace>:v1` (namespace from the host's `data-storage-namespace`,
//! default `default`). Value: JSON with `endpoint`, `client_id`, `audience`, `scope`, `shell`,
//! `auth` and `completed`. **The client secret and pasted tokens are never written**: the type
//! below has no field that could hold them.

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

/// Everything the widget remembers between visits.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Saved {
    pub endpoint: String,
    pub client_id: String,
    pub audience: String,
    pub scope: String,
    /// `bash`, `powershell` or `cmd`; empty when the learner never chose.
    pub shell: String,
    /// `body` or `basic`.
    pub auth: String,
    /// The learner passed the check once.
    pub completed: bool,
}

/// The storage key for a namespace.
pub fn key(namespace: &str) -> String {
    format!("oauth-cc-widget:{namespace}:v1")
}

fn local_storage() -> Option<web_sys::Storage> {
    // Storage can be missing or throw (privacy modes, sandboxed iframes): treat as "no storage".
    web_sys::window()?.local_storage().ok()?
}

/// What was saved for `namespace`, or defaults when nothing (or something unreadable) is there.
pub fn load(namespace: &str) -> Saved {
    local_storage()
        .and_then(|s| s.get_item(&key(namespace)).ok().flatten())
        .and_then(|text| from_json(&text))
        .unwrap_or_default()
}

/// The text names of the saved values, in the order they are written.
const TEXT_MEMBERS: [&str; 6] = [
    "endpoint",
    "client_id",
    "audience",
    "scope",
    "shell",
    "auth",
];

fn texts(saved: &mut Saved) -> [&mut String; 6] {
    [
        &mut saved.endpoint,
        &mut saved.client_id,
        &mut saved.audience,
        &mut saved.scope,
        &mut saved.shell,
        &mut saved.auth,
    ]
}

/// Reads a JSON object with the browser's own `JSON.parse` (the page carries no JSON parser of
/// its own): missing members keep their defaults, unknown ones are ignored, and a member of the
/// wrong type makes the whole value unreadable.
fn from_json(text: &str) -> Option<Saved> {
    let value = JSON::parse(text).ok()?;
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return None;
    }
    let mut saved = Saved::default();
    for (name, field) in TEXT_MEMBERS.iter().zip(texts(&mut saved)) {
        let member = Reflect::get(&value, &JsValue::from_str(name)).ok()?;
        if member.is_undefined() {
            continue;
        }
        *field = member.as_string()?;
    }
    let completed = Reflect::get(&value, &JsValue::from_str("completed")).ok()?;
    if !completed.is_undefined() {
        saved.completed = completed.as_bool()?;
    }
    Some(saved)
}

/// The values as a JSON object, written by the browser's `JSON.stringify`.
fn to_json(saved: &Saved) -> String {
    let object = Object::new();
    let mut copy = saved.clone();
    for (name, field) in TEXT_MEMBERS.iter().zip(texts(&mut copy)) {
        let _ = Reflect::set(&object, &JsValue::from_str(name), &JsValue::from_str(field));
    }
    let _ = Reflect::set(
        &object,
        &"completed".into(),
        &JsValue::from_bool(saved.completed),
    );
    JSON::stringify(&object)
        .ok()
        .and_then(|s| s.dyn_into::<js_sys::JsString>().ok())
        .map(String::from)
        .unwrap_or_default()
}

/// Saves the values; failures (quota, privacy mode) are ignored: remembering is a convenience.
pub fn save(namespace: &str, saved: &Saved) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(&key(namespace), &to_json(saved));
    }
}

/// Forgets everything saved for `namespace`.
pub fn forget(namespace: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(&key(namespace));
    }
}
