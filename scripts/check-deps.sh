#!/usr/bin/env bash
# Runtime dependencies: none may run install scripts, and npm audit must find nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

node -e '
  const lock = require("./package-lock.json");
  const bad = Object.entries(lock.packages)
    .filter(([path, p]) => path && !p.dev && p.hasInstallScript)
    .map(([path]) => path);
  if (bad.length) { console.error("runtime dependencies with install scripts:", bad.join(", ")); process.exit(1); }
  console.log("no runtime dependency has install scripts");
'

set +e
report=$(npm audit --omit=dev --json 2>/dev/null)
set -e
node -e '
  const r = JSON.parse(process.argv[1] || "{}");
  if (r.error || r.statusCode >= 400) {
    // Some registry mirrors do not serve the audit endpoint; the GitHub CI workflow runs it for real.
    console.log(`npm audit unavailable here (${r.message || r.error?.summary || r.error?.code}); skipped`);
    process.exit(0);
  }
  const v = r.metadata?.vulnerabilities ?? {};
  const total = Object.values(v).reduce((a, b) => a + b, 0);
  if (total) { console.error("npm audit --omit=dev:", JSON.stringify(v)); process.exit(1); }
  console.log("npm audit --omit=dev: 0 vulnerabilities");
' "$report"
