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
use super::rule::{fill, Rule};

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
            KeySource::Fetched { jwks_uri } => fill(FETCHED_FROM, &[("url", &shown(jwks_uri))]),
            KeySource::Pasted => THE_KEYS_YOU_PASTED.to_string(),
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

// ---------------------------------------------------------------------------------------------
// The rules

/// The base of every `signature` rule.
pub(crate) const SIGNATURE: Rule = Rule {
    check: ID,
    status: Status::Fail,
    title: TITLE,
    reference: "RFC 7515 §5.2",
    headline: "The signature check failed (see below for why)",
    ..Rule::BLANK
};

static FETCHING_DISCOVERY: Rule = Rule {
    key: "signature.fetching_discovery",
    status: Status::Pending,
    detail: "Looking up where your issuer publishes its signing keys: fetching {url} …",
    reference: "",
    ..SIGNATURE
};
static FETCHING_KEYS: Rule = Rule {
    key: "signature.fetching_keys",
    status: Status::Pending,
    detail: "Fetching signing keys from {url} …",
    reference: "",
    ..SIGNATURE
};
static VERIFIED: Rule = Rule {
    key: "signature.verified",
    status: Status::Pass,
    detail: "The signature holds: checked with {key} ({alg}), {source}.{notes}",
    ..SIGNATURE
};
static VERIFIED_WITH_NOTES: Rule = Rule {
    key: "signature.verified_weak_key",
    status: Status::Warn,
    ..VERIFIED
};
const THE_KEY: &str = "the key \"{kid}\"";
const KEY_WITHOUT_KID: &str = "a key without \"kid\"";
const FETCHED_FROM: &str = "fetched from {url}";
const THE_KEYS_YOU_PASTED: &str = "the keys you pasted";

static MISMATCH: Rule = Rule {
    key: "signature.mismatch",
    detail: "The signature does not match {keys} ({alg}, {source}). \
             Either the token was changed after it was signed — one changed character in its header or claims is enough — or it was signed by another issuer or tenant than these keys belong to.",
    fix: "Paste the response exactly as the server sent it (no edits, nothing added to the token), or request a new token from your own tenant.",
    ..SIGNATURE
};
static MISMATCH_PASTED: Rule = Rule {
    key: "signature.mismatch_pasted_keys",
    fix: "Paste the response exactly as the server sent it (no edits, nothing added to the token), or request a new token from your own tenant. \
          If the keys you pasted are not your issuer's, paste the right ones.",
    ..MISMATCH
};
const THE_ONE_KEY: &str = "the one key that fits";
const ANY_OF_THE_KEYS: &str = "any of the {count} keys that fit";

/// The token is refused whatever the keys (RFC 8725 §3.1).
const REFUSED: Rule = Rule {
    detail: "{problem}",
    reference: "RFC 8725 §3.1",
    ..SIGNATURE
};
static ALG_NONE: Rule = Rule {
    key: "signature.alg_none",
    fix: SIGNED_FIX,
    ..REFUSED
};
static HMAC: Rule = Rule {
    key: "signature.hmac",
    fix: "In Auth0, an API's Settings tab chooses its signing algorithm: choose RS256, save, and request a new token. \
          Never paste the HMAC secret anywhere.",
    ..REFUSED
};
static UNSUPPORTED_ALG: Rule = Rule {
    key: "signature.unsupported_alg",
    status: Status::Skip,
    headline: "",
    ..REFUSED
};
static EMPTY_SIGNATURE: Rule = Rule {
    key: "signature.empty",
    fix: SIGNED_FIX,
    reference: "RFC 7515 §5.2",
    ..REFUSED
};
static SIGNATURE_LENGTH: Rule = Rule {
    key: "signature.length",
    fix: "Paste the response exactly as the server sent it; if it is unchanged, the server signs in a form JWTs do not allow.",
    reference: "RFC 7515 §5.2",
    ..REFUSED
};
const SIGNED_FIX: &str = "Paste the whole response exactly as your authorization server sent it; a real access token is signed.";

