//! The verdict and the one-sentence headline, computed from the findings' rules and statuses alone
//! (never from their wording), so that the same function serves [`super::check`] and
//! [`Report::apply_signature`].

use super::text;
use super::token::ALG_HMAC;
use crate::core::report::{Finding, Report, Status, Verdict};
use crate::core::rule::fill;

/// The first failure decides, unless the token is HMAC-signed and the signature is what failed.
const HMAC_SIGNATURE: &str =
    "The token is signed with a shared secret (HMAC), so its signature cannot be checked here";
/// Appended when more than one check failed.
const MORE_BELOW: &str = "{headline} ({more} below).";

const WELL_DONE: &str = "Well done: this is a client-credentials token for your API, issued to your application, and its signature verifies.";
const WELL_DONE_NO_CLIENT: &str = "Well done: this is a client-credentials token for your API, and its signature verifies (the token does not name the application it was issued to).";
const PASSED_SO_FAR: &str = "Everything that could be checked passes, signature included; enter {missing} above to check the rest too.";
const HMAC_UNCHECKED: &str = "Everything else checks out, but the token is signed with a shared secret (HMAC), so its signature cannot be checked here.";
const SIGNATURE_PENDING: &str = "Everything else checks out; only the signature is left, and it is checked with your server's public keys.";
const SIGNATURE_WARNED: &str = "Everything checks out and the signature holds, but the signature check raised a warning (see below).";
const SIGNATURE_UNCHECKED: &str = "Everything else checks out; only the signature is still unchecked, because your server's public keys could not be fetched or used (see below).";
const OPAQUE_TOKEN: &str = "The response is valid, but its access token cannot be inspected, so the exercise cannot check whom it was issued to (see below).";
const INCOMPLETE: &str = "The paste could not be checked completely (see below).";

/// Sets `verdict` and `headline` from the findings.
pub(crate) fn conclude(r: &mut Report) {
    let (verdict, headline) = judge(r);
    r.verdict = verdict;
    r.headline = headline;
}

/// Is the token HMAC-signed (HS256…)? Its signature cannot be verified without the secret.
fn hmac(r: &Report) -> bool {
    r.signature
        .as_ref()
        .is_some_and(|s| s.alg.starts_with("HS"))
        || r.findings.iter().any(|f| std::ptr::eq(f.rule, &ALG_HMAC))
}

/// The headline of the first failing finding, with the count of the others.
fn failed(r: &Report, fails: &[&Finding]) -> String {
    let Some(first) = fails.first() else {
        return String::new();
    };
    let sentence = if first.id() == "signature" && hmac(r) {
        HMAC_SIGNATURE.to_string()
    } else {
        fill(first.rule.headline, &[])
    };
    match fails.len() - 1 {
        0 => format!("{sentence}."),
        more => fill(
            MORE_BELOW,
            &[
                ("headline", &sentence),
                ("more", &text::plural(more, "more problem", "more problems")),
            ],
        ),
    }
}

/// The values the learner can still enter, for the checks skipped for want of them (those skips
/// say how, in their fix).
fn missing_values(r: &Report) -> Vec<&'static str> {
    [
        ("iss", "your token endpoint"),
        ("aud", "your audience"),
        ("client_id", "your client ID"),
    ]
    .iter()
    .filter(|(id, _)| {
        r.finding(id)
            .is_some_and(|f| f.status() == Status::Skip && f.fix.is_some())
    })
    .map(|(_, value)| *value)
    .collect()
}

/// The headline when the signature verified and nothing failed.
fn passed(r: &Report) -> String {
    let missing = missing_values(r);
    // A token that names no client cannot be matched with the learner's application.
    let client_known = r
        .finding("client_id")
        .is_none_or(|f| f.status() != Status::Skip);
    match (missing.is_empty(), client_known) {
        (true, true) => WELL_DONE.to_string(),
        (true, false) => WELL_DONE_NO_CLIENT.to_string(),
        (false, _) => fill(PASSED_SO_FAR, &[("missing", &join_and(&missing))]),
    }
}

/// The verdict and headline that the findings call for.
fn judge(r: &Report) -> (Verdict, String) {
    if let Some(e) = r.finding("error_response") {
        let cause = text::lower_first(e.title());
        return (
            Verdict::ErrorResponse,
            format!("{}.", fill(e.rule.headline, &[("cause", &cause)])),
        );
    }
    let fails: Vec<&Finding> = r.failures().collect();
    if !fails.is_empty() {
        return (Verdict::Fail, failed(r, &fails));
    }
    let headline = match r.finding("signature").map(Finding::status) {
        Some(Status::Pass) => return (Verdict::Pass, passed(r)),
        Some(_) if hmac(r) => HMAC_UNCHECKED,
        Some(Status::Pending) => SIGNATURE_PENDING,
        Some(Status::Warn) => SIGNATURE_WARNED,
        Some(_) => SIGNATURE_UNCHECKED,
        None if r
            .finding("token_format")
            .is_some_and(|f| f.status() == Status::Warn) =>
        {
            OPAQUE_TOKEN
        }
        None => INCOMPLETE,
    };
    (Verdict::Fail, headline.to_string())
}

fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [head @ .., last] => format!("{} and {}", head.join(", "), last),
    }
}

impl Report {
    /// Replaces the `signature` finding with the browser layer's outcome and recomputes the verdict
    /// and headline. When the report has no signature finding (no JWT was found) but has a
    /// signature input, the finding is added.
    pub fn apply_signature(&mut self, finding: Finding) {
        if let Some(f) = self.findings.iter_mut().find(|f| f.id() == "signature") {
            *f = finding;
        } else if self.signature.is_some() {
            self.findings.push(finding);
        }
        conclude(self);
    }
}
