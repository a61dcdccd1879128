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
/// Appended to a passing headline when some findings are warnings.
const WARNING_BELOW: &str = "{headline} One warning below is worth a look.";
const WARNINGS_BELOW: &str = "{headline} {count} warnings below are worth a look.";
const PASSED_SO_FAR: &str = "Everything that could be checked passes, signature included; enter {missing} above to check the rest too.";
const PASSED_WITH_DOUBTS: &str = "Nothing failed and the signature verifies, but comparing the token with your values raised a warning (see below).";
const SIGNATURE_WARNED: &str = "Everything checks out and the signature holds, but the signature check raised a warning (see below).";
const HMAC_UNCHECKED: &str = "Everything else checks out, but the token is signed with a shared secret (HMAC), so its signature cannot be checked here.";
const SIGNATURE_PENDING: &str = "Everything else checks out; only the signature is left, and it is checked with your server's public keys.";
const SIGNATURE_UNCHECKED: &str = "Everything else checks out; only the signature is still unchecked, because your server's public keys could not be fetched or used (see below).";
/// When some comparisons were skipped or raised a warning, the headline says only that nothing
/// failed, then what is left ([`ENTER_MISSING`] or [`SEE_WARNINGS`]).
const NOTHING_FAILED_HMAC: &str = "Nothing failed, but the token is signed with a shared secret (HMAC), so its signature cannot be checked here";
const NOTHING_FAILED_PENDING: &str =
    "Nothing has failed so far, and the signature is being checked with your server's public keys";
const NOTHING_FAILED_UNCHECKED: &str = "Nothing failed, but the signature is unchecked, because your server's public keys could not be fetched or used";
const ENTER_MISSING: &str = "{lead}; enter {missing} above to check the rest too.";
const SEE_WARNINGS: &str = "{lead} (see the warnings below).";
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

/// The checks that compare the token with the learner's values: a warning on one of them means
/// the headline may not say "everything checks out".
const COMPARISONS: [&str; 4] = ["iss", "aud", "client_id", "grant"];

/// How much of the token could be compared with the learner's values, when nothing failed.
struct Coverage {
    /// The values still to enter ([`missing_values`]).
    missing: Vec<&'static str>,
    /// A comparison raised a warning.
    doubts: bool,
}

impl Coverage {
    fn of(r: &Report) -> Coverage {
        Coverage {
            missing: missing_values(r),
            doubts: COMPARISONS
                .iter()
                .any(|id| r.finding(id).is_some_and(|f| f.status() == Status::Warn)),
        }
    }

    fn complete(&self) -> bool {
        self.missing.is_empty() && !self.doubts
    }

    /// `lead` (a sentence without its full stop) and what is left to do.
    fn tail(&self, lead: &str) -> String {
        if self.missing.is_empty() {
            fill(SEE_WARNINGS, &[("lead", lead)])
        } else {
            let missing = join_and(&self.missing);
            fill(ENTER_MISSING, &[("lead", lead), ("missing", &missing)])
        }
    }

    /// The headline when nothing failed: `complete` when every comparison was made and passed,
    /// else `lead` with what is left.
    fn headline(&self, complete: &str, lead: &str) -> String {
        if self.complete() {
            complete.to_string()
        } else {
            self.tail(lead)
        }
    }
}

/// The headline when the signature verified (`warned`: with a warning) and nothing failed.
fn passed(r: &Report, cover: &Coverage, warned: bool) -> String {
    if !cover.missing.is_empty() {
        return fill(PASSED_SO_FAR, &[("missing", &join_and(&cover.missing))]);
    }
    if cover.doubts {
        return PASSED_WITH_DOUBTS.to_string();
    }
    if warned {
        return SIGNATURE_WARNED.to_string();
    }
    // A token that names no client cannot be matched with the learner's application.
    let client_known = r
        .finding("client_id")
        .is_none_or(|f| f.status() != Status::Skip);
    let headline = if client_known {
        WELL_DONE
    } else {
        WELL_DONE_NO_CLIENT
    };
    match r
        .findings
        .iter()
        .filter(|f| f.status() == Status::Warn)
        .count()
    {
        0 => headline.to_string(),
        1 => fill(WARNING_BELOW, &[("headline", headline)]),
        n => fill(
            WARNINGS_BELOW,
            &[("headline", headline), ("count", &n.to_string())],
        ),
    }
}

/// The headline when nothing failed but the signature is not verified: a rule with its own
/// headline (the endpoint is missing, the token's issuer is elsewhere) says it; otherwise it
/// depends on the signature's state and on what could be compared.
fn unverified(r: &Report, sig: &Finding, cover: &Coverage) -> String {
    if let Some(headline) = sig.rule.deciding_headline() {
        let missing = match cover.missing.as_slice() {
            [] => "your token endpoint".to_string(),
            values => join_and(values),
        };
        return format!("{}.", fill(headline, &[("missing", &missing)]));
    }
    if hmac(r) {
        cover.headline(HMAC_UNCHECKED, NOTHING_FAILED_HMAC)
    } else if sig.status() == Status::Pending {
        cover.headline(SIGNATURE_PENDING, NOTHING_FAILED_PENDING)
    } else {
        cover.headline(SIGNATURE_UNCHECKED, NOTHING_FAILED_UNCHECKED)
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
    let cover = Coverage::of(r);
    let headline = match r.finding("signature") {
        Some(sig) if sig.status() == Status::Pass => {
            return (Verdict::Pass, passed(r, &cover, false))
        }
        Some(sig) if sig.status() == Status::Warn && !hmac(r) => {
            return (Verdict::Fail, passed(r, &cover, true))
        }
        Some(sig) => unverified(r, sig, &cover),
        None if r
            .finding("token_format")
            .is_some_and(|f| f.status() == Status::Warn) =>
        {
            OPAQUE_TOKEN.to_string()
        }
        None => INCOMPLETE.to_string(),
    };
    (Verdict::Fail, headline)
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
