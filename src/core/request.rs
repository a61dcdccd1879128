//! STUB — to be replaced: the token request command for each shell.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Shell {
    #[default]
    Bash,
    PowerShell,
    Cmd,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ClientAuth {
    /// client_secret_post: the secret in the form body (the lesson's default).
    #[default]
    Body,
    /// client_secret_basic: HTTP Basic with form-urlencoded id and secret (RFC 6749 §2.3.1).
    Basic,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretDisplay {
    Reveal,
    Mask,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Endpoint,
    ClientId,
    ClientSecret,
    Audience,
    Scope,
}

/// The five values exactly as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequestInput {
    pub endpoint: String,
    pub client_id: String,
    pub client_secret: String,
    pub audience: String,
    pub scope: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Hint {
    pub field: Field,
    pub message: String,
    pub fix: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CommandError {
    pub message: String,
}

pub fn field_hints(_input: &RequestInput) -> Vec<Hint> {
    Vec::new()
}

pub fn build_command(
    input: &RequestInput,
    _shell: Shell,
    _auth: ClientAuth,
    _secret: SecretDisplay,
) -> Result<String, CommandError> {
    Ok(format!("curl -sS {}", input.endpoint))
}
