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

/// The widget's heading levels: its title's (the host's `data-heading-level`), its sections one
/// below, their parts two below, and minor parts three below (never past `<h6>`). Headings are
/// styled by class, never by element, so any level looks the same.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Levels {
    title: u8,
}

impl Levels {
    pub fn new(title: u8) -> Levels {
        Levels {
            title: title.clamp(1, 6),
        }
    }

    fn tag(self, below: u8) -> &'static str {
        match self.title.saturating_add(below).min(6) {
            1 => "h1",
            2 => "h2",
            3 => "h3",
            4 => "h4",
            5 => "h5",
            _ => "h6",
        }
    }

    pub fn title(self) -> &'static str {
        self.tag(0)
    }
    pub fn section(self) -> &'static str {
        self.tag(1)
    }
    pub fn part(self) -> &'static str {
        self.tag(2)
    }
    pub fn minor(self) -> &'static str {
        self.tag(3)
    }
}
