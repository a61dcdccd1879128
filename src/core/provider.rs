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
    /// Every provider, in declaration order.
    pub const ALL: [Provider; 7] = [
        Provider::Auth0,
        Provider::Okta,
        Provider::Keycloak,
        Provider::Entra,
        Provider::Cognito,
        Provider::Hydra,
        Provider::Generic,
    ];

    /// A short stable name, for messages between the page and the explainer.
    pub fn key(self) -> &'static str {
        match self {
            Provider::Auth0 => "auth0",
            Provider::Okta => "okta",
            Provider::Keycloak => "keycloak",
            Provider::Entra => "entra",
            Provider::Cognito => "cognito",
            Provider::Hydra => "hydra",
            Provider::Generic => "generic",
        }
    }

    /// The provider named by [`Provider::key`].
    pub fn from_key(key: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.key() == key)
    }

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
