//! The report's `signature` finding: one function turns what happened while checking the
//! signature into the [`Finding`] with id `"signature"`, so the browser layer only reports events
//! ([`SignatureOutcome`]) and never writes a message itself.
//!
//! Statuses, and why:
//! * [`Status::Pass`] only when WebCrypto verified the signature with the issuer's key
//!   (RFC 7515 §5.2); [`Status::Warn`] when it did but the RSA key is under 2048 bits;
//! * [`Status::Fail`] when the token is refused (`alg: none`, HMAC, no or malformed signature,
//!   RFC 8725 §3.1), when the signature does not match, or when the issuer's own published keys
//!   rule the token out (unknown `kid`, a key of another kind);
//! * [`Status::Skip`] — "could not check", a separate state that asks for the keys — when the keys
//!   could not be had (which step failed is said), when the learner's pasted keys do not fit, or
//!   when the token's issuer is on another host than the endpoint entered;
//! * [`Status::Pending`] while the keys are fetched.

use super::jwks::{host_of, shown, ChosenKey, DiscoveryProblem, KeyProblem, KeySetProblem};
use super::report::{Finding, Status};

/// The finding's stable id (`data-check-id`).
pub const ID: &str = "signature";

const TITLE: &str = "Signature";

/// Where the keys that checked (or failed to check) the token came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeySource {
    /// Fetched from the issuer's `jwks_uri`.
    Fetched { jwks_uri: String },
    /// Pasted by the learner.
    Pasted,
}

impl KeySource {
    fn phrase(&self) -> String {
        match self {
            KeySource::Fetched { jwks_uri } => format!("fetched from {}", shown(jwks_uri)),
            KeySource::Pasted => "the keys you pasted".to_string(),
        }
    }
}

/// Which request was being made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FetchStep {
    /// The discovery document (`…/.well-known/openid-configuration` or the RFC 8414 form).
    Discovery,
    /// The key set at the document's `jwks_uri`.
    Jwks,
}

impl FetchStep {
    fn what(self) -> &'static str {
        match self {
            FetchStep::Discovery => "the discovery document",
            FetchStep::Jwks => "the signing keys",
        }
    }
}

/// How a request failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FetchFailure {
    /// `fetch` itself failed: no network, an unknown host, or a CORS refusal. A page gets the same
    /// opaque error for all of them, so the message names them together.
    Network,
    /// No answer within the widget's time limit.
    Timeout { seconds: u32 },
    /// An HTTP status other than 200.
    Status { code: u16 },
}

/// Why the signature could not be checked: which step failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CouldNotCheck {
    /// There is no token endpoint to look on (none entered, or not an http(s) address): the
    /// widget fetches keys only from the host of the endpoint the learner entered.
    NoEndpoint,
    /// A request failed.
    Fetch {
        step: FetchStep,
        url: String,
        failure: FetchFailure,
    },
    /// The discovery document came, but cannot be used.
    DiscoveryContent {
        url: String,
        problem: DiscoveryProblem,
    },
    /// The token has no `iss`, so the discovery document cannot be matched with it.
    TokenWithoutIssuer,
    /// The token's `iss` is not the document's `issuer` (RFC 8414 §3.3).
    IssuerMismatch {
        token_iss: String,
        document_issuer: String,
        url: String,
    },
    /// The key set came (or was pasted) but is not a key set.
    JwksContent {
        source: KeySource,
        problem: KeySetProblem,
    },
    /// WebCrypto is missing: the page is not a secure context (https or localhost).
    NoWebCrypto,
    /// WebCrypto refused to import the key or to verify (its error name, such as `DataError`).
    WebCrypto { error: String },
}

