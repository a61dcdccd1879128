#!/usr/bin/env bash
# Command 1: set everything up, build the widget and serve it with live reload.
# Usage: bash .ci/serve.sh [PORT]      (default port 8080)
source "$(dirname "$0")/setup.sh"
setup_all
PORT="${1:-8080}"
cd "$ROOT"
say "serving on http://127.0.0.1:$PORT/ (live reload; Ctrl-C stops)"
exec trunk serve --address 127.0.0.1 --port "$PORT"
