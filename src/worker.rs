//! The explainer's binary: the checker, the signing-key fetch and WebCrypto, built by trunk as a
//! Web Worker (`data-type="worker"`) and started by `src/explainer-boot.js` when the page is idle.
//! The same WebAssembly runs in the page when no worker can start (see `src/explainer.rs`).

fn main() {}

#[cfg(target_arch = "wasm32")]
mod exports {
    use wasm_bindgen::prelude::wasm_bindgen;

    /// In the worker: answer the page's messages.
    #[wasm_bindgen]
    pub fn serve() {
        oauth_cc_widget::explainer::serve();
    }

    /// In the page: answer `request` through `reply`.
    #[wasm_bindgen]
    pub fn explain(request: &str, reply: &js_sys::Function) {
        oauth_cc_widget::explainer::explain(request, reply.clone());
    }
}
