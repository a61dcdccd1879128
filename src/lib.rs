//! OAuth School — "Client Credentials Flow for Service Apps", as a widget that runs entirely in the
//! learner's browser.
//!
//! Three layers, each in its own folder:
//!
//! * [`core`] — pure Rust, no browser APIs: it turns what the learner typed into a token request
//!   for their shell, and turns what they pasted into a [`core::report::Report`]. Time is passed in.
//!   Tested natively (`cargo test`), with property tests and a fuzz target.
//! * `browser` (wasm32 only) — the thin edge: clock, clipboard, storage, fetch, WebCrypto.
//! * `components` (wasm32 only) — yew components that show the exercise and call the two above.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod explainer;

/// Talc instead of the standard library's dlmalloc: about 2.6 KB less gzip, and faster.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
