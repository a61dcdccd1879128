//! The yew components. Each file holds one component, or a plain function returning `Html` where a
//! part has no hooks of its own; `state` holds the widget's one reducer.
//!
//! Data flow: the learner's typing goes into [`state::State`] through [`state::Action`]s; the
//! command, the hints and the report are derived from it by the pure core.

mod app;
mod command_view;
mod instructions;
mod keys_fallback;
mod mount;
mod report_view;
mod request_form;
mod response_check;
pub mod state;

pub use app::{App, AppProps};

use yew::{html, Html};

/// Text from the core with its code spans ([`crate::core::markup`]) shown as `<code>`; all of it
/// stays text, never HTML.
pub(crate) fn rich(s: &str) -> Html {
    crate::core::markup::segments(s)
        .into_iter()
        .map(|(code, t)| {
            if code {
                html! { <code>{ t.to_string() }</code> }
            } else {
                Html::from(t.to_string())
            }
        })
        .collect()
}
pub use mount::{mount_all, mount_into, mount_present, MOUNT_ATTRIBUTE};
