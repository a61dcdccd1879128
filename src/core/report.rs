//! What a check returns: one verdict, one headline, and every finding (not only the first).
//!
//! The UI renders these as they are; the element contract for hosts and tests is
//! `data-verdict` = [`Verdict::as_str`] on the widget root, and one element per [`Finding`] with
//! `data-check-id` = [`Finding::id`], `data-rule` = the rule's key and `data-status` =
//! [`Status::as_str`].

use super::rule::Rule;

/// The overall outcome of a check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A client-credentials token response whose every check holds, signature included.
    Pass,
    /// Anything else that is not an error response: a wrong paste, a broken JSON, a wrong token,
    /// or a signature that could not be checked yet.
    Fail,
    /// The server answered with an RFC 6749 §5.2 error response.
    ErrorResponse,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::ErrorResponse => "error-response",
        }
    }

    /// The verdict named by [`Verdict::as_str`].
    pub fn from_name(name: &str) -> Option<Verdict> {
        [Verdict::Pass, Verdict::Fail, Verdict::ErrorResponse]
            .into_iter()
            .find(|v| v.as_str() == name)
    }
}

/// The status of one check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Pass,
    Fail,
    Warn,
    /// Not applicable or not possible with what the learner gave (says why in `detail`).
    Skip,
    /// Information only (for example, unknown members listed).
    Info,
    /// Waiting for something asynchronous (the signature check while keys are fetched).
    Pending,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Warn => "warn",
            Status::Skip => "skip",
            Status::Info => "info",
            Status::Pending => "pending",
        }
    }

    /// The status named by [`Status::as_str`].
    pub fn from_name(name: &str) -> Option<Status> {
        [
            Status::Pass,
            Status::Fail,
            Status::Warn,
            Status::Skip,
            Status::Info,
            Status::Pending,
        ]
        .into_iter()
        .find(|s| s.as_str() == name)
    }
}

/// One check and what it found: the [`Rule`] that fired, and its texts with the paste's values
/// filled in. All texts are plain text with code spans (never HTML); they may quote the paste.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The rule that produced it: key (`data-rule`), check id, status, title, reference, headline.
    pub rule: &'static Rule,
    /// What was found, in a sentence or two.
    pub detail: String,
    /// What to do about it, when something is to be done.
    pub fix: Option<String>,
}

/// One row of the decoded header or claims table.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimRow {
    pub name: String,
    /// The value as compact JSON text (strings without their quotes).
    pub value: String,
    /// What this claim means, in plain language ("" when unknown).
    pub meaning: String,
    /// For time claims (`exp`, `iat`, `nbf`, `auth_time`): the Unix time, so the UI can add the
    /// learner's local time.
    pub unix_time: Option<i64>,
}

/// What the browser layer needs to verify a JWS signature with WebCrypto.
#[derive(Clone, Debug, PartialEq)]
pub struct SignatureInput {
    /// The `alg` from the header, as written.
    pub alg: String,
    pub kid: Option<String>,
    /// `BASE64URL(header) || '.' || BASE64URL(payload)`, the bytes that were signed.
    pub signing_input: String,
    /// The decoded signature bytes.
    pub signature: Vec<u8>,
    /// The token's `iss`, when it has one as a string.
    pub iss: Option<String>,
}

/// A decoded JWT access token.
#[derive(Clone, Debug, PartialEq)]
pub struct DecodedToken {
    pub header: Vec<ClaimRow>,
    pub claims: Vec<ClaimRow>,
}

/// The result of [`crate::core::check::check`].
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub verdict: Verdict,
    /// One sentence that sums the verdict up.
    pub headline: String,
    /// What extraction set aside before parsing ("an HTTP status line and 6 headers", ...).
    pub set_aside: Vec<String>,
    pub findings: Vec<Finding>,
    /// The decoded token, when the paste held a JWT.
    pub token: Option<DecodedToken>,
    /// Present when a JWT signature is to be verified by the browser layer.
    pub signature: Option<SignatureInput>,
}

impl Finding {
    /// The check's stable id, for `data-check-id` (for example `"json"`, `"token_type"`, `"aud"`).
    pub fn id(&self) -> &'static str {
        self.rule.check
    }

    pub fn status(&self) -> Status {
        self.rule.status
    }

    /// Short name of the check, for example "Audience (aud)".
    pub fn title(&self) -> &'static str {
        self.rule.title
    }

    /// The standard or provider documentation behind the rule, for example "RFC 6749 §5.1".
    pub fn reference(&self) -> Option<&'static str> {
        (!self.rule.reference.is_empty()).then_some(self.rule.reference)
    }
}

impl Report {
    /// The finding with this id, if the check produced one.
    pub fn finding(&self, id: &str) -> Option<&Finding> {
        self.findings.iter().find(|f| f.id() == id)
    }

    /// The findings that failed, in report order.
    pub fn failures(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.status() == Status::Fail)
    }
}

/// The address of a finding's reference, when it is a standard with a stable one: an RFC (with
/// its section), OpenID Connect Core, or Microsoft's list of Entra error codes. Provider guides
/// move too often to link to; they stay text.
pub fn reference_url(reference: &str) -> Option<String> {
    if let Some(rest) = reference.strip_prefix("RFC ") {
        let (number, section) = match rest.split_once(" §") {
            Some((n, s)) => (n, Some(s)),
            None => (rest, None),
        };
        let number_ok =
            !number.is_empty() && number.len() <= 5 && number.bytes().all(|b| b.is_ascii_digit());
        let section_ok = section
            .is_none_or(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
        if !(number_ok && section_ok) {
            return None;
        }
        let anchor = section.map(|s| format!("#section-{s}")).unwrap_or_default();
        return Some(format!(
            "https://www.rfc-editor.org/rfc/rfc{number}{anchor}"
        ));
    }
    if reference.starts_with("OpenID Connect Core") {
        return Some("https://openid.net/specs/openid-connect-core-1_0.html".to_string());
    }
    if reference.starts_with("Microsoft Entra: AADSTS") {
        return Some(
            "https://learn.microsoft.com/en-us/entra/identity-platform/reference-error-codes"
                .to_string(),
        );
    }
    None
}

#[cfg(test)]
mod reference_tests {
    use super::reference_url;

    #[test]
    fn standards_link_to_their_section() {
        assert_eq!(
            reference_url("RFC 6749 §4.4.3").as_deref(),
            Some("https://www.rfc-editor.org/rfc/rfc6749#section-4.4.3")
        );
        assert_eq!(
            reference_url("RFC 8259").as_deref(),
            Some("https://www.rfc-editor.org/rfc/rfc8259")
        );
        assert_eq!(reference_url("Auth0: access tokens"), None);
        assert_eq!(reference_url("RFC x §1"), None);
    }
}