/// The keys do not hold one that may check this token (RFC 7517 §4.5).
const NO_KEY: Rule = Rule {
    detail: "{problem}",
    reference: "RFC 7517 §4.5",
    ..SIGNATURE
};
static PASTED_KEYS_UNFIT: Rule = Rule {
    key: "signature.pasted_keys_unfit",
    status: Status::Skip,
    headline: "",
    fix: "Paste the key set of the issuer that made this token. \
          {where}",
    ..NO_KEY
};
static ISSUER_KEYS_UNUSABLE: Rule = Rule {
    key: "signature.issuer_keys_unusable",
    status: Status::Skip,
    headline: "",
    ..NO_KEY
};
static UNKNOWN_KID: Rule = Rule {
    key: "signature.unknown_kid",
    fix: "Request a new token from your own tenant and paste the new response. \
          If it still names an unknown key, check that the token endpoint above is your tenant's.",
    ..NO_KEY
};
static KEY_DOES_NOT_FIT: Rule = Rule {
    key: "signature.key_does_not_fit",
    fix: "Request a new token from your own tenant and paste the response as it is.",
    ..NO_KEY
};

static ISSUER_ELSEWHERE: Rule = Rule {
    key: "signature.issuer_elsewhere",
    status: Status::Skip,
    detail: "Not checked: the token's issuer (\"iss\": {iss}) is on {iss_host}, but the token endpoint you entered is on {endpoint_host}. \
             The widget fetches keys from the host you entered (and from the hosts its provider pairs with it), so it did not follow the token there on its own.",
    fix: "If this token came from another tenant or server, request a new one from your own token endpoint. \
          If the issuer is really yours, enter its token endpoint above, check with the keys its host publishes (the button below names the host), or paste its keys below. \
          {where}",
    reference: "RFC 8414 §3.3",
    headline: "This token comes from another issuer than the token endpoint you entered, so its signature was not checked (see below)",
    ..SIGNATURE
};

/// Whether the finding says the token's issuer is on another host that was not followed (the
/// page then offers to check with that host's keys).
pub fn names_another_host(f: &Finding) -> bool {
    std::ptr::eq(f.rule, &ISSUER_ELSEWHERE)
}

/// The keys could not be had or used: the learner may paste them.
const COULD_NOT: Rule = Rule {
    status: Status::Skip,
    headline: "",
    fix: "To check the signature anyway, paste your issuer's keys below. \
          {where}",
    ..SIGNATURE
};
const DISCOVERY_FETCH: Rule = Rule {
    reference: "RFC 8414 §3",
    ..COULD_NOT
};
const JWKS_FETCH: Rule = Rule {
    reference: "RFC 7517 §5",
    ..COULD_NOT
};
const NETWORK: &str = "Could not check: fetching {what} from {url} failed. \
    The network failed, the server does not let other web pages read it (CORS), or the lesson page's Content Security Policy does not allow the address (its connect-src); a page cannot tell these apart.";
const TIMEOUT: &str =
    "Could not check: {url} did not answer within {seconds} seconds while fetching {what}.";
