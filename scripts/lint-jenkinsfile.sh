#!/usr/bin/env bash
# `npm run lint:jenkinsfile`: the README's Jenkinsfile (its ```groovy blocks) through
# npm-groovy-lint (CodeNarc, on this machine's Java; --noserver: no background JVM left
# running), failing on any error such as a syntax error. Jenkins itself cannot run here;
# test/cli/package.test.ts runs the Jenkinsfile's command line against the simulator.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH" # Node 24 (npm-groovy-lint needs a current Node)
command -v java >/dev/null || { echo "lint:jenkinsfile needs Java 11 or newer (apt-get install default-jre-headless)" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
awk -v dir="$dir" '/^```groovy$/ { n++; f = 1; next } /^```$/ { f = 0 } f { print > (dir "/Jenkinsfile" n ".groovy") }' README.md
count=$(find "$dir" -name '*.groovy' | wc -l)
[ "$count" -gt 0 ] || { echo "lint:jenkinsfile: no \`\`\`groovy block in README.md" >&2; exit 1; }
out=$(npm-groovy-lint --noserver --failon error --output txt --path "$dir" --files '**/*.groovy' 2>&1) || {
  echo "$out" >&2
  echo "lint:jenkinsfile: README.md's Jenkinsfile has errors (above)" >&2
  exit 1
}
echo "README.md: $count Jenkinsfile block(s) pass npm-groovy-lint (no error)"
