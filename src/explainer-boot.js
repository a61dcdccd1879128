// The explainer's worker: fetches the WebAssembly while the glue loads, starts it, and tells the
// page when it cannot (a failure inside a worker would otherwise never reach the page). Every
// address is relative to this file, so the page's own address does not matter.
const fail = (error) => self.postMessage(`F${error}`);
try {
  const wasm = fetch(new URL("oauth-cc-explainer_bg.wasm", self.location.href));
  importScripts(new URL("oauth-cc-explainer.js", self.location.href).href);
  wasm_bindgen({ module_or_path: wasm }).then(() => wasm_bindgen.serve(), fail);
} catch (error) {
  fail(error);
}