/// What happened while checking the signature; [`signature_finding`] turns it into the finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignatureOutcome {
    /// A request is under way.
    Checking { step: FetchStep, url: String },
    /// WebCrypto verified the signature with this key.
    Verified { key: ChosenKey, source: KeySource },
    /// No candidate key verified the signature.
    Mismatch {
        kid: Option<String>,
        alg: String,
        /// How many candidate keys were tried.
        tried: usize,
        source: KeySource,
    },
    /// The token's algorithm or signature is refused whatever the keys ([`KeyProblem::is_refusal`]).
    Refused(KeyProblem),
    /// The keys do not hold one that may check this token.
    NoKey {
        problem: KeyProblem,
        source: KeySource,
    },
    /// The token's `iss` is on another host than the endpoint the learner entered: explained, not
    /// followed.
    IssuerElsewhere { iss: String, endpoint_host: String },
    /// The keys could not be had or used.
    CouldNotCheck {
        reason: CouldNotCheck,
        /// The token's `iss`, to say where the keys are.
        iss: Option<String>,
    },
}

impl SignatureOutcome {
    /// The outcome for a [`KeyProblem`] from [`super::jwks::choose_key`]: a refusal of the token,
    /// or keys that do not fit it.
    pub fn from_key_problem(problem: KeyProblem, source: KeySource) -> SignatureOutcome {
        if problem.is_refusal() {
            SignatureOutcome::Refused(problem)
        } else {
            SignatureOutcome::NoKey { problem, source }
        }
    }

    /// The `signature` finding for this outcome.
    pub fn finding(&self) -> Finding {
        signature_finding(self)
    }
}

/// Builds the report's `signature` finding for an outcome.
pub fn signature_finding(outcome: &SignatureOutcome) -> Finding {
    match outcome {
        SignatureOutcome::Checking { step, url } => {
            let detail = match step {
                FetchStep::Discovery => format!(
                    "Looking up where your issuer publishes its signing keys: fetching {} …",
                    shown(url)
                ),
                FetchStep::Jwks => format!("Fetching signing keys from {} …", shown(url)),
            };
            Finding::new(ID, Status::Pending, TITLE, detail)
        }
        SignatureOutcome::Verified { key, source } => verified(key, source),
        SignatureOutcome::Mismatch {
            kid,
            alg,
            tried,
            source,
        } => mismatch(kid.as_deref(), alg, *tried, source),
        SignatureOutcome::Refused(problem) => refused(problem),
        SignatureOutcome::NoKey { problem, source } => no_key(problem, source),
        SignatureOutcome::IssuerElsewhere { iss, endpoint_host } => {
            let iss_host = host_of(iss).unwrap_or_else(|| shown(iss));
            Finding::new(
                ID,
                Status::Skip,
                TITLE,
                format!(
                    "Not checked: the token's issuer (\"iss\": {}) is on {}, but the token \
                     endpoint you entered is on {}. The widget fetches keys only from the host you \
                     entered, so it did not follow the token there.",
                    shown(iss),
                    iss_host,
                    shown(endpoint_host)
                ),
            )
            .with_fix(format!(
                "If this token came from another tenant or server, request a new one from your own \
                 token endpoint. If the issuer is really yours, enter its token endpoint above, or \
                 paste its keys below. {}",
                where_to_find_keys(Some(iss))
            ))
            .with_reference("RFC 8414 §3.3")
        }
        SignatureOutcome::CouldNotCheck { reason, iss } => could_not_check(reason, iss.as_deref()),
    }
}

fn verified(key: &ChosenKey, source: &KeySource) -> Finding {
    let which = match &key.kid {
        Some(kid) => format!("the key \"{}\"", shown(kid)),
        None => "a key without \"kid\"".to_string(),
    };
    let mut detail = format!(
        "The signature holds: checked with {which} ({}), {}.",
        key.alg,
        source.phrase()
    );
    let status = if key.notes.is_empty() {
        Status::Pass
    } else {
        for note in &key.notes {
            detail.push(' ');
            detail.push_str(note);
        }
        Status::Warn
    };
    Finding::new(ID, status, TITLE, detail).with_reference("RFC 7515 §5.2")
}

