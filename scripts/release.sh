#!/usr/bin/env bash
# Tags a release: vX.Y.Z on HEAD, and moves the major tag vX to it, the way users pin
# (`uses: <owner>/clb-task-wait@v1`). Checks first that the tree is clean, package.json
# carries the version, CHANGELOG.md has its entry and dist/ is what the sources build.
#   scripts/release.sh 1.2.3          tag locally, print the push command
#   scripts/release.sh 1.2.3 --push   also push both tags to origin
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:-}
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "usage: scripts/release.sh X.Y.Z [--push]" >&2; exit 2; }
tag="v$version"
major="v${version%%.*}"

fail() { echo "release: $*" >&2; exit 1; }
[ -z "$(git status --porcelain)" ] || fail "the working tree has uncommitted changes"
[ "$(node -p 'require("./package.json").version')" = "$version" ] || fail "package.json version is not $version"
grep -q "^## \[$version\]" CHANGELOG.md || fail "CHANGELOG.md has no '## [$version]' entry"
! git rev-parse -q --verify "refs/tags/$tag" >/dev/null || fail "tag $tag exists already"
if [ "${SKIP_DIST_CHECK:-}" != 1 ]; then bash scripts/check-dist.sh >/dev/null || fail "dist/ is stale"; fi

git tag -a "$tag" -m "clb-task-wait $tag"
git tag -f -a "$major" -m "clb-task-wait $major (at $tag)" >/dev/null
echo "tagged $tag and moved $major to $(git rev-parse --short HEAD)"
if [ "${2:-}" = --push ]; then
  git push origin "$tag"
  git push --force origin "$major"
else
  echo "push with: git push origin $tag && git push --force origin $major"
fi
