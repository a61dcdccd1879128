//! Which authorization server the learner is talking to. It decides which client-credentials
//! evidence the checker looks for and which error explanations apply.

/// The provider families the exercise knows. `Generic` is any other RFC 6749 server: its correct
/// responses must pass too, judged only by the standards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Provider {
    Auth0,
    Okta,
    Keycloak,
    Entra,
    Cognito,
    Hydra,
    #[default]
    Generic,
}

impl Provider {
    /// The name shown to learners.
    pub fn name(self) -> &'static str {
        match self {
            Provider::Auth0 => "Auth0",
            Provider::Okta => "Okta",
            Provider::Keycloak => "Keycloak",
            Provider::Entra => "Microsoft Entra ID",
            Provider::Cognito => "Amazon Cognito",
            Provider::Hydra => "Ory Hydra",
            Provider::Generic => "your authorization server",
        }
    }
}
