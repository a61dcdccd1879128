//! What a check returns: one verdict, one headline, and every finding (not only the first).
//!
//! The UI renders these as they are; the element contract for hosts and tests is
//! `data-verdict` = [`Verdict::as_str`] on the widget root, and one element per [`Finding`] with
//! `data-check-id` = [`Finding::id`] and `data-status` = [`Status::as_str`].

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
}

/// One check and what it found. All texts are plain text (never HTML); they may quote the paste.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Stable identifier, for `data-check-id` (for example `"json"`, `"token_type"`, `"aud"`).
    pub id: &'static str,
    pub status: Status,
    /// Short name of the check, for example "Audience (aud)".
    pub title: String,
    /// What was found, in a sentence or two.
    pub detail: String,
    /// What to do about it, when something is to be done.
    pub fix: Option<String>,
    /// The standard or provider documentation behind the rule, for example "RFC 6749 §5.1".
    pub reference: Option<&'static str>,
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
    /// A finding without fix or reference; add them with [`Finding::with_fix`] and
    /// [`Finding::with_reference`].
    pub fn new(
        id: &'static str,
        status: Status,
        title: impl Into<String>,
        detail: impl Into<String>,
    ) -> Finding {
        Finding {
            id,
            status,
            title: title.into(),
            detail: detail.into(),
            fix: None,
            reference: None,
        }
    }

    pub fn with_fix(mut self, fix: impl Into<String>) -> Finding {
        self.fix = Some(fix.into());
        self
    }

    pub fn with_reference(mut self, reference: &'static str) -> Finding {
        self.reference = Some(reference);
        self
    }
}

impl Report {
    /// The finding with this id, if the check produced one.
    pub fn finding(&self, id: &str) -> Option<&Finding> {
        self.findings.iter().find(|f| f.id == id)
    }

    /// The findings that failed, in report order.
    pub fn failures(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.status == Status::Fail)
    }
}
