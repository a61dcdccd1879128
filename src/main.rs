//! The binary trunk builds: it mounts the widget into every `[data-oauth-cc-widget]` element.

fn main() {
    #[cfg(target_arch = "wasm32")]
    oauth_cc_widget::components::mount_all();
}
