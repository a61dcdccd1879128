# shellcheck shell=bash
# How the project measures what a learner downloads: gzip -9 bytes of every wasm, JS, CSS and HTML
# file of a built site. One implementation for the size gate (.ci/size-report.sh) and the
# benchmark (.ci/bench.sh). Sourced, not run.

# gzip -9 size of one file.
gz() { gzip -9 -c "$@" | wc -c; }

# sum_kind DIST GLOB: gzip -9 bytes of the files of DIST matching GLOB, summed.
sum_kind() {
  local total=0 f
  shopt -s nullglob
  for f in "$1"/$2; do total=$((total + $(gz "$f"))); done
  echo "$total"
}

# raw_kind DIST GLOB: raw bytes of the files of DIST matching GLOB, summed.
raw_kind() {
  local total=0 f
  shopt -s nullglob
  for f in "$1"/$2; do total=$((total + $(wc -c <"$f"))); done
  echo "$total"
}

# The files a browser fetches before the form is interactive: the page, its stylesheets, the
# loader, the page's glue and WebAssembly. The explainer (the worker's files) comes later.
STARTUP_FILES=("*.html" "*.css" loader.js oauth-cc-widget.js oauth-cc-widget_bg.wasm)

# measure_startup DIST: sets size_startup (gzip -9 bytes of the start-up path; for an app without
# the explainer, such as the empty app, every file).
measure_startup() {
  local total=0 pattern f
  shopt -s nullglob
  # (Quoted: unquoted, `*.css` would be matched against the current folder, not DIST.)
  for pattern in "${STARTUP_FILES[@]}"; do
    for f in "$1"/$pattern; do
      [ -f "$f" ] && total=$((total + $(gz "$f")))
    done
  done
  if [ ! -e "$1/oauth-cc-widget_bg.wasm" ]; then
    total=0
    for f in "$1"/*.wasm "$1"/*.js "$1"/*.css "$1"/*.html; do total=$((total + $(gz "$f"))); done
  fi
  size_startup=$total
}

# measure_dist DIST: sets size_wasm, size_js, size_css, size_html, size_total (gzip -9 bytes)
# and raw_wasm, raw_js, raw_css, raw_html (raw bytes).
measure_dist() {
  size_wasm=$(sum_kind "$1" '*.wasm'); size_js=$(sum_kind "$1" '*.js')
  size_css=$(sum_kind "$1" '*.css'); size_html=$(sum_kind "$1" '*.html')
  size_total=$((size_wasm + size_js + size_css + size_html))
  raw_wasm=$(raw_kind "$1" '*.wasm'); raw_js=$(raw_kind "$1" '*.js')
  raw_css=$(raw_kind "$1" '*.css'); raw_html=$(raw_kind "$1" '*.html')
}
