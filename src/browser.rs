//! The thin browser layer: the only code that touches browser APIs besides the components.
//! Each function is small, returns plain data and never panics; the pure core never calls it.

pub mod clipboard;
pub mod clock;
pub mod crypto;
pub mod events;
pub mod explainer;
pub mod fetch;
pub mod platform;
pub mod signature;
pub mod storage;
