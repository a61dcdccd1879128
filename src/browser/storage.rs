//! Remembering the learner's public form values (never credentials) in `localStorage`.
//!
//! Key: `oauth-cc-widget:<namespace>:v1` (namespace from the host's `data-storage-namespace`,
//! default `default`). Value: JSON with `endpoint`, `client_id`, `audience`, `scope`, `shell`,
//! `auth` and `completed`. **The client secret and pasted tokens are never written**: the type
//! below has no field that could hold them.

use serde_json::Value;

use crate::core::summary::push_json_member;

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

/// Reads a JSON object: missing members keep their defaults, unknown ones are ignored, and a
/// member of the wrong type makes the whole value unreadable. Read by hand from a `Value` rather
/// than through serde's derive, which costs several kilobytes of WebAssembly.
fn from_json(text: &str) -> Option<Saved> {
    let Ok(Value::Object(map)) = crate::core::value::parse(text) else {
        return None;
    };
    let mut saved = Saved::default();
    for (name, field) in [
        ("endpoint", &mut saved.endpoint),
        ("client_id", &mut saved.client_id),
        ("audience", &mut saved.audience),
        ("scope", &mut saved.scope),
        ("shell", &mut saved.shell),
        ("auth", &mut saved.auth),
    ] {
        match map.get(name) {
            None => {}
            Some(Value::String(s)) => field.clone_from(s),
            Some(_) => return None,
        }
    }
    match map.get("completed") {
        None => {}
        Some(Value::Bool(b)) => saved.completed = *b,
        Some(_) => return None,
    }
    Some(saved)
}

fn to_json(saved: &Saved) -> String {
    let mut out = String::from("{");
    for (name, field) in [
        ("endpoint", &saved.endpoint),
        ("client_id", &saved.client_id),
        ("audience", &saved.audience),
        ("scope", &saved.scope),
        ("shell", &saved.shell),
        ("auth", &saved.auth),
    ] {
        push_json_member(&mut out, name, Some(field));
    }
    push_json_member(&mut out, "completed", None);
    out.push_str(if saved.completed { "true}" } else { "false}" });
    out
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
