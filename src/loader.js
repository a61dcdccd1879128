// Starts the widget. A file rather than trunk's inline snippet, so the page runs under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval'; no inline script). Paths are
// relative to this file, so the built site works from any sub-path of any static host.
import init from "./oauth-cc-widget.js";

const pending = () => document.querySelectorAll("[data-oauth-cc-widget]:not([data-oauth-cc-mounted])");

// The WebAssembly can take a second or more to arrive on a phone: say so in every mount element
// the host left empty (a <noscript> aside). The widget replaces it when it starts.
for (const root of pending()) {
  const empty = [...root.childNodes].every(
    (n) => n.nodeName === "NOSCRIPT" || (n.nodeType === Node.TEXT_NODE && !n.textContent.trim()),
  );
  if (empty) {
    const p = document.createElement("p");
    p.className = "occ-loading";
    p.textContent = "Loading the exercise…";
    root.append(p);
  }
}

init({ module_or_path: new URL("./oauth-cc-widget_bg.wasm", import.meta.url) }).catch((error) => {
  for (const root of pending()) {
    root.textContent =
      "The exercise could not start. Check your connection and reload the page; if it still " +
      "does not start, try a current version of Chrome, Edge, Firefox or Safari.";
  }
  console.error("oauth-cc-widget: could not start", error);
});
