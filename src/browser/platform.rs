//! What the browser says about the learner's machine.

/// True when the browser reports Windows, so the command defaults to PowerShell.
pub fn is_windows() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let platform = navigator.platform().unwrap_or_default();
    let agent = navigator.user_agent().unwrap_or_default();
    platform.starts_with("Win") || agent.contains("Windows")
}
