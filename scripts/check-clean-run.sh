#!/usr/bin/env bash
# A newcomer's first run must be quiet. Clones the committed repository into a temporary
# directory and does what the README says on a fresh clone (`npm test`, here on one small
# file, and `npm run demo`), with this machine's own Node first on PATH. Fails if that does
# not work, or if any line it prints looks like a warning or a deprecation.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git clone -q . "$tmp/repo"
cd "$tmp/repo"

# A newcomer's PATH: no node_modules/.bin of this or any other checkout in front.
PATH=$(tr ':' '\n' <<<"$PATH" | grep -v '/node_modules/\.bin$' | paste -sd: -)
export PATH
echo "check-clean-run: fresh clone, system node $(node --version), npm $(npm --version)"

log="$tmp/log"
if ! { npm test -- test/common/duration.test.ts && npm run demo; } >"$log" 2>&1; then
  cat "$log"
  echo "check-clean-run: the first run failed (output above)" >&2
  exit 1
fi
# Not counted: npm echoing a script's command line ("> ..."), and the workflow commands the
# demo's action prints on purpose (a "::warning::" annotation is part of what it shows).
if grep -vE '^(> |::)' "$log" | grep -iE 'warn|deprecat|EBADENGINE'; then
  echo "check-clean-run: the first run printed the lines above; a fresh clone must be quiet" >&2
  exit 1
fi
echo "check-clean-run: install, tests and demo ran without a warning ($(wc -l <"$log") lines)"
