//! The host page configures each widget through `data-*` attributes on its mount element.
//! Parsing is pure: the browser layer hands over a lookup function. Invalid values fall back to
//! the documented defaults (README, "Attributes") and never break the page.

use super::request::Shell;

/// The default storage namespace.
pub const DEFAULT_NAMESPACE: &str = "default";

/// One widget's configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetConfig {
    /// Prefilled "Token endpoint" (a token URL, an issuer URL or an Auth0 domain).
    pub endpoint: String,
    pub audience: String,
    pub client_id: String,
    /// `None`: choose from the platform (PowerShell on Windows, bash elsewhere).
    pub shell: Option<Shell>,
    pub show_instructions: bool,
    /// The widget's own title ("Client Credentials Flow for Service Apps"): hidden with the
    /// instructions (the lesson then has its own heading) or by `data-title="hide"`.
    pub show_title: bool,
    /// The level of the widget's title, shown or not (`data-heading-level`, 1–6); its sections
    /// are one level below, their parts two.
    pub heading_level: u8,
    /// Separates the remembered values of different widgets or lessons.
    pub namespace: String,
}

/// The title's level when the host says nothing: `<h2>`, sections `<h3>`.
pub const DEFAULT_HEADING_LEVEL: u8 = 2;

impl Default for WidgetConfig {
    fn default() -> Self {
        WidgetConfig {
            endpoint: String::new(),
            audience: String::new(),
            client_id: String::new(),
            shell: None,
            show_instructions: true,
            show_title: true,
            heading_level: DEFAULT_HEADING_LEVEL,
            namespace: DEFAULT_NAMESPACE.to_string(),
        }
    }
}

/// Longest prefilled value accepted from an attribute; longer ones are ignored.
const MAX_ATTRIBUTE_LEN: usize = 2048;

impl WidgetConfig {
    /// Reads the configuration through `attr(name)`, which returns the attribute's value when the
    /// element has it. Unknown attributes are never asked for, so they are ignored.
    pub fn from_attributes(attr: impl Fn(&str) -> Option<String>) -> WidgetConfig {
        let text = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| attr(n))
                .filter(|v| v.len() <= MAX_ATTRIBUTE_LEN && !v.contains('\0'))
                .unwrap_or_default()
        };
        let defaults = WidgetConfig::default();
        let show_instructions = attr("data-instructions")
            .and_then(|v| parse_bool(&v))
            .unwrap_or(defaults.show_instructions);
        WidgetConfig {
            endpoint: text(&["data-token-endpoint", "data-issuer", "data-auth0-domain"]),
            audience: text(&["data-audience"]),
            client_id: text(&["data-client-id"]),
            shell: attr("data-shell").and_then(|v| parse_shell(&v)),
            show_instructions,
            // A lesson that shows its own steps has its own heading too, unless it asks.
            show_title: attr("data-title")
                .and_then(|v| parse_bool(&v))
                .unwrap_or(show_instructions),
            heading_level: attr("data-heading-level")
                .and_then(|v| v.trim().parse::<u8>().ok())
                .filter(|l| (1..=6).contains(l))
                .unwrap_or(defaults.heading_level),
            namespace: attr("data-storage-namespace")
                .filter(|v| valid_namespace(v))
                .unwrap_or(defaults.namespace),
        }
    }
}

/// `bash` (or `zsh`, `sh`), `powershell` (or `pwsh`), `cmd`; case-insensitive.
pub fn parse_shell(value: &str) -> Option<Shell> {
    match value.trim().to_ascii_lowercase().as_str() {
        "bash" | "zsh" | "sh" | "posix" => Some(Shell::Bash),
        "powershell" | "pwsh" => Some(Shell::PowerShell),
        "cmd" | "cmd.exe" => Some(Shell::Cmd),
        _ => None,
    }
}

/// The name a shell is stored and configured under.
pub fn shell_name(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash => "bash",
        Shell::PowerShell => "powershell",
        Shell::Cmd => "cmd",
    }
}

/// The shell to offer first for the browser's platform: PowerShell on Windows (every supported
/// Windows has it and `curl.exe`), bash elsewhere. `platform` is `navigator.platform` (`Win32`,
/// `MacIntel`, `Linux x86_64`), `user_agent` the user-agent string.
pub fn platform_shell(platform: &str, user_agent: &str) -> Shell {
    if platform.starts_with("Win") || user_agent.contains("Windows") {
        Shell::PowerShell
    } else {
        Shell::Bash
    }
}

fn parse_bool(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "" | "true" | "show" | "yes" | "on" | "1" => Some(true),
        "false" | "hide" | "no" | "off" | "0" => Some(false),
        _ => None,
    }
}

/// 1 to 64 characters of `[A-Za-z0-9_.-]`: safe inside a storage key.
fn valid_namespace(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> WidgetConfig {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        WidgetConfig::from_attributes(|name| map.get(name).cloned())
    }

    #[test]
    fn no_attributes_give_the_documented_defaults() {
        assert_eq!(config(&[]), WidgetConfig::default());
        assert!(WidgetConfig::default().show_instructions);
        assert_eq!(WidgetConfig::default().namespace, "default");
    }

    #[test]
    fn attributes_prefill_and_choose() {
        let c = config(&[
            ("data-auth0-domain", "dev-abc.us.auth0.com"),
            ("data-audience", "https://api.example.com"),
            ("data-client-id", "abc"),
            ("data-shell", "PowerShell"),
            ("data-instructions", "hide"),
            ("data-storage-namespace", "lesson-7"),
        ]);
        assert_eq!(c.endpoint, "dev-abc.us.auth0.com");
        assert_eq!(c.audience, "https://api.example.com");
        assert_eq!(c.client_id, "abc");
        assert_eq!(c.shell, Some(Shell::PowerShell));
        assert!(!c.show_instructions);
        assert!(!c.show_title, "the title goes with the instructions");
        assert_eq!(c.namespace, "lesson-7");
    }

    #[test]
    fn the_title_and_heading_levels_follow_the_host() {
        assert!(!config(&[("data-title", "hide")]).show_title);
        let own = config(&[("data-instructions", "hide"), ("data-title", "show")]);
        assert!(own.show_title && !own.show_instructions);
        assert_eq!(config(&[("data-heading-level", "3")]).heading_level, 3);
        for bad in ["0", "7", "h3", "", "-1"] {
            assert_eq!(
                config(&[("data-heading-level", bad)]).heading_level,
                DEFAULT_HEADING_LEVEL,
                "{bad:?}"
            );
        }
    }

    #[test]
    fn windows_browsers_get_powershell_first() {
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Edg/130.0";
        assert_eq!(platform_shell("Win32", edge), Shell::PowerShell);
        assert_eq!(platform_shell("", edge), Shell::PowerShell);
        let mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15";
        assert_eq!(platform_shell("MacIntel", mac), Shell::Bash);
        assert_eq!(
            platform_shell("Linux x86_64", "Mozilla/5.0 (X11; Linux x86_64)"),
            Shell::Bash
        );
    }

    #[test]
    fn invalid_values_fall_back() {
        let c = config(&[
            ("data-shell", "fish"),
            ("data-instructions", "maybe"),
            ("data-storage-namespace", "a b:c"),
            ("data-client-id", "x\0y"),
        ]);
        assert_eq!(c.shell, None);
        assert!(c.show_instructions);
        assert_eq!(c.namespace, "default");
        assert_eq!(c.client_id, "");
    }
}
