//! The explainer: checks a pasted response for the page and answers with `core::wire` messages.
//! It runs in a Web Worker (its own binary, `src/worker.rs`, started by `src/explainer-boot.js`),
//! or, when no worker can start, in the page itself through [`explain`]; either way the checks,
//! the signing-key fetch and WebCrypto run here, and the page only renders the answers.
//!
//! Messages: the page posts an encoded [`Request`]; the worker posts `R` once it can take
//! requests, then `A` and an encoded [`Answer`] for each step of a check (the last with `done`).
//! The boot script posts `F` and a reason when the worker cannot load.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::browser::signature;
use crate::core::check::{self, Expectations};
use crate::core::report::Report;
use crate::core::signature::{CouldNotCheck, SignatureOutcome};
use crate::core::wire::{Answer, Request};

/// Where an answer goes: posted to the page, or handed to the page's callback.
pub type Reply = Rc<dyn Fn(String)>;

/// In a worker: answers every request the page posts, then tells the page it is ready (messages
/// posted before the handler exists would be lost, so the page waits for `R`).
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = {
        let scope = scope.clone();
        Rc::new(move |answer: String| {
            let _ = scope.post_message(&JsValue::from_str(&format!("A{answer}")));
        })
    };
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            if let Some(text) = e.data().as_string() {
                handle(&text, post.clone());
            }
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str("R"));
}

/// In the page (no worker could start): answers `request` through `reply(answer)`.
pub fn explain(request: &str, reply: js_sys::Function) {
    let reply: Reply = Rc::new(move |answer: String| {
        let _ = reply.call1(&JsValue::NULL, &JsValue::from_str(&answer));
    });
    handle(request, reply);
}

/// Runs one request, answering through `reply`. A message that is not a request is ignored: it
/// carries no id to answer.
pub fn handle(text: &str, reply: Reply) {
    if let Some(request) = Request::decode(text) {
        run(request, reply);
    }
}

fn send(reply: &Reply, id: u32, report: &Report, done: bool) {
    let answer = Answer {
        id,
        done,
        view: check::view(report),
    };
    reply(answer.encode());
}

/// The checks at once, then the signature step: with the keys the learner pasted, or fetched
/// from the issuer on the entered endpoint's host (each request reported as it starts).
fn run(request: Request, reply: Reply) {
    let expectations = request.expect.clone();
    let mut report = check::check(&request.paste, &expectations, request.now);
    let id = request.id;
    let Some(sig) = report.signature.clone() else {
        return send(&reply, id, &report, true);
    };
    if let Some(keys) = request.keys {
        wasm_bindgen_futures::spawn_local(async move {
            let outcome = signature::verify_with_pasted(&sig, &keys).await;
            report.apply_signature(outcome.finding());
            send(&reply, id, &report, true);
        });
        return;
    }
    let Some(endpoint) = request.endpoint.clone() else {
        let outcome = SignatureOutcome::CouldNotCheck {
            reason: CouldNotCheck::NoEndpoint,
            iss: sig.iss.clone(),
        };
        report.apply_signature(outcome.finding());
        return send(&reply, id, &report, true);
    };
    send(&reply, id, &report, false);
    wasm_bindgen_futures::spawn_local(async move {
        let progress = |outcome: SignatureOutcome| {
            let mut shown = report.clone();
            shown.apply_signature(outcome.finding());
            send(&reply, id, &shown, false);
        };
        let (outcome, discovered) = signature::verify_from_issuer(
            &sig,
            &endpoint.url,
            &endpoint.discovery,
            request.trust_host.as_deref(),
            progress,
        )
        .await;
        // The issuer the learner's server publishes is the one `iss` must equal (Entra v1
        // issues sts.windows.net tokens from login.microsoftonline.com, for one).
        let mut report = match discovered {
            Some(issuer) => check::check(
                &request.paste,
                &Expectations {
                    issuer: Some(issuer),
                    issuer_discovered: true,
                    ..expectations
                },
                request.now,
            ),
            None => report,
        };
        report.apply_signature(outcome.finding());
        send(&reply, id, &report, true);
    });
}
