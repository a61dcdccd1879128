//! What the browser says about the learner's machine.

use crate::core::config::platform_shell;
use crate::core::request::Shell;

/// The shell to offer first: PowerShell when the browser reports Windows, else bash.
pub fn default_shell() -> Shell {
    let Some(window) = web_sys::window() else {
        return Shell::Bash;
    };
    let navigator = window.navigator();
    platform_shell(
        &navigator.platform().unwrap_or_default(),
        &navigator.user_agent().unwrap_or_default(),
    )
}
