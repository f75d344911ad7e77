#!/usr/bin/env bash
# Rebuilds a published release from its git tag and compares it, digest by digest, with
# what the registry serves under that tag: one line per platform ("match", or "differs"
# naming the manifest, config or layer), then the manifest list. Exits 0 only when every
# platform and the list are identical, 1 on a difference, 2 on bad arguments.
#
# The tag is checked out in a temporary git worktree (your checkout is not touched) and
# built from clean state (-Dtailscale.noCache) with the bases the release used
# (-Plocal-bases: Debian packages and the Go module proxy, see docs/DESIGN.md); publish's
# layer rewriting with the tag's commit time as SOURCE_DATE_EPOCH makes the digests
# comparable. Nothing is pushed; a public image needs no credentials.
#
# Usage: .ci/rebuild-release.sh <tag> <registry/namespace/name> [extra Maven arguments]
#   e.g. .ci/rebuild-release.sh v1.102.5-mt.3 ghcr.io/example/mikrotik-tailscale
#        .ci/rebuild-release.sh v1.102.5-mt.3 localhost:5000/test/tailscale -Dtailscale.platforms=amd64,arm64
# Environment: REBUILD_KEEP=1 keeps the worktree (its path is printed).
# Takes as long as a release build: 4 to 8 min for amd64 and arm64 on 2 cores (measured),
# more for all four platforms.
set -euo pipefail

if (($# < 2)) || [[ $1 == -* ]]; then
  sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
  exit 2
fi
tag=$1 image=$2
shift 2
if [[ $image != */* || $image == *:* && ${image##*/} == *:* ]]; then
  echo "rebuild-release: '$image' is not registry/namespace/name without a tag (e.g. ghcr.io/owner/mikrotik-tailscale)" >&2
  exit 2
fi
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if ! git -C "$repo" rev-parse -q --verify "refs/tags/$tag^{commit}" >/dev/null; then
  echo "rebuild-release: no tag '$tag' in $repo; fetch it first (git fetch origin tag $tag)" >&2
  exit 2
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/rebuild-$tag.XXXXXX")
cleanup() {
  if [[ ${REBUILD_KEEP:-0} == 1 ]]; then
    echo "rebuild-release: kept $work/src"
  else
    git -C "$repo" worktree remove --force "$work/src" >/dev/null 2>&1 || true
    rm -rf "$work"
  fi
}
trap cleanup EXIT
git -C "$repo" worktree add -q --detach "$work/src" "$tag"
echo "rebuild-release: $tag ($(git -C "$work/src" log -1 --format='%h, committed %cI') in $work/src"

cd "$work/src"
status=0
./mvnw -B -ntp -pl image-project -am verify -Plocal-bases,rebuild-release \
  -DskipTests -Dinvoker.skip -Dtailscale.smoke.skip -Dtailscale.noCache=true \
  -Dtailscale.imageVersion="$tag" -Dregistry.host="${image%%/*}" -Dimage.repository="${image#*/}" \
  "$@" > "$work/build.log" 2>&1 || status=$?
# The comparison's own lines, then Maven's verdict.
sed -n -e 's/^\[\(INFO\|ERROR\)\] *//' -e '/^Rebuilt /,/^manifest list: /p' "$work/build.log"
if ((status != 0)); then
  grep -E '^\[ERROR\]' "$work/build.log" | head -n 15 >&2
  echo "rebuild-release: $tag does NOT match $image:$tag (or the rebuild failed); full log: $work/build.log" >&2
  REBUILD_KEEP=1
  exit 1
fi
grep -E 'is exactly what' "$work/build.log" | sed 's/^\[INFO\] //'
