//! STUB — to be replaced: the token response checker.
mod b64;
mod extract;
mod text;
mod time;

use super::provider::Provider;
use super::report::{Finding, Report, Status, Verdict};

/// What the learner's own values lead us to expect.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expectations {
    pub provider: Provider,
    /// The issuer: from the discovery document when it was fetched, else derived from the endpoint.
    pub issuer: Option<String>,
    /// True when `issuer` came from the discovery document.
    pub issuer_discovered: bool,
    /// The client ID as typed ("" when not entered).
    pub client_id: String,
    /// The audience as typed ("" when not entered).
    pub audience: String,
}

pub fn check(paste: &str, _expect: &Expectations, _now_unix: i64) -> Report {
    let empty = paste.trim().is_empty();
    Report {
        verdict: Verdict::Fail,
        headline: if empty { "Paste the token response first.".into() } else { "Not checked.".into() },
        set_aside: Vec::new(),
        findings: vec![Finding {
            id: "signature",
            status: Status::Pending,
            title: "Signature".into(),
            detail: "Not checked yet.".into(),
            fix: None,
            reference: None,
        }],
        token: None,
        signature: None,
    }
}

impl Report {
    /// Replaces the `signature` finding with the browser layer's outcome and recomputes the verdict.
    pub fn apply_signature(&mut self, finding: Finding) {
        if let Some(f) = self.findings.iter_mut().find(|f| f.id == "signature") {
            *f = finding;
        }
    }
}