const NOT_FOUND: &str = "Could not check: {url} answered 404 Not Found while fetching {what}: there is nothing at that address.";
const STATUS: &str = "Could not check: {url} answered with HTTP status {code} instead of {what}.";
static DISCOVERY_NETWORK: Rule = Rule {
    key: "signature.discovery.network",
    detail: NETWORK,
    ..DISCOVERY_FETCH
};
static DISCOVERY_TIMEOUT: Rule = Rule {
    key: "signature.discovery.timeout",
    detail: TIMEOUT,
    ..DISCOVERY_FETCH
};
static DISCOVERY_NOT_FOUND: Rule = Rule {
    key: "signature.discovery.not_found",
    detail: NOT_FOUND,
    ..DISCOVERY_FETCH
};
static DISCOVERY_STATUS: Rule = Rule {
    key: "signature.discovery.status",
    detail: STATUS,
    ..DISCOVERY_FETCH
};
static JWKS_NETWORK: Rule = Rule {
    key: "signature.jwks.network",
    detail: NETWORK,
    ..JWKS_FETCH
};
static JWKS_TIMEOUT: Rule = Rule {
    key: "signature.jwks.timeout",
    detail: TIMEOUT,
    ..JWKS_FETCH
};
static JWKS_NOT_FOUND: Rule = Rule {
    key: "signature.jwks.not_found",
    detail: NOT_FOUND,
    ..JWKS_FETCH
};
static JWKS_STATUS: Rule = Rule {
    key: "signature.jwks.status",
    detail: STATUS,
    ..JWKS_FETCH
};
static DISCOVERY_UNUSABLE: Rule = Rule {
    key: "signature.discovery.unusable",
    detail: "Could not check: the discovery document from {url} cannot be used. \
             {problem}",
    reference: "RFC 8414 §3.2",
    ..COULD_NOT
};
static NO_ENDPOINT: Rule = Rule {
    key: "signature.no_endpoint",
    detail: "Could not check: the widget looks for the signing keys on the host of your token endpoint, and there is no usable token endpoint above yet.",
    reference: "RFC 8414 §3",
    headline: "Nothing failed, but the token has not been compared with your application yet: enter {missing} above to check it, signature included",
    ..COULD_NOT
};
static TOKEN_WITHOUT_ISSUER: Rule = Rule {
    key: "signature.token_without_issuer",
    detail: "Could not check: the token has no \"iss\" claim, so there is no way to confirm that the keys found belong to the server that issued it.",
    reference: "RFC 8414 §3.3",
    ..COULD_NOT
};
static ISSUER_MISMATCH: Rule = Rule {
    key: "signature.discovery.other_issuer",
    detail: "Could not check: the token's issuer (\"iss\": {iss}) is not the issuer named by the discovery document at {url} ({issuer}). \
             Keys are trusted only for their own issuer, so they were not used. \
             Is the token from another tenant, or is the endpoint above not the one that issued it?",
    reference: "RFC 8414 §3.3",
    ..COULD_NOT
};
static KEYS_UNREADABLE: Rule = Rule {
    key: "signature.keys_unreadable",
    detail: "Could not check: the keys {from} cannot be read. \
             {problem}",
    reference: "RFC 7517 §5",
    ..COULD_NOT
};
const YOU_PASTED: &str = "you pasted";
static NO_WEBCRYPTO: Rule = Rule {
    key: "signature.no_webcrypto",
    detail: "Could not check: this page cannot use the browser's cryptography (WebCrypto), which only works on https pages and on localhost.",
    fix: "Open the exercise over https (or on localhost) to check the signature.",
    ..COULD_NOT
};
static WEBCRYPTO_REFUSED: Rule = Rule {
    key: "signature.webcrypto_refused",
    detail: "Could not check: the browser refused the key or the check ({error}).",
    reference: "RFC 7517",
    ..COULD_NOT
};

// ---------------------------------------------------------------------------------------------
// Outcome → finding

/// Builds the report's `signature` finding for an outcome.
pub fn signature_finding(outcome: &SignatureOutcome) -> Finding {
    match outcome {
        SignatureOutcome::Checking { step, url } => {
            let rule = match step {
                FetchStep::Discovery => &FETCHING_DISCOVERY,
                FetchStep::Jwks => &FETCHING_KEYS,
            };
            rule.with(&[("url", &shown(url))])
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
            ISSUER_ELSEWHERE.with(&[
                ("iss", &shown(iss)),
                ("iss_host", &iss_host),
                ("endpoint_host", &shown(endpoint_host)),
                ("where", &where_to_find_keys(Some(iss))),
            ])
        }
        SignatureOutcome::CouldNotCheck { reason, iss } => could_not_check(reason, iss.as_deref()),
    }
}

