//! Fetching the issuer's discovery document and JWKS — the only network requests the widget
//! makes. No credentials, no custom headers (a simple CORS GET), a timeout, a size limit, and a
//! per-page cache of successful answers.

use std::cell::RefCell;

use gloo_net::http::Request;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{RequestCache, RequestCredentials, RequestMode, RequestRedirect};

/// How long one request may take before it is given up.
pub const TIMEOUT_MS: i32 = 10_000;
/// Larger answers are refused (a JWKS is a few KB; a discovery document about 10 KB).
pub const MAX_BODY_BYTES: usize = 512 * 1024;

/// Why a fetch gave no usable text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The request failed before any answer: offline, DNS, TLS, or CORS refused (a page cannot
    /// tell these apart).
    Network,
    /// No answer within [`TIMEOUT_MS`].
    Timeout,
    /// The server answered with this HTTP status (404, 500, …).
    Status(u16),
    /// The answer was larger than [`MAX_BODY_BYTES`].
    TooLarge,
}

thread_local! {
    /// (URL, body) pairs: a page fetches two or three URLs, so a list does (and costs less
    /// WebAssembly than a map).
    static CACHE: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
}

fn cached(url: &str) -> Option<String> {
    CACHE.with(|c| {
        c.borrow()
            .iter()
            .find(|(u, _)| u == url)
            .map(|(_, text)| text.clone())
    })
}

/// GETs `url` and returns its body as text.
pub async fn get_text(url: &str) -> Result<String, FetchError> {
    if let Some(hit) = cached(url) {
        return Ok(hit);
    }
    let controller = web_sys::AbortController::new().map_err(|_| FetchError::Network)?;
    let signal = controller.signal();
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let on_timeout = {
        let timed_out = timed_out.clone();
        Closure::once(move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    // The global scope: the worker's, or the page's window when the explainer runs in the page.
    // Both have the timer functions, which wasm-bindgen calls by name.
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let timer = scope
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            TIMEOUT_MS,
        )
        .unwrap_or(0);

    let result = async {
        let response = Request::get(url)
            .credentials(RequestCredentials::Omit)
            .mode(RequestMode::Cors)
            .cache(RequestCache::NoStore)
            .redirect(RequestRedirect::Follow)
            .abort_signal(Some(&signal))
            .send()
            .await
            .map_err(|_| FetchError::Network)?;
        if !response.ok() {
            return Err(FetchError::Status(response.status()));
        }
        let declared = response
            .headers()
            .get("content-length")
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
            return Err(FetchError::TooLarge);
        }
        let text = response.text().await.map_err(|_| FetchError::Network)?;
        if text.len() > MAX_BODY_BYTES {
            return Err(FetchError::TooLarge);
        }
        Ok(text)
    }
    .await;
    scope.clear_timeout_with_handle(timer);
    drop(on_timeout);

    let result = match result {
        Err(FetchError::Network) if timed_out.get() => Err(FetchError::Timeout),
        other => other,
    };
    if let Ok(text) = &result {
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            match c.iter_mut().find(|(u, _)| u == url) {
                Some(entry) => entry.1.clone_from(text),
                None => c.push((url.to_string(), text.clone())),
            }
        });
    }
    result
}
