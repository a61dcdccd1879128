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

# measure_dist DIST: sets size_wasm, size_js, size_css, size_html, size_total (gzip -9 bytes)
# and raw_wasm, raw_js, raw_css, raw_html (raw bytes).
measure_dist() {
  size_wasm=$(sum_kind "$1" '*.wasm'); size_js=$(sum_kind "$1" '*.js')
  size_css=$(sum_kind "$1" '*.css'); size_html=$(sum_kind "$1" '*.html')
  size_total=$((size_wasm + size_js + size_css + size_html))
  raw_wasm=$(raw_kind "$1" '*.wasm'); raw_js=$(raw_kind "$1" '*.js')
  raw_css=$(raw_kind "$1" '*.css'); raw_html=$(raw_kind "$1" '*.html')
}
