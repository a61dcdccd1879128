#!/usr/bin/env bash
# The benchmark (issue 8): builds the widget's release site and an empty yew 0.23 app with the
# same profile and pipeline, in this run, and prints one table — size (gzip -9), start-up in
# headless Chromium, check latency in the browser, typing, wasm memory.
# Timings are reported, never asserted; the size gate stays with .ci/test.sh.
# Usage: bash .ci/bench.sh
#   BENCH_LOADS=N      start-up loads per app (default 20)
#   BENCH_PHONE_LOADS=N  throttled slow-phone loads per app (default 7; 0 skips them)
#   BENCH_SAME_SITE=1  load both apps from one origin; by default consecutive loads alternate
#                      between 127.0.0.1 and 127.0.0.2 so each gets a fresh renderer process (a
#                      first visit: nothing compiled is kept in memory from the load before)
# Writes only under target/bench/ (never dist/): widget/ and empty/ (the two sites), empty-target/
# (the empty app's cargo target), results.txt (the figures before the table).
source "$(dirname "$0")/setup.sh"
setup_all
cd "$ROOT"
# shellcheck source=.ci/size-lib.sh
source "$ROOT/.ci/size-lib.sh"

started=$SECONDS
step() { printf '\n\033[1m==> %s\033[0m  (%ds)\n' "$*" "$((SECONDS - started))" >&2; }

OUT="$ROOT/target/bench"
RESULTS="$OUT/results.txt"
mkdir -p "$OUT"
: >"$RESULTS"

# The tests are `test = false` (timings never fail the test command), so clippy --all-targets
# skips them: lint them here.
step "clippy (benchmark drivers, host and wasm32)"
cargo clippy --locked --test bench -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown --test bench_web -- -D warnings

step "release build of the widget (trunk, wasm-opt -Oz) into target/bench/widget"
trunk build --release --locked --dist "$OUT/widget"

step "release build of the empty yew app (.ci/bench/empty-app) into target/bench/empty"
(cd "$ROOT/.ci/bench/empty-app" && CARGO_TARGET_DIR="$OUT/empty-target" trunk build --release --locked --dist "$OUT/empty")

step "size (gzip -9)"
for app in widget empty; do
  measure_dist "$OUT/$app"
  measure_startup "$OUT/$app"
  for kind in wasm js css html total startup; do
    var="size_$kind"
    echo "size_${app}_$kind ${!var}" >>"$RESULTS"
  done
done

step "check latency, WebCrypto and memory in headless Chromium (tests/bench_web.rs, release)"
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
cargo test --locked --release --target wasm32-unknown-unknown --test bench_web -- --nocapture \
  | tee "$OUT/bench_web.log" >&2
grep -o 'BENCH .*' "$OUT/bench_web.log" | sed 's/^BENCH //' >>"$RESULTS"

step "start-up and typing in headless Chromium (tests/bench), then the table"
BENCH_SITES="$OUT" BENCH_RESULTS="$RESULTS" \
  cargo test --locked --test bench -- --nocapture --test-threads=1

printf '\nbench: finished in %d s\n' "$((SECONDS - started))"
