# shellcheck shell=bash
# Shared set-up for .ci/serve.sh and .ci/test.sh: installs what is missing, skips what is present.
# Sourced, not run: it exports PATH and the variables trunk and the browser tests need.
#
# Why everything is pinned (see README "Troubleshooting"):
# - trunk 0.21.14: trunk 0.22 needs a newer rustc than 1.95.
# - wasm-bindgen-cli: must equal the wasm-bindgen version in Cargo.lock, byte for byte.
# - binaryen 132 (wasm-opt) from npm: Debian's wasm-opt 108 cannot parse rustc 1.95's output.
# - trunk must never download tools (it would try GitHub): it uses the ones on PATH.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION="0.21.14"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export TRUNK_OFFLINE=true

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# fail WHAT HINT: stop with a message that names the failed install and what to try.
fail() {
  printf '\n\033[31m[setup] could not install %s.\033[0m\n        Try: %s\n' "$1" "$2" >&2
  exit 1
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

setup_rust() {
  command -v cargo >/dev/null || fail "Rust" "install rustup from your package manager, then re-run this command"
  if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "wasm32-unknown-unknown target: present"
  else
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown || fail "the wasm32 target" "rustup target add wasm32-unknown-unknown"
  fi
}

setup_trunk() {
  if trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
    say "trunk $TRUNK_VERSION: present"
  else
    say "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores, once)"
    cargo install --locked trunk --version "$TRUNK_VERSION" \
      || fail "trunk $TRUNK_VERSION" "cargo install --locked trunk --version $TRUNK_VERSION (0.22 needs a newer rustc)"
  fi
}

setup_wasm_bindgen() {
  local want
  want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock" 2>/dev/null || true)"
  if [ -z "$want" ]; then
    say "resolving Cargo.lock to learn the wasm-bindgen version"
    (cd "$ROOT" && cargo generate-lockfile) || fail "Cargo.lock" "cargo generate-lockfile"
    want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")"
  fi
  if wasm-bindgen --version 2>/dev/null | grep -q "^wasm-bindgen $want\$" \
    && wasm-bindgen-test-runner --version >/dev/null 2>&1; then
    say "wasm-bindgen-cli $want: present"
  else
    say "installing wasm-bindgen-cli $want (about 6 minutes, once; it must match Cargo.lock)"
    # Not --locked: the CLI's own lockfile wants a webpki-roots version the registry does not serve.
    cargo install wasm-bindgen-cli --version "$want" --force \
      || fail "wasm-bindgen-cli $want" "cargo install wasm-bindgen-cli --version $want (without --locked)"
  fi
}

setup_node_tools() {
  command -v npm >/dev/null || fail "npm" "install Node.js 20 and npm from your package manager"
  if [ -x "$ROOT/node_modules/.bin/wasm-opt" ] && [ "$ROOT/node_modules/.package-lock.json" -nt "$ROOT/package-lock.json" ]; then
    say "npm tools (binaryen 132 ...): present"
  else
    say "installing the pinned npm tools (binaryen 132 for wasm-opt ...)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error) \
      || fail "the npm tools" "cd $ROOT && npm ci (the registry must be reachable)"
    touch "$ROOT/node_modules/.package-lock.json"
  fi
  wasm-opt --version | grep -q 'version 132' || fail "wasm-opt 132" "rm -rf node_modules && npm ci"
}

# Debian packages: the browser and its driver for the browser tests, the shells that the
# command builder's property test runs the generated commands through, and openssl (the
# end-to-end suite's https key hosts get a self-signed certificate from it).
setup_debian() {
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v zsh >/dev/null || missing+=(zsh)
  command -v dash >/dev/null || missing+=(dash)
  command -v curl >/dev/null || missing+=(curl)
  command -v openssl >/dev/null || missing+=(openssl)
  if [ ${#missing[@]} -eq 0 ]; then
    say "chromium, chromedriver, zsh, dash, curl, openssl: present"
    return
  fi
  say "installing ${missing[*]} from Debian"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" \
    || fail "${missing[*]}" "sudo apt-get update && sudo apt-get install -y ${missing[*]}"
}

setup_all() {
  setup_debian
  setup_rust
  setup_node_tools
  setup_trunk
  setup_wasm_bindgen
  export CHROMEDRIVER
  CHROMEDRIVER="$(command -v chromedriver)"
  say "ready"
}
