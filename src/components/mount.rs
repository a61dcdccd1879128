//! Mounting: one widget in every `[data-oauth-cc-widget]` element of the host page, whether this
//! runs before or after those elements are parsed.

use std::cell::Cell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::app::{App, AppProps};
use crate::core::config::WidgetConfig;

/// The attribute that marks a mount element.
pub const MOUNT_ATTRIBUTE: &str = "data-oauth-cc-widget";
/// Set on an element once a widget lives in it, so it is never mounted twice.
const MOUNTED_ATTRIBUTE: &str = "data-oauth-cc-mounted";

thread_local! {
    static NEXT_INSTANCE: Cell<u32> = const { Cell::new(1) };
}

/// What a learner sees if the widget ever stops on a bug: WebAssembly cannot go on after a
/// panic, so the frozen form is replaced by a sentence instead of being left half-working.
const STOPPED: &str = "Something went wrong in this exercise and it stopped. Please reload the \
                       page. The endpoint, client ID, audience and scope are remembered; the \
                       client secret and the pasted response have to be entered again.";

/// Replaces every widget with [`STOPPED`] when Rust panics (the hook runs before the abort).
/// The panic's own message is not shown or logged: it could quote a typed value. Installed
/// through yew: with `std::panic::set_hook` alone, yew's first render put its default hook
/// (which logs the message) in place of this one.
fn replace_widgets_on_panic() {
    yew::set_custom_panic_hook(Box::new(|_| {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Ok(nodes) = document.query_selector_all(&format!("[{MOUNTED_ATTRIBUTE}]")) {
            for i in 0..nodes.length() {
                if let Some(node) = nodes.item(i) {
                    node.set_text_content(Some(STOPPED));
                }
            }
        }
        web_sys::console::error_1(&"oauth-cc-widget: stopped on an internal error".into());
    }));
}

/// Mounts into every mount element present now, and again once the document is parsed.
pub fn mount_all() {
    replace_widgets_on_panic();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    mount_present(&document);
    if document.ready_state() == "loading" {
        let doc = document.clone();
        let on_ready = Closure::<dyn FnMut()>::new(move || {
            mount_present(&doc);
        });
        let _ = document.add_event_listener_with_callback(
            "DOMContentLoaded",
            on_ready.as_ref().unchecked_ref(),
        );
        // The listener lives as long as the page.
        on_ready.forget();
    }
}

/// Mounts into the mount elements that have no widget yet; returns how many were mounted.
pub fn mount_present(document: &web_sys::Document) -> u32 {
    let Ok(nodes) = document.query_selector_all(&format!("[{MOUNT_ATTRIBUTE}]")) else {
        return 0;
    };
    let mut mounted = 0;
    for i in 0..nodes.length() {
        let Some(element) = nodes
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if element.has_attribute(MOUNTED_ATTRIBUTE) {
            continue;
        }
        mount_into(element);
        mounted += 1;
    }
    mounted
}

/// Mounts one widget into `element`, configured by its `data-*` attributes.
pub fn mount_into(element: web_sys::Element) {
    let _ = element.set_attribute(MOUNTED_ATTRIBUTE, "");
    let config = WidgetConfig::from_attributes(|name| element.get_attribute(name));
    let n = NEXT_INSTANCE.with(|c| {
        let n = c.get();
        c.set(n.wrapping_add(1));
        n
    });
    // Fallback content (a <noscript>, "Loading…") makes way for the widget.
    element.set_text_content(None);
    let props = AppProps {
        host: element.clone(),
        config,
        id_prefix: format!("occw{n}").into(),
    };
    yew::Renderer::<App>::with_root_and_props(element, props).render();
}
