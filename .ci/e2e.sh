#!/usr/bin/env bash
# The end-to-end suite (tests/e2e, issue 7): the release dist/ served under a sub-path with the
# strict Content-Security-Policy, real authorization servers (oidc-provider from npm, one shaped
# like Auth0), the page's commands run with real bash and curl, headless Chromium through
# chromedriver; plus the host-snippet page, axe-core (light and dark) and the privacy checks.
#
# Assumes the set-up has run (source .ci/setup.sh && setup_all: PATH, npm ci, Chromium,
# chromedriver) and that dist/ holds the release build of the current source (trunk build
# --release); .ci/test.sh does both before calling this. Usage: bash .ci/e2e.sh
# Screenshots and chromedriver's log go to test-artifacts/ (gitignored).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

fail() {
  printf '\033[31m[e2e] %s\033[0m\n' "$*" >&2
  exit 1
}

[ -f dist/index.html ] && [ -f dist/oauth-cc-widget_bg.wasm ] \
  || fail "dist/ has no release build. Build it first: source .ci/setup.sh && setup_all && trunk build --release"

for tool in node curl bash chromedriver; do
  command -v "$tool" >/dev/null || fail "$tool is not on PATH: run the set-up (source .ci/setup.sh && setup_all)"
done

# oidc-provider and axe-core are pinned in the root package.json, so the set-up's `npm ci` brings
# them; install them here only if node_modules predates them.
for pkg in oidc-provider axe-core bootstrap; do
  if [ ! -f "node_modules/$pkg/package.json" ]; then
    printf '[e2e] node_modules/%s is missing: running npm ci\n' "$pkg"
    npm ci --no-audit --no-fund --loglevel=error || fail "npm ci failed (the npm registry must be reachable)"
    break
  fi
done

# `test = false` keeps the suite out of `clippy --all-targets`: lint it here.
cargo clippy --locked --test e2e -- -D warnings

export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
cargo test --locked --test e2e -- --nocapture --test-threads=1
