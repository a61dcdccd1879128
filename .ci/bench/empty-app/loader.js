// Starts the empty app the way src/loader.js starts the widget (no inline script).
import init from "./bench-empty-app.js";

init({ module_or_path: new URL("./bench-empty-app_bg.wasm", import.meta.url) });
