#!/usr/bin/env bash
# Tags a release: vX.Y.Z on HEAD, after checking that the tree is clean, package.json carries
# the version, CHANGELOG.md has its section and dist/ is what the sources build. Pushing the
# tag starts .github/workflows/release.yml, which does the rest where it can be verified:
# every check, npm publish with provenance, the build attestations, the GitHub release with
# the CHANGELOG notes, and moving the major tag vX.
#   scripts/release.sh 1.2.3          tag locally, print the push command
#   scripts/release.sh 1.2.3 --push   also push the tag to origin (starts the release)
set -euo pipefail
cd "$(dirname "$0")/.."

version=${1:-}
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "usage: scripts/release.sh X.Y.Z [--push]" >&2; exit 2; }
tag="v$version"

fail() { echo "release: $*" >&2; exit 1; }
[ -z "$(git status --porcelain)" ] || fail "the working tree has uncommitted changes"
[ "$(node -p 'require("./package.json").version')" = "$version" ] || fail "package.json version is not $version"
grep -q "^## \[$version\]" CHANGELOG.md || fail "CHANGELOG.md has no '## [$version]' entry"
! git rev-parse -q --verify "refs/tags/$tag" >/dev/null || fail "tag $tag exists already"
if [ "${SKIP_DIST_CHECK:-}" != 1 ]; then bash scripts/check-dist.sh >/dev/null || fail "dist/ is stale"; fi

git tag -a "$tag" -m "clb-task-wait $tag"
echo "tagged $tag at $(git rev-parse --short HEAD)"
if [ "${2:-}" = --push ]; then
  git push origin "$tag"
else
  echo "push with: git push origin $tag (the release workflow publishes it and moves v${version%%.*})"
fi
