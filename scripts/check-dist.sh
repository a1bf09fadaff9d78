#!/usr/bin/env bash
# Fails when dist/ is not exactly what the sources build: both bundles (the action's and the
# command line's in dist/cli/), licenses.txt included (scripts/build.sh, as npm run build).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bash scripts/build.sh "$out" >/dev/null
if ! diff -r "$out" dist >/dev/null; then
  diff -r "$out" dist | head -20 || true
  echo "dist/ is stale: run 'npm run build' and commit dist/" >&2
  exit 1
fi
echo "dist/ matches the sources"
