#!/usr/bin/env bash
# Bundles src/ with ncc: the action (src/index.ts → <out>/index.js, what action.yml runs) and
# the command line (src/cli/index.ts → <out>/cli/index.js, the npm package's `bin`), then
# writes each bundle's licenses.txt. `npm run build` builds dist/; scripts/check-dist.sh
# builds into a temporary directory and compares.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-dist}
quiet=()
[ -n "${1:-}" ] && quiet=(-q)
rm -rf "$out" # a chunk the sources no longer make must not linger
# ncc's stats name every bundled module's path, for licenses.ts; kept out of dist/.
stats=$(mktemp -d)
trap 'rm -rf "$stats"' EXIT
npx ncc build src/index.ts -o "$out" --target es2022 --stats-out "$stats/$(basename "$out").json" "${quiet[@]}"
npx ncc build src/cli/index.ts -o "$out/cli" --target es2022 --stats-out "$stats/cli.json" "${quiet[@]}"
NCC_STATS_DIR="$stats" node scripts/licenses.ts "$out" "$out/cli"