fn mismatch(kid: Option<&str>, alg: &str, tried: usize, source: &KeySource) -> Finding {
    let keys = match (kid, tried) {
        (Some(kid), _) => format!("the key \"{}\"", shown(kid)),
        (None, 1) => "the one key that fits".to_string(),
        (None, n) => format!("any of the {n} keys that fit"),
    };
    let detail = format!(
        "The signature does not match {keys} ({}, {}). Either the token was changed after it was \
         signed — one changed character in its header or claims is enough — or it was signed by \
         another issuer or tenant than these keys belong to.",
        shown(alg),
        source.phrase()
    );
    let mut fix = "Paste the response exactly as the server sent it (no edits, nothing added to \
                   the token), or request a new token from your own tenant."
        .to_string();
    if *source == KeySource::Pasted {
        fix.push_str(" If the keys you pasted are not your issuer's, paste the right ones.");
    }
    Finding::new(ID, Status::Fail, TITLE, detail)
        .with_fix(fix)
        .with_reference("RFC 7515 §5.2")
}

fn refused(problem: &KeyProblem) -> Finding {
    let (status, reference) = match problem {
        KeyProblem::AlgNone { .. } | KeyProblem::Hmac { .. } => (Status::Fail, "RFC 8725 §3.1"),
        // The token may be fine; this widget just cannot check it.
        KeyProblem::UnsupportedAlg { .. } => (Status::Skip, "RFC 8725 §3.1"),
        _ => (Status::Fail, "RFC 7515 §5.2"),
    };
    let finding = Finding::new(ID, status, TITLE, problem.message()).with_reference(reference);
    match problem.fix() {
        Some(fix) => finding.with_fix(fix),
        None => finding,
    }
}

fn no_key(problem: &KeyProblem, source: &KeySource) -> Finding {
    let detail = problem.message();
    match source {
        KeySource::Pasted => Finding::new(ID, Status::Skip, TITLE, detail)
            .with_fix(format!(
                "Paste the key set of the issuer that made this token. {}",
                where_to_find_keys(None)
            ))
            .with_reference("RFC 7517 §4.5"),
        KeySource::Fetched { .. } => match problem {
            // The issuer's keys exist but the widget cannot use them: not the token's fault.
            KeyProblem::KidUnusable { .. } | KeyProblem::NoUsableKeys { .. } => {
                Finding::new(ID, Status::Skip, TITLE, detail).with_reference("RFC 7517 §4.5")
            }
            KeyProblem::UnknownKid { .. } => Finding::new(ID, Status::Fail, TITLE, detail)
                .with_fix(
                    "Request a new token from your own tenant and paste the new response. If it \
                     still names an unknown key, check that the token endpoint above is your \
                     tenant's.",
                )
                .with_reference("RFC 7517 §4.5"),
            _ => Finding::new(ID, Status::Fail, TITLE, detail)
                .with_fix(
                    "Request a new token from your own tenant and paste the response as it is.",
                )
                .with_reference("RFC 7517 §4.5"),
        },
    }
}

