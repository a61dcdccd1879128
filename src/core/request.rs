//! The learner's token request: kind hints about what they typed ([`field_hints`]) and the
//! copy-ready `curl` command for their shell ([`build_command`]).
//!
//! Values are never changed silently: they go into the command exactly as typed, and a hint may
//! offer a one-click fix that the learner chooses to apply. (Only the token endpoint is resolved —
//! see [`super::endpoint`] — and the widget shows the URL it resolved to.)

mod command;
mod hints;

pub use command::{
    build_command, unfilled, MASK, PLACEHOLDER_CLIENT_ID, PLACEHOLDER_CLIENT_SECRET,
    PLACEHOLDER_ENDPOINT, PLACEHOLDER_ENDPOINT_AUTH0,
};
pub use hints::field_hints;

/// The shell the command is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Shell {
    /// bash, zsh, dash and any other POSIX shell (macOS, Linux, WSL, Git Bash).
    #[default]
    Bash,
    /// Windows PowerShell 5.1 and PowerShell 7, calling `curl.exe`.
    PowerShell,
    /// The interactive Windows Command Prompt (cmd.exe), calling `curl.exe`.
    Cmd,
}

impl Shell {
    /// A short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Shell::Bash => "bash/zsh",
            Shell::PowerShell => "PowerShell",
            Shell::Cmd => "cmd",
        }
    }
}

/// How the client authenticates at the token endpoint (RFC 6749 §2.3.1). The secret goes one way
/// or the other, never both.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ClientAuth {
    /// client_secret_post: the secret in the form body (the lesson's default).
    #[default]
    Body,
    /// client_secret_basic: HTTP Basic with form-urlencoded id and secret (RFC 6749 §2.3.1).
    Basic,
}

/// Whether the command shows the client secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretDisplay {
    /// The real, runnable command (what Copy copies).
    Reveal,
    /// The secret replaced by [`MASK`], for the screen.
    Mask,
}

/// The five inputs of the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Endpoint,
    ClientId,
    ClientSecret,
    Audience,
    Scope,
}

impl Field {
    /// The field's visible label, exactly these words (hosts and browser tests rely on them).
    pub fn label(self) -> &'static str {
        match self {
            Field::Endpoint => "Token endpoint",
            Field::ClientId => "Client ID",
            Field::ClientSecret => "Client secret",
            Field::Audience => "Audience",
            Field::Scope => "Scope",
        }
    }
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

impl RequestInput {
    /// The value of one field.
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::Endpoint => &self.endpoint,
            Field::ClientId => &self.client_id,
            Field::ClientSecret => &self.client_secret,
            Field::Audience => &self.audience,
            Field::Scope => &self.scope,
        }
    }
}

/// A kind, plain-text remark about one field, shown next to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Hint {
    pub field: Field,
    pub message: String,
    /// A corrected value for `field` that the learner can apply with one click. For
    /// [`Field::ClientSecret`] it is a secret: apply it, never display it.
    pub fix: Option<String>,
}

/// Why no command can be given; `message` is shown instead of the command.
#[derive(Clone, Debug, PartialEq)]
pub struct CommandError {
    pub message: String,
}
