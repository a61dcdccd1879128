//! The page's side of the explainer (`crate::explainer`): it starts the worker when the browser
//! is idle after the form is up — or at once when a check is asked for first — keeps requests
//! until the worker says it is ready, and hands each answer to the widget that asked. When no
//! worker can start (the widget's files on another origin than the page, a policy that refuses
//! the worker, a file that does not load), it loads the same explainer into the page and asks it
//! there. When neither loads, every widget waiting for an answer is told so.
//!
//! One explainer serves every widget on the page; requests carry an id, answers repeat it.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::core::wire::{Answer, Request};

/// The files, next to the page's own glue.
const BOOT: &str = "explainer-boot.js";
const GLUE: &str = "oauth-cc-explainer.js";
/// Hands the glue's `wasm_bindgen` to the page as `__occExplainer`.
const HANDOVER: &str = "explainer-page.js";
const WASM: &str = "oauth-cc-explainer_bg.wasm";

#[wasm_bindgen]
extern "C" {
    /// The address of the page's glue module: the widget's files sit next to it, wherever the
    /// host page is.
    #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
    static GLUE_URL: String;
}

/// What a widget hears about its request.
pub enum Heard {
    /// A step of the check (`answer.done` once nothing is pending).
    Answer(Answer),
    /// The explainer could not be loaded at all.
    Unavailable,
}

type Listener = Rc<dyn Fn(Heard)>;

enum Phase {
    Idle,
    /// The worker is loading: requests wait.
    Starting,
    Ready(web_sys::Worker),
    /// Loading into the page: requests wait until `explain` is known.
    LoadingInPage,
    InPage(Function),
    /// Linked into this very WebAssembly (the component tests): called directly.
    Here(Runner),
    Unavailable,
}

/// The explainer's entry point when it is linked in: a request, and where its answers go.
pub type Runner = fn(&str, Rc<dyn Fn(String)>);

struct Client {
    phase: Phase,
    /// Encoded requests waiting for the explainer.
    queue: Vec<String>,
    listeners: Vec<(u32, Listener)>,
    next_id: u32,
}

thread_local! {
    static CLIENT: RefCell<Client> = const {
        RefCell::new(Client {
            phase: Phase::Idle,
            queue: Vec::new(),
            listeners: Vec::new(),
            next_id: 1,
        })
    };
}

/// The address of one of the widget's files.
fn file_url(name: &str) -> String {
    GLUE_URL
        .with(|base| web_sys::Url::new_with_base(name, base))
        .map(|u| u.href())
        .unwrap_or_else(|_| name.to_string())
}

/// Starts the explainer once the browser has nothing else to do (`requestIdleCallback`, or a
/// short timeout where there is none, as in Safari).
pub fn warm_up() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let start = Closure::once_into_js(start);
    let idle = Reflect::get(&window, &JsValue::from_str("requestIdleCallback"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    let options = Object::new();
    let _ = Reflect::set(&options, &"timeout".into(), &JsValue::from(2000));
    match idle {
        Some(f) => {
            let _ = f.call2(&window, &start, &options);
        }
        None => {
            let _ = window
                .set_timeout_with_callback_and_timeout_and_arguments_0(start.unchecked_ref(), 200);
        }
    }
}

/// Runs every request with `run`, linked into this WebAssembly, instead of a worker: for the
/// component tests, which link the explainer (`crate::explainer::handle`) in. The widget itself
/// never calls it, so its own WebAssembly carries no checker.
pub fn run_here(run: Runner) {
    CLIENT.with(|c| c.borrow_mut().phase = Phase::Here(run));
}

/// Starts the explainer now, when the learner shows a check is coming (a paste) before the
/// browser was idle.
pub fn prepare() {
    start();
}

/// Asks the explainer; `listener` hears every answer to this request. Returns its id.
pub fn ask(mut request: Request, listener: Listener) -> u32 {
    let id = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let id = c.next_id;
        c.next_id = c.next_id.wrapping_add(1).max(1);
        c.listeners.push((id, listener.clone()));
        id
    });
    request.id = id;
    let encoded = request.encode();
    let route = CLIENT.with(|c| match &c.borrow().phase {
        Phase::Ready(worker) => Route::Worker(worker.clone()),
        Phase::InPage(explain) => Route::InPage(explain.clone()),
        Phase::Here(run) => Route::Here(*run),
        Phase::Unavailable => Route::Unavailable,
        Phase::Idle | Phase::Starting | Phase::LoadingInPage => Route::Wait,
    });
    match route {
        Route::Worker(worker) => {
            let _ = worker.post_message(&JsValue::from_str(&encoded));
        }
        Route::InPage(explain) => run_in_page(&explain, &encoded),
        Route::Here(run) => run(&encoded, Rc::new(|answer: String| deliver(&answer))),
        Route::Wait => {
            CLIENT.with(|c| c.borrow_mut().queue.push(encoded));
            start();
        }
        Route::Unavailable => {
            forget(id);
            listener(Heard::Unavailable);
        }
    }
    id
}

/// Where a request goes now.
enum Route {
    Worker(web_sys::Worker),
    InPage(Function),
    Here(Runner),
    Wait,
    Unavailable,
}

/// Stops listening to request `id` (its widget asked again, or forgot its values).
pub fn forget(id: u32) {
    CLIENT.with(|c| c.borrow_mut().listeners.retain(|(i, _)| *i != id));
}

