#!/usr/bin/env bash
# `npm publish` runs this first (prepublishOnly): the package must carry the CLI bundle the
# sources build, and a real repository URL (package.json ships with a <owner> placeholder,
# as the README's `uses: <owner>/clb-task-wait@v1` does, until the project has its home).
set -euo pipefail
cd "$(dirname "$0")/.."
if node -e 'process.exit(/<owner>/.test(require("./package.json").repository?.url ?? "<owner>") ? 0 : 1)'; then
  echo 'package.json "repository" still names <owner>: set the real GitHub repository before publishing' >&2
  exit 1
fi
bash scripts/check-dist.sh
