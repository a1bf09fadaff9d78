#!/usr/bin/env bash
# Runs the integration tests N times in a row (default 20) beside two CPU-burning processes,
# as a loaded CI machine would be, and stops at the first failure. Prints one line per run.
#   bash scripts/stress-integration.sh [runs] [jest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
runs=${1:-20}
shift || true
burners=()
for _ in 1 2; do
  node -e 'for (;;) {}' &
  burners+=($!)
done
trap 'kill "${burners[@]}" 2>/dev/null || true' EXIT
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  if ! node --experimental-vm-modules --disable-warning=ExperimentalWarning node_modules/jest/bin/jest.js \
    test/integration test/sim "$@" >"/tmp/stress-run-$i.log" 2>&1; then
    echo "run $i of $runs FAILED after $(($(date +%s) - start)) s; see /tmp/stress-run-$i.log"
    grep -E '●|✕' "/tmp/stress-run-$i.log" | head -20
    exit 1
  fi
  echo "run $i of $runs passed in $(($(date +%s) - start)) s ($(grep -Eo 'Tests: .*' "/tmp/stress-run-$i.log"))"
done
echo "$runs runs in a row passed beside two CPU burners"
