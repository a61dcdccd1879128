//! The benchmark's empty app: what yew 0.23 costs for one labelled input, a button and one line of
//! text that follows the input — mounted like the widget, into every `[data-oauth-cc-widget]`.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[function_component]
fn App() -> Html {
    let value = use_state(String::new);
    let oninput = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| {
            value.set(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    html! {
        <form>
            <label for="endpoint">{ "Token endpoint" }</label>
            <input id="endpoint" value={(*value).clone()} {oninput} />
            <button type="button">{ "Copy" }</button>
            <pre data-testid="token-request">{ "curl " }{ (*value).clone() }</pre>
        </form>
    }
}

fn main() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(nodes) = document.query_selector_all("[data-oauth-cc-widget]") else {
        return;
    };
    for i in 0..nodes.length() {
        if let Some(element) = nodes
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            let _ = element.set_attribute("data-oauth-cc-mounted", "");
            element.set_text_content(None);
            yew::Renderer::<App>::with_root(element).render();
        }
    }
}