/// Hands an answer to the widget that asked.
fn deliver(encoded: &str) {
    let Some(answer) = Answer::decode(encoded) else {
        return;
    };
    let listener = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let found = c
            .listeners
            .iter()
            .find(|(id, _)| *id == answer.id)
            .map(|(_, l)| l.clone());
        if answer.done {
            c.listeners.retain(|(id, _)| *id != answer.id);
        }
        found
    });
    if let Some(listener) = listener {
        listener(Heard::Answer(answer));
    }
}

/// Starts the worker, unless the explainer is started already.
fn start() {
    let idle = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let idle = matches!(c.phase, Phase::Idle);
        if idle {
            c.phase = Phase::Starting;
        }
        idle
    });
    if !idle {
        return;
    }
    // A page on another origin than the widget's files cannot start it (`SecurityError`).
    match web_sys::Worker::new(&file_url(BOOT)) {
        Ok(worker) => listen(worker),
        Err(_) => load_in_page(),
    }
}

fn listen(worker: web_sys::Worker) {
    let on_message = {
        let worker = worker.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let text = e.data().as_string().unwrap_or_default();
            match text.chars().next() {
                Some('R') => ready(worker.clone()),
                Some('A') => deliver(text.get(1..).unwrap_or("")),
                // The worker's WebAssembly did not load: the page may still load it.
                _ => {
                    worker.terminate();
                    load_in_page();
                }
            }
        })
    };
    // The worker's script did not load (missing, refused by a policy).
    let on_error = {
        let worker = worker.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            e.prevent_default();
            worker.terminate();
            load_in_page();
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // Both live as long as the page.
    on_message.forget();
    on_error.forget();
}

/// The worker is listening: send what waited.
fn ready(worker: web_sys::Worker) {
    let queue = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        c.phase = Phase::Ready(worker.clone());
        std::mem::take(&mut c.queue)
    });
    for request in queue {
        let _ = worker.post_message(&JsValue::from_str(&request));
    }
}

/// Loads the explainer's glue as a classic script (then the small file that hands its
/// `wasm_bindgen` over) and starts its WebAssembly in the page.
fn load_in_page() {
    let go = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        let go = matches!(c.phase, Phase::Idle | Phase::Starting);
        if go {
            c.phase = Phase::LoadingInPage;
        }
        go
    });
    if !go {
        return;
    }
    let Some(head) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.head())
    else {
        return unavailable();
    };
    let glue = script(&file_url(GLUE), None);
    let handover = script(&file_url(HANDOVER), Some(start_in_page));
    let appended = match (glue, handover) {
        (Some(glue), Some(handover)) => {
            head.append_child(&glue).is_ok() && head.append_child(&handover).is_ok()
        }
        _ => false,
    };
    if !appended {
        unavailable();
    }
}

/// A classic script element for `src`, run in insertion order; `on_load` when it has run, and
/// the explainer unavailable when it fails.
fn script(src: &str, on_load: Option<fn()>) -> Option<web_sys::HtmlScriptElement> {
    let document = web_sys::window()?.document()?;
    let script: web_sys::HtmlScriptElement =
        document.create_element("script").ok()?.unchecked_into();
    script.set_async(false);
    script.set_src(src);
    if let Some(on_load) = on_load {
        script.set_onload(Some(Closure::once_into_js(on_load).unchecked_ref()));
    }
    script.set_onerror(Some(Closure::once_into_js(unavailable).unchecked_ref()));
    Some(script)
}

/// The glue is loaded and handed over (`__occExplainer`): start its WebAssembly.
fn start_in_page() {
    let global = js_sys::global();
    let Some(init) = Reflect::get(&global, &"__occExplainer".into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
    else {
        return unavailable();
    };
    let options = Object::new();
    let _ = Reflect::set(
        &options,
        &"module_or_path".into(),
        &JsValue::from_str(&file_url(WASM)),
    );
    let Ok(promise) = init
        .call1(&JsValue::NULL, &options)
        .and_then(|p| p.dyn_into::<Promise>())
    else {
        return unavailable();
    };
    let on_ready = Closure::once(move |_: JsValue| {
        let explain = Reflect::get(&init, &"explain".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok());
        match explain {
            Some(explain) => in_page_ready(explain),
            None => unavailable(),
        }
    });
    let on_failed = Closure::once(|_: JsValue| unavailable());
    let _ = promise.then2(&on_ready, &on_failed);
    // Called once, when the WebAssembly has started or failed.
    on_ready.forget();
    on_failed.forget();
}

fn in_page_ready(explain: Function) {
    let queue = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        c.phase = Phase::InPage(explain.clone());
        std::mem::take(&mut c.queue)
    });
    for request in queue {
        run_in_page(&explain, &request);
    }
}

fn run_in_page(explain: &Function, request: &str) {
    let reply = Closure::<dyn FnMut(JsValue)>::new(|answer: JsValue| {
        deliver(&answer.as_string().unwrap_or_default());
    });
    let _ = explain.call2(&JsValue::NULL, &JsValue::from_str(request), reply.as_ref());
    // Answers keep coming while the signature is checked, after this call returns: the reply
    // lives on (a few bytes per check, and only when no worker could start).
    reply.forget();
}

/// Neither a worker nor the page could load the explainer: every waiting widget is told.
fn unavailable() {
    let listeners = CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        c.phase = Phase::Unavailable;
        c.queue.clear();
        std::mem::take(&mut c.listeners)
    });
    for (_, listener) in listeners {
        listener(Heard::Unavailable);
    }
}