fn verified(key: &ChosenKey, source: &KeySource) -> Finding {
    let which = match &key.kid {
        Some(kid) => fill(THE_KEY, &[("kid", &shown(kid))]),
        None => KEY_WITHOUT_KID.to_string(),
    };
    let notes: String = key.notes.iter().map(|n| format!(" {n}")).collect();
    let rule = if key.notes.is_empty() {
        &VERIFIED
    } else {
        &VERIFIED_WITH_NOTES
    };
    rule.with(&[
        ("key", &which),
        ("alg", &key.alg),
        ("source", &source.phrase()),
        ("notes", &notes),
    ])
}

fn mismatch(kid: Option<&str>, alg: &str, tried: usize, source: &KeySource) -> Finding {
    let keys = match (kid, tried) {
        (Some(kid), _) => fill(THE_KEY, &[("kid", &shown(kid))]),
        (None, 1) => THE_ONE_KEY.to_string(),
        (None, n) => fill(ANY_OF_THE_KEYS, &[("count", &n.to_string())]),
    };
    let rule = if *source == KeySource::Pasted {
        &MISMATCH_PASTED
    } else {
        &MISMATCH
    };
    rule.with(&[
        ("keys", &keys),
        ("alg", &shown(alg)),
        ("source", &source.phrase()),
    ])
}

fn refused(problem: &KeyProblem) -> Finding {
    let rule = match problem {
        KeyProblem::AlgNone { .. } => &ALG_NONE,
        KeyProblem::Hmac { .. } => &HMAC,
        // The token may be fine; this widget just cannot check it.
        KeyProblem::UnsupportedAlg { .. } => &UNSUPPORTED_ALG,
        KeyProblem::EmptySignature => &EMPTY_SIGNATURE,
        KeyProblem::SignatureLength { .. } => &SIGNATURE_LENGTH,
        // Not a refusal (`SignatureOutcome::from_key_problem` never builds one): the keys do
        // not fit the token.
        _ => &KEY_DOES_NOT_FIT,
    };
    rule.with(&[("problem", &problem.message())])
}

fn no_key(problem: &KeyProblem, source: &KeySource) -> Finding {
    let detail = problem.message();
    let rule = match (source, problem) {
        (KeySource::Pasted, _) => {
            return PASTED_KEYS_UNFIT
                .with(&[("problem", &detail), ("where", &where_to_find_keys(None))]);
        }
        // The issuer's keys exist but the widget cannot use them: not the token's fault.
        (_, KeyProblem::KidUnusable { .. } | KeyProblem::NoUsableKeys { .. }) => {
            &ISSUER_KEYS_UNUSABLE
        }
        (_, KeyProblem::UnknownKid { .. }) => &UNKNOWN_KID,
        _ => &KEY_DOES_NOT_FIT,
    };
    rule.with(&[("problem", &detail)])
}

/// The rule for a failed request, by step and failure, and its arguments.
fn fetch_failed(
    step: FetchStep,
    url: &str,
    failure: &FetchFailure,
) -> (&'static Rule, Vec<(&'static str, String)>) {
    let discovery = step == FetchStep::Discovery;
    let mut args = vec![("what", step.what().to_string()), ("url", shown(url))];
    let rule = match failure {
        FetchFailure::Network if discovery => &DISCOVERY_NETWORK,
        FetchFailure::Network => &JWKS_NETWORK,
        FetchFailure::Timeout { seconds } => {
            args.push(("seconds", seconds.to_string()));
            if discovery {
                &DISCOVERY_TIMEOUT
            } else {
                &JWKS_TIMEOUT
            }
        }
        FetchFailure::Status { code: 404 } if discovery => &DISCOVERY_NOT_FOUND,
        FetchFailure::Status { code: 404 } => &JWKS_NOT_FOUND,
        FetchFailure::Status { code } => {
            args.push(("code", code.to_string()));
            if discovery {
                &DISCOVERY_STATUS
            } else {
                &JWKS_STATUS
            }
        }
    };
    (rule, args)
}

