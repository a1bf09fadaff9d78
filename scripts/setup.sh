#!/usr/bin/env bash
# Installs the locked dependencies (Node 24 among them) when a fresh clone has none yet,
# so `npm test`, `npm run demo` and `npm run sim` are each enough on their own.
# `--always` installs even then (CI: a clean install, as `npm ci` alone would do).
#
# npm checks every package's `engines` against the Node it runs on, and the dev tools ask
# for Node >= 22 (the project for 24): run by an older system Node, `npm ci` warns once per
# package. So on such a machine the locked Node 24 is first fetched alone into a temporary
# directory, and `npm ci` runs under it.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != --always ] && [ -x node_modules/.bin/node ] && [ -x node_modules/.bin/jest ]; then exit 0; fi

echo "Installing the locked dependencies (npm ci), Node 24 included..." >&2
if node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 24 ? 0 : 1)' 2>/dev/null; then
  npm ci --no-audit --no-fund >&2
  exit 0
fi

version=$(node -p 'require("./package-lock.json").packages["node_modules/node"].version')
boot=$(mktemp -d)
trap 'rm -rf "$boot"' EXIT
# Its own package.json approves the `node` package's install script (it fetches the binary).
echo '{ "private": true, "allowScripts": { "node": true } }' >"$boot/package.json"
if ! npm install --prefix "$boot" --no-audit --no-fund --no-package-lock "node@$version" >"$boot/log" 2>&1; then
  cat "$boot/log" >&2
  exit 1
fi
PATH="$boot/node_modules/.bin:$PATH" npm ci --no-audit --no-fund >&2
