#!/usr/bin/env bash
# Installs the locked dependencies (Node 24 among them) when a fresh clone has none yet,
# so `npm test` and `npm run demo` are each enough on their own.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/node ] || [ ! -x node_modules/.bin/jest ]; then
  echo "First run: installing the locked dependencies (npm ci), Node 24 included..." >&2
  npm ci --no-audit --no-fund >&2
fi
