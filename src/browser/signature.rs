//! The signature step of a check: discovery → JWKS → key choice → WebCrypto. The pure core
//! decides everything (which URLs, which key, what each outcome means); this only sequences the
//! requests and reports [`SignatureOutcome`]s.

use crate::core::jwks::{
    choose_key, parse_discovery, parse_key_set, same_issuer, Discovery, DiscoveryProblem, KeySet,
    KeySetProblem,
};
use crate::core::keyhosts::{self, Plan};
use crate::core::report::SignatureInput;
use crate::core::signature::{CouldNotCheck, FetchFailure, FetchStep, KeySource, SignatureOutcome};

use super::crypto::{self, VerifyError};
use super::fetch::{self, FetchError};

fn failure(err: &FetchError) -> FetchFailure {
    match err {
        FetchError::Network | FetchError::TooLarge => FetchFailure::Network,
        FetchError::Timeout => FetchFailure::Timeout {
            seconds: (fetch::TIMEOUT_MS / 1000) as u32,
        },
        FetchError::Status(code) => FetchFailure::Status { code: *code },
    }
}

fn could_not(reason: CouldNotCheck, sig: &SignatureInput) -> SignatureOutcome {
    SignatureOutcome::CouldNotCheck {
        reason,
        iss: sig.iss.clone(),
    }
}

/// The discovery document on `host`: the first candidate URL whose usable document names the
/// token's issuer `iss`; failing that, the first usable document (its issuer is then reported as
/// another one), or why none was usable. Entra publishes two documents on one host, one per
/// issuer form, so a usable document of the other form does not end the search.
async fn discover(
    candidates: &[String],
    host: &str,
    iss: &str,
    progress: &impl Fn(SignatureOutcome),
) -> Result<(Discovery, String), CouldNotCheck> {
    let mut usable = None;
    let mut last = None;
    for url in candidates.iter().cloned() {
        progress(SignatureOutcome::Checking {
            step: FetchStep::Discovery,
            url: url.clone(),
        });
        match fetch::get_text(&url).await {
            Ok(text) => match parse_discovery(&text, host) {
                Ok(doc) if same_issuer(iss, &doc.issuer) => return Ok((doc, url)),
                Ok(doc) => {
                    usable.get_or_insert((doc, url));
                }
                Err(problem) => last = Some(CouldNotCheck::DiscoveryContent { url, problem }),
            },
            Err(FetchError::TooLarge) => {
                let problem = DiscoveryProblem::TooLarge {
                    bytes: fetch::MAX_BODY_BYTES,
                };
                last = Some(CouldNotCheck::DiscoveryContent { url, problem });
            }
            Err(err) => {
                let stop = err == FetchError::Timeout;
                last = Some(CouldNotCheck::Fetch {
                    step: FetchStep::Discovery,
                    url,
                    failure: failure(&err),
                });
                // A timeout would only repeat for the other forms on the same host.
                if stop {
                    break;
                }
            }
        }
    }
    usable.ok_or(last.unwrap_or(CouldNotCheck::TokenWithoutIssuer))
}

