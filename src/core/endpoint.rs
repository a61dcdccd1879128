//! STUB — to be replaced: turns what the learner typed as "Token endpoint" into the URL used.
use super::provider::Provider;

/// The token endpoint actually used, and what follows from it.
#[derive(Clone, Debug, PartialEq)]
pub struct ResolvedEndpoint {
    /// The token endpoint URL that goes into the command.
    pub url: String,
    /// The issuer derived from it (Auth0: `https://<domain>/`).
    pub issuer: String,
    pub provider: Provider,
    /// Plain-text notes to show beside the field (for example, why `http://` is accepted).
    pub notes: Vec<String>,
}

/// Why the typed value cannot be used as a token endpoint; `message` is shown to the learner.
#[derive(Clone, Debug, PartialEq)]
pub struct EndpointProblem {
    pub message: String,
    /// A corrected value the learner can apply with one click.
    pub fix: Option<String>,
}

pub fn resolve_endpoint(raw: &str) -> Result<ResolvedEndpoint, EndpointProblem> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(EndpointProblem { message: String::new(), fix: None });
    }
    Ok(ResolvedEndpoint {
        url: format!("https://{t}/oauth/token"),
        issuer: format!("https://{t}/"),
        provider: Provider::Auth0,
        notes: Vec::new(),
    })
}

/// Where the discovery document may be, in the order to try.
pub fn discovery_candidates(resolved: &ResolvedEndpoint) -> Vec<String> {
    vec![format!("{}.well-known/openid-configuration", resolved.issuer)]
}