fn could_not_check(reason: &CouldNotCheck, iss: Option<&str>) -> Finding {
    let (rule, mut args): (&'static Rule, Vec<(&'static str, String)>) = match reason {
        CouldNotCheck::Fetch { step, url, failure } => fetch_failed(*step, url, failure),
        CouldNotCheck::DiscoveryContent { url, problem } => (
            &DISCOVERY_UNUSABLE,
            vec![("url", shown(url)), ("problem", problem.message())],
        ),
        CouldNotCheck::NoEndpoint => (&NO_ENDPOINT, Vec::new()),
        CouldNotCheck::TokenWithoutIssuer => (&TOKEN_WITHOUT_ISSUER, Vec::new()),
        CouldNotCheck::IssuerMismatch {
            token_iss,
            document_issuer,
            url,
        } => (
            &ISSUER_MISMATCH,
            vec![
                ("iss", shown(token_iss)),
                ("url", shown(url)),
                ("issuer", shown(document_issuer)),
            ],
        ),
        CouldNotCheck::JwksContent { source, problem } => {
            let from = match source {
                KeySource::Fetched { jwks_uri } => fill(FETCHED_FROM, &[("url", &shown(jwks_uri))]),
                KeySource::Pasted => YOU_PASTED.to_string(),
            };
            (
                &KEYS_UNREADABLE,
                vec![("from", from), ("problem", problem.message())],
            )
        }
        CouldNotCheck::NoWebCrypto => (&NO_WEBCRYPTO, Vec::new()),
        CouldNotCheck::WebCrypto { error } => (&WEBCRYPTO_REFUSED, vec![("error", shown(error))]),
    };
    if !matches!(reason, CouldNotCheck::NoWebCrypto) {
        args.push(("where", where_to_find_keys(iss)));
    }
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    rule.with(&args)
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
                                        "Open https://{host}/.well-known/jwks.json in a new tab and copy the whole JSON."
                );
            }
            let base = iss.strip_suffix('/').unwrap_or(iss);
            format!(
                                "Open {}/.well-known/openid-configuration, find its \"jwks_uri\", open that address and copy the whole JSON.",
                shown(base)
            )
        }
                None => "The keys are at the \"jwks_uri\" of your issuer's <issuer>/.well-known/openid-configuration; for Auth0 that is https://<your-domain>/.well-known/jwks.json. \
                 Copy the whole JSON."
            .to_string(),
    }
}

/// Every rule of this module, for the catalog (`crate::core::check::catalog`).
pub(crate) const RULES: &[&Rule] = &[
    &FETCHING_DISCOVERY,
    &FETCHING_KEYS,
    &VERIFIED,
    &VERIFIED_WITH_NOTES,
    &MISMATCH,
    &MISMATCH_PASTED,
    &ALG_NONE,
    &HMAC,
    &UNSUPPORTED_ALG,
    &EMPTY_SIGNATURE,
    &SIGNATURE_LENGTH,
    &PASTED_KEYS_UNFIT,
    &ISSUER_KEYS_UNUSABLE,
    &UNKNOWN_KID,
    &KEY_DOES_NOT_FIT,
    &ISSUER_ELSEWHERE,
    &DISCOVERY_NETWORK,
    &DISCOVERY_TIMEOUT,
    &DISCOVERY_NOT_FOUND,
    &DISCOVERY_STATUS,
    &JWKS_NETWORK,
    &JWKS_TIMEOUT,
    &JWKS_NOT_FOUND,
    &JWKS_STATUS,
    &DISCOVERY_UNUSABLE,
    &NO_ENDPOINT,
    &TOKEN_WITHOUT_ISSUER,
    &ISSUER_MISMATCH,
    &KEYS_UNREADABLE,
    &NO_WEBCRYPTO,
    &WEBCRYPTO_REFUSED,
];