/// Fetches the issuer's keys and verifies: on the host of the endpoint the learner entered
/// (`endpoint_url`, its discovery document looked for at `candidates`), on the issuer's host
/// when the provider pairs the two, or on `trust_host` when the learner chose to trust the host
/// the token names (`core::keyhosts`). `progress` is told each request as it starts. Returns
/// the outcome and, when the discovery document was read on a host that speaks for the
/// learner's server, the issuer it publishes (the checker compares `iss` with it).
pub async fn verify_from_issuer(
    sig: &SignatureInput,
    endpoint_url: &str,
    candidates: &[String],
    trust_host: Option<&str>,
    progress: impl Fn(SignatureOutcome),
) -> (SignatureOutcome, Option<String>) {
    let Some(iss) = sig.iss.clone() else {
        return (could_not(CouldNotCheck::TokenWithoutIssuer, sig), None);
    };
    let plan = match keyhosts::plan(endpoint_url, candidates, &iss, trust_host) {
        Some(Plan::Fetch(plan)) => plan,
        Some(Plan::Elsewhere { endpoint_host, .. }) => {
            return (
                SignatureOutcome::IssuerElsewhere { iss, endpoint_host },
                None,
            );
        }
        None => return (could_not(CouldNotCheck::NoEndpoint, sig), None),
    };
    let (doc, url) = match discover(&plan.candidates, &plan.host, &iss, &progress).await {
        Ok(found) => found,
        Err(reason) => return (could_not(reason, sig), None),
    };
    // Only a document that speaks for the learner's server says what their issuer is.
    let yours = plan.via.issuer_is_yours().then(|| doc.issuer.clone());
    if !same_issuer(&iss, &doc.issuer) {
        let reason = CouldNotCheck::IssuerMismatch {
            token_iss: iss,
            document_issuer: doc.issuer.clone(),
            url,
        };
        return (could_not(reason, sig), yours);
    }
    progress(SignatureOutcome::Checking {
        step: FetchStep::Jwks,
        url: doc.jwks_uri.clone(),
    });
    let source = KeySource::Fetched {
        jwks_uri: doc.jwks_uri.clone(),
    };
    let keys = match fetch::get_text(&doc.jwks_uri).await {
        Ok(text) => parse_key_set(&text),
        Err(FetchError::TooLarge) => Err(KeySetProblem::TooLarge {
            bytes: fetch::MAX_BODY_BYTES,
        }),
        Err(err) => {
            let reason = CouldNotCheck::Fetch {
                step: FetchStep::Jwks,
                url: doc.jwks_uri.clone(),
                failure: failure(&err),
            };
            return (could_not(reason, sig), yours);
        }
    };
    let outcome = match keys {
        Ok(keys) => verify_with_keys(sig, &keys, source).await,
        Err(problem) => could_not(CouldNotCheck::JwksContent { source, problem }, sig),
    };
    (outcome, yours)
}

/// Verifies with keys the learner pasted (the fallback when the fetch is not possible).
pub async fn verify_with_pasted(sig: &SignatureInput, text: &str) -> SignatureOutcome {
    match parse_key_set(text) {
        Ok(keys) => verify_with_keys(sig, &keys, KeySource::Pasted).await,
        Err(problem) => could_not(
            CouldNotCheck::JwksContent {
                source: KeySource::Pasted,
                problem,
            },
            sig,
        ),
    }
}

/// Chooses the key (pure core) and asks WebCrypto, trying each candidate the core allows.
pub async fn verify_with_keys(
    sig: &SignatureInput,
    keys: &KeySet,
    source: KeySource,
) -> SignatureOutcome {
    let candidates = match choose_key(sig, keys) {
        Ok(candidates) => candidates,
        Err(problem) => return SignatureOutcome::from_key_problem(problem, source),
    };
    let mut browser_error = None;
    let tried = candidates.len();
    for key in candidates {
        match crypto::verify(
            &key.clean_jwk,
            &key.import,
            sig.signing_input.as_bytes(),
            &sig.signature,
        )
        .await
        {
            Ok(true) => return SignatureOutcome::Verified { key, source },
            Ok(false) => {}
            Err(VerifyError::Unavailable) => {
                return could_not(CouldNotCheck::NoWebCrypto, sig);
            }
            Err(VerifyError::ImportFailed(e) | VerifyError::VerifyFailed(e)) => {
                browser_error = Some(e);
            }
        }
    }
    match browser_error {
        Some(error) if tried == 1 => could_not(CouldNotCheck::WebCrypto { error }, sig),
        _ => SignatureOutcome::Mismatch {
            kid: sig.kid.clone(),
            alg: sig.alg.clone(),
            tried,
            source,
        },
    }
}
