#!/usr/bin/env bash
# Builds the small per-platform base images the end-to-end tests build FROM, so no
# test pulls anything: tailscale-e2e/base:{amd64,arm64,armv7}, each FROM scratch with
# Debian's static busybox for that architecture (a shell and the usual tools).
# Idempotent: images that exist are kept. Needs the toolchain of setup-docker.sh.
#
# Usage: .ci/lib/e2e-base-images.sh [--force]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=trixie-apt.sh
source "$here/trixie-apt.sh"

repository=tailscale-e2e/base
force=${1:-}
log() { printf '[e2e-bases] %s\n' "$*" >&2; }

missing=()
for tag in amd64 arm64 armv7; do
  if [[ $force == --force ]] || ! docker image inspect "$repository:$tag" >/dev/null 2>&1; then
    missing+=("$tag")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  log "base images present"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The static busybox of one Debian architecture, as a plain file.
fetch_busybox() { # debian-arch destination
  local arch=$1 dest=$2 deb unpacked="$work/unpack-$1"
  if [[ $arch == "$(dpkg --print-architecture)" && -x /bin/busybox ]] && file -L /bin/busybox 2>/dev/null | grep -q static; then
    cp /bin/busybox "$dest"
    return
  fi
  mkdir -p "$work/debs-$arch"
  # trixie first; the mirror's trixie armhf index has been seen broken for good,
  # and bookworm's busybox does just as well for a test shell.
  deb=$(PRIVATE_APT_RETRIES=2 PRIVATE_APT_ARCHS=$arch trixie_apt_download "$work/debs-$arch" "busybox-static:$arch" 2>/dev/null | tail -n1) \
    || deb=$(PRIVATE_APT_SUITE=bookworm PRIVATE_APT_ARCHS=$arch trixie_apt_download "$work/debs-$arch" "busybox-static:$arch" | tail -n1)
  dpkg-deb -x "$deb" "$unpacked"
  # trixie keeps it in usr/bin, bookworm in bin
  if [[ -f $unpacked/usr/bin/busybox ]]; then cp "$unpacked/usr/bin/busybox" "$dest"; else cp "$unpacked/bin/busybox" "$dest"; fi
}

for tag in "${missing[@]}"; do
  case $tag in
    amd64) platform=linux/amd64 arch=amd64 ;;
    arm64) platform=linux/arm64 arch=arm64 ;;
    armv7) platform=linux/arm/v7 arch=armhf ;;
  esac
  context="$work/$tag"
  mkdir -p "$context"
  fetch_busybox "$arch" "$context/busybox"
  chmod 0755 "$context/busybox"
  cat > "$context/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
CMD ["/bin/sh"]
DOCKERFILE
  log "building $repository:$tag ($platform)"
  docker buildx build --progress=quiet --network host --platform "$platform" --load -t "$repository:$tag" "$context" >/dev/null
done
log "base images ready: $(docker image ls --format '{{.Repository}}:{{.Tag}}' "$repository" | sort | tr '\n' ' ')"