fn could_not_check(reason: &CouldNotCheck, iss: Option<&str>) -> Finding {
    let (detail, reference) = match reason {
        CouldNotCheck::Fetch { step, url, failure } => {
            let what = step.what();
            let url = shown(url);
            let detail = match failure {
                FetchFailure::Network => format!(
                    "Could not check: fetching {what} from {url} failed. Either the network \
                     failed, or the server does not let other web pages read it (CORS); a page \
                     cannot tell these two apart."
                ),
                FetchFailure::Timeout { seconds } => format!(
                    "Could not check: {url} did not answer within {seconds} seconds while fetching \
                     {what}."
                ),
                FetchFailure::Status { code: 404 } => format!(
                    "Could not check: {url} answered 404 Not Found while fetching {what}: there is \
                     nothing at that address."
                ),
                FetchFailure::Status { code } => format!(
                    "Could not check: {url} answered with HTTP status {code} instead of {what}."
                ),
            };
            let reference = match step {
                FetchStep::Discovery => "RFC 8414 §3",
                FetchStep::Jwks => "RFC 7517 §5",
            };
            (detail, reference)
        }
        CouldNotCheck::DiscoveryContent { url, problem } => (
            format!(
                "Could not check: the discovery document from {} cannot be used. {}",
                shown(url),
                problem.message()
            ),
            "RFC 8414 §3.2",
        ),
        CouldNotCheck::NoEndpoint => (
            "Could not check: the widget looks for the signing keys on the host of your token \
             endpoint, and there is no usable token endpoint above yet."
                .to_string(),
            "RFC 8414 §3",
        ),
        CouldNotCheck::TokenWithoutIssuer => (
            "Could not check: the token has no \"iss\" claim, so there is no way to confirm that \
             the keys found belong to the server that issued it."
                .to_string(),
            "RFC 8414 §3.3",
        ),
        CouldNotCheck::IssuerMismatch {
            token_iss,
            document_issuer,
            url,
        } => (
            format!(
                "Could not check: the token's issuer (\"iss\": {}) is not the issuer named by the \
                 discovery document at {} ({}). Keys are trusted only for their own issuer, so \
                 they were not used. Is the token from another tenant, or is the endpoint above \
                 not the one that issued it?",
                shown(token_iss),
                shown(url),
                shown(document_issuer)
            ),
            "RFC 8414 §3.3",
        ),
        CouldNotCheck::JwksContent { source, problem } => {
            let from = match source {
                KeySource::Fetched { jwks_uri } => format!("fetched from {}", shown(jwks_uri)),
                KeySource::Pasted => "you pasted".to_string(),
            };
            (
                format!(
                    "Could not check: the keys {from} cannot be read. {}",
                    problem.message()
                ),
                "RFC 7517 §5",
            )
        }
        CouldNotCheck::NoWebCrypto => (
            "Could not check: this page cannot use the browser's cryptography (WebCrypto), which \
             only works on https pages and on localhost."
                .to_string(),
            "RFC 7515 §5.2",
        ),
        CouldNotCheck::WebCrypto { error } => (
            format!(
                "Could not check: the browser refused the key or the check ({}).",
                shown(error)
            ),
            "RFC 7517",
        ),
    };
    let fix = match reason {
        CouldNotCheck::NoWebCrypto => {
            "Open the exercise over https (or on localhost) to check the signature.".to_string()
        }
        _ => format!(
            "To check the signature anyway, paste your issuer's keys below. {}",
            where_to_find_keys(iss)
        ),
    };
    Finding::new(ID, Status::Skip, TITLE, detail)
        .with_fix(fix)
        .with_reference(reference)
}

/// Where the learner finds the keys to paste: for Auth0 `https://<domain>/.well-known/jwks.json`;
/// in general the `jwks_uri` of `<issuer>/.well-known/openid-configuration` (OpenID Connect
/// Discovery 1.0 §4), which is the address RFC 8414 §3 also documents.
pub fn where_to_find_keys(iss: Option<&str>) -> String {
    let iss = iss.filter(|i| host_of(i).is_some());
    match iss {
        Some(iss) => {
            // Auth0's keys are at one known address: that comes first, in one step.
            if let Some(host) = host_of(iss).filter(|h| h.ends_with(".auth0.com")) {
                return format!(
                    "Open https://{host}/.well-known/jwks.json in a new tab and copy the whole \
                     JSON."
                );
            }
            let base = iss.strip_suffix('/').unwrap_or(iss);
            format!(
                "Open {}/.well-known/openid-configuration, find its \"jwks_uri\", open that \
                 address and copy the whole JSON.",
                shown(base)
            )
        }
        None => "The keys are at the \"jwks_uri\" of your issuer's \
                 <issuer>/.well-known/openid-configuration; for Auth0 that is \
                 https://<your-domain>/.well-known/jwks.json. Copy the whole JSON."
            .to_string(),
    }
}
