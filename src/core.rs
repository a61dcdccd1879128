//! The pure core: no browser APIs, no clock, no I/O. Everything here is plain data in, plain data
//! out, so it is tested natively at full speed.
//!
//! Data flow:
//! * form values → [`endpoint::resolve_endpoint`] + [`request::build_command`] → command text;
//! * pasted text → [`check::check`] (extract → parse → rules) → [`report::Report`];
//! * a JWKS → [`jwks`] chooses the key the browser layer hands to WebCrypto.

pub mod check;
pub mod config;
pub mod endpoint;
pub mod expect;
pub mod facts;
pub mod jwks;
pub mod keyhosts;
pub mod markup;
pub mod provider;
pub mod quote;
pub mod report;
pub mod request;
pub mod rule;
pub mod signature;
pub mod summary;
pub(crate) mod value;
pub mod wire;
