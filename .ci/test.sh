#!/usr/bin/env bash
# Command 2: set everything up and run every check: formatting, clippy on both targets, native
# tests, browser tests in headless Chromium, the release build and its size budget.
# Usage: bash .ci/test.sh
source "$(dirname "$0")/setup.sh"
setup_all
cd "$ROOT"

started=$SECONDS
step() { printf '\n\033[1m==> %s\033[0m  (%ds)\n' "$*" "$((SECONDS - started))"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (host)"
cargo clippy --all-targets --locked -- -D warnings

step "clippy (wasm32)"
cargo clippy --all-targets --locked --target wasm32-unknown-unknown -- -D warnings

step "native tests (pure core)"
cargo test --locked

step "browser tests (wasm-bindgen-test in headless Chromium)"
cargo test --locked --target wasm32-unknown-unknown --test web
cargo test --locked --target wasm32-unknown-unknown --test web_panic

step "release build (trunk)"
trunk build --release --locked

step "size report"
bash .ci/size-report.sh dist

step "end-to-end (built site, oidc-provider, Chromium)"
bash .ci/e2e.sh

step "all checks passed in $((SECONDS - started)) s"
