//! Telling the host page that a check finished.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::core::summary::Summary;

/// The event's name. It bubbles from the widget's root element.
pub const CHECKED_EVENT: &str = "oauth-cc-widget:checked";

fn set(target: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

/// Dispatches [`CHECKED_EVENT`] on `root` with the summary as its `detail`:
/// `{verdict, headline, checks: [{id, rule, status}]}`.
pub fn dispatch_checked(root: &web_sys::Element, summary: &Summary) {
    let detail = Object::new();
    set(&detail, "verdict", &summary.verdict.into());
    set(&detail, "headline", &summary.headline.as_str().into());
    let checks = Array::new();
    for (id, rule, status) in &summary.checks {
        let check = Object::new();
        set(&check, "id", &id.as_str().into());
        set(&check, "rule", &rule.as_str().into());
        set(&check, "status", &(*status).into());
        checks.push(&check);
    }
    set(&detail, "checks", &checks);
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(CHECKED_EVENT, &init) {
        let _ = root.dispatch_event(&event);
    }
}
