//! Telling the host page that a check finished.

use wasm_bindgen::JsValue;

/// The event's name. It bubbles from the widget's root element.
pub const CHECKED_EVENT: &str = "oauth-cc-widget:checked";

/// Dispatches [`CHECKED_EVENT`] on `root` with `detail` parsed from `summary_json`
/// (see `core::summary`: the verdict and check statuses only, never a token or the secret).
pub fn dispatch_checked(root: &web_sys::Element, summary_json: &str) {
    let detail = js_sys::JSON::parse(summary_json).unwrap_or(JsValue::NULL);
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(CHECKED_EVENT, &init) {
        let _ = root.dispatch_event(&event);
    }
}
