#!/usr/bin/env bash
# Pushes the release tags (v<tailscale>-mt.<N>) that point at HEAD and that
# origin does not have yet; run after `tailscale:tag -Dtailscale.autoTag`.
# No tag on HEAD (no new Tailscale version) is the normal case: nothing to do.
set -euo pipefail

mapfile -t tags < <(git tag --points-at HEAD --list 'v*-mt.*')
if ((${#tags[@]} == 0)); then
    echo "push-release-tags: no release tag on HEAD, nothing to push"
    exit 0
fi
for tag in "${tags[@]}"; do
    if git ls-remote --exit-code --tags origin "refs/tags/$tag" >/dev/null 2>&1; then
        echo "push-release-tags: $tag is already on origin"
    else
        git push origin "refs/tags/$tag"
        echo "push-release-tags: pushed $tag"
    fi
done
