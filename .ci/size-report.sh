#!/usr/bin/env bash
# Prints the gzip -9 size of what a learner downloads (wasm, JS, CSS, HTML) and fails when the
# total passes the budget. Usage: bash .ci/size-report.sh [DIST_DIR] [BUDGET_BYTES]
set -euo pipefail
DIST="${1:-dist}"
# The gate the test command enforces. Issue 2 asked to start at 150 KB and issue 8 aims at 110 KB;
# the widget measures 227,644 bytes today (README "Size"), so the gate holds today's size with a
# small margin: growth has to be a decision. (Raised from 200,000 on 2026-11-29, in three steps:
# about forty explanations of learner mistakes found by two audits, +8.2 KB; then focus, stale
# reports, a warning when the masked command is copied by hand and a message instead of a frozen
# widget after a bug, from a UI review, +2.7 KB. Raised to 213,000 on 2026-12-04 for a third
# audit, +3.4 KB: a correct authentik response was rejected, and a dozen real pastes — curl
# --fail-with-body, the client ID or secret alone, console and Python string displays, editor
# line numbers, a wrapped token, Auth0's scope and audience errors — got wrong or vague answers.
# Raised to 217,500 the same day for an audit of the request builder, +4.4 KB: one-click fixes put
# a wrong value in, one of them unseen in the masked secret, when a label came with the value; the
# lesson's own YOUR-DOMAIN example resolved silently; and about fifteen more slips. Then to
# 218,000 for an autocorrected dash in the domain, +0.2 KB. Raised to 228,000 in a later session
# that day, +10.1 KB in all: the lesson's own example command breaks when copied (its lines run
# one by one) and got 'misspelled domain'; plain-text and empty-body error statuses, a browser's
# CORS error, Python's HTTPError, wget, jq colours and a label above the JSON got 'not valid
# JSON'; a response after text naming the secret was rejected; tokens from Kinde and Spring
# Authorization Server were misjudged; an ID token, jwt.io's copy and placeholders were
# misnamed; quoted values now show as code; some fifteen request-form slips got hints; and an
# editorial review reworded what learners read.) Raised to 238,000 on 2026-12-07 for the rule
# catalog (issue 15), +9.5 KB: 270 rule records (seven text pointers each, 16 KB raw) and their
# keys (6 KB raw), which hosts read as data-rule. Issue 16 moves the checker out of the start-up
# path and replaces this gate with two budgets.)
BUDGET="${2:-${SIZE_BUDGET_BYTES:-238000}}"
[ -d "$DIST" ] || { echo "size report: $DIST does not exist; run trunk build --release first" >&2; exit 1; }

# shellcheck source=.ci/size-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/size-lib.sh"
measure_dist "$DIST"
wasm=$size_wasm; js=$size_js; css=$size_css; html=$size_html; total=$size_total
printf '\nSize report (%s, gzip -9 bytes; raw bytes in brackets)\n' "$DIST"
printf '  %-6s %8d  (%d)\n' wasm "$wasm" "$raw_wasm" js "$js" "$raw_js" css "$css" "$raw_css" \
  html "$html" "$raw_html"
printf '  %-6s %8d  budget %d\n' total "$total" "$BUDGET"
if [ "$total" -gt "$BUDGET" ]; then
  echo "size report: FAILED: the total ($total) is over the budget ($BUDGET)" >&2
  exit 1
fi
echo "size report: within budget"
