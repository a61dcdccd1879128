// Starts the widget. A file rather than trunk's inline snippet, so the page runs under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval'; no inline script). Paths are
// relative to this file, so the built site works from any sub-path of any static host.
import init from "./oauth-cc-widget.js";

init({ module_or_path: new URL("./oauth-cc-widget_bg.wasm", import.meta.url) }).catch((error) => {
  for (const root of document.querySelectorAll("[data-oauth-cc-widget]")) {
    if (!root.hasAttribute("data-oauth-cc-mounted")) {
      root.textContent =
        "The exercise could not start in this browser. Please reload the page, or try a current " +
        "version of Chrome, Edge, Firefox or Safari.";
    }
  }
  console.error("oauth-cc-widget: could not start", error);
});
