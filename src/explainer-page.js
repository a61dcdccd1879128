// In the page, when no worker could start: the explainer's glue, a classic script loaded just
// before this one, declares `wasm_bindgen` as a global binding rather than a property of
// `window`, where the widget looks for it. (A file, not an inline script: see the README's CSP.)
self.__occExplainer = wasm_bindgen;
