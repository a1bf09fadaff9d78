#!/usr/bin/env bash
# Fails when dist/ is not exactly what the sources build, licenses.txt included (npm run build's steps).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
npx ncc build src/index.ts -o "$out" --target es2022 -q
node scripts/licenses.ts "$out" >/dev/null
if ! diff -r "$out" dist >/dev/null; then
  diff -r "$out" dist | head -20 || true
  echo "dist/ is stale: run 'npm run build' and commit dist/" >&2
  exit 1
fi
echo "dist/ matches the sources"
