//! Remembering the learner's non-secret values in `localStorage`.
//!
//! Key: `oauth-cc-widget:<namespace>:v1` (namespace from the host's `data-storage-namespace`,
//! default `default`). Value: JSON with `endpoint`, `client_id`, `audience`, `scope`, `shell`,
//! `auth` and `completed`. **The client secret and pasted tokens are never written**: the type
//! below has no field that could hold them.

use serde::{Deserialize, Serialize};

/// Everything the widget remembers between visits.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
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
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Saves the values; failures (quota, privacy mode) are ignored: remembering is a convenience.
pub fn save(namespace: &str, saved: &Saved) {
    if let (Some(storage), Ok(text)) = (local_storage(), serde_json::to_string(saved)) {
        let _ = storage.set_item(&key(namespace), &text);
    }
}

/// Forgets everything saved for `namespace`.
pub fn forget(namespace: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(&key(namespace));
    }
}
