#!/usr/bin/env bash
# Builds the base images the real Tailscale image build starts from, out of Debian
# packages and the Go module proxy only (no Docker Hub, no GitHub, no busybox.net):
#
#   builder  local/tailscale-builder:trixie         build platform: Debian trixie, Go,
#            git, upx, CA bundle (cross-compiles Tailscale, UPX-packs both binaries)
#   cross    local/tailscale-busybox-cross:trixie   build platform: gcc and musl for
#            amd64, arm64, armhf and armel, make, perl, bzip2 and the busybox source
#            tarball (for tailscale.busyboxCrossCompile=true: busybox without QEMU; the
#            only way to an armv5 busybox, as no Alpine image exists for ARMv5)
#   amd64, arm64, armv7, armv5   local/tailscale-busybox-stage:<platform>   one per target
#            platform, Debian of that architecture (second debootstrap stage under QEMU):
#            gcc, musl-gcc, headers, perl, bzip2, busybox source; for compiling busybox
#            on the target platform, the plugin's default (minutes under QEMU instead of
#            seconds; FROM local/tailscale-busybox-stage:$TARGETARCH$TARGETVARIANT)
#
# image-project's `local-bases` profile runs this script (builder and cross) and points
# the plugin at those two images.
#
# Idempotent: an image is rebuilt only when its inputs (suite, architecture, package
# list, Go and busybox versions, its Dockerfile) changed; each image carries a hash of
# them in a label. Downloads (.debs, the Go toolchain, the busybox source) and finished
# root filesystems are kept under $BASES_CACHE, so a rebuild after `docker image rm`
# takes seconds.
#
# Usage: .ci/bases/build-local-bases.sh [--force] [builder] [cross] [amd64] [arm64] [armv7] [armv5]
#   (no names: builder and cross)            --force: rebuild even when up to date
# Environment:
#   BASES_CACHE        cache directory (default /var/cache/mikrotik-tailscale-bases)
#   GO_VERSION         Go release for the builder, from the Go module proxy (default 1.26.8,
#                      as the default golang:1.26.8-alpine builder)
#   BASES_GOROOT       copy this local Go installation instead of downloading one
#   BUSYBOX_VERSION    busybox source to place in the stage images (default 1.37.0)
#   BASES_EXTRA_CA_DIR CA certificates (*.crt) the builder trusts for its downloads, for a
#                      proxy that re-signs TLS (default /usr/local/share/ca-certificates;
#                      empty: none); never added to the CA bundle the image ships
#   BASES_PIN          what to do when a root filesystem's exact package versions (and Go and
#                      busybox inputs) differ from the pinned ones in .ci/bases/pinned/:
#                      warn (default) prints the difference, check fails (.ci/run: CI tests
#                      exactly the pinned bases, which releases are built from), update
#                      rewrites the pinned lists (commit them: CI then tests the new bases)
#   BASES_SKIP_SETUP=1 do not run .ci/setup-docker.sh first
#   BASES_CROSS_TAG    the cross image's tag (default local/tailscale-busybox-cross:trixie):
#                      another tag, with another BASES_CACHE, tries a changed recipe without
#                      replacing the image other builds on the same engine use
# Needs root (debootstrap, chroot) and, for the per-platform images, QEMU binfmt
# handlers; .ci/setup-docker.sh provides them and is run first.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=../lib/trixie-apt.sh
source "$repo/.ci/lib/trixie-apt.sh"

CACHE=${BASES_CACHE:-/var/cache/mikrotik-tailscale-bases}
GO_VERSION=${GO_VERSION:-1.26.8}
BUSYBOX_VERSION=${BUSYBOX_VERSION:-1.37.0}
BUILDER_TAG=local/tailscale-builder:trixie
CROSS_TAG=${BASES_CROSS_TAG:-local/tailscale-busybox-cross:trixie}
STAGE_REPOSITORY=local/tailscale-busybox-stage
INPUTS_LABEL=io.github.mikrotiktailscale.base.inputs
# sha256 of the image's pinned list (below): which exact bases an image was made from
IDENTITY_LABEL=io.github.mikrotiktailscale.base.identity
PINNED=$here/pinned
PIN_MODE=${BASES_PIN:-warn}

# The upstream release tarball's SHA-256 as busybox.net publishes it; Debian ships the
# same file as its .orig tarball. Add a line when raising BUSYBOX_VERSION.
declare -A BUSYBOX_SHA256=(
  [1.37.0]=3311dff32e746499f4df0d5df04d7eb396382d7e108bb9250e7b519b837043a4
)

# Builder: git for the git source strategy and `git apply` of source patches, upx-ucl
# (4.2.4, trixie only) packs both binaries, ca-certificates is the image's CA bundle.
BUILDER_PACKAGES=git,upx-ucl,ca-certificates
# Busybox stage: a native compiler for the target platform, kernel headers, musl-gcc
# (a static musl busybox, as on Alpine: smaller than glibc's and without its NSS
# warnings), perl and bzip2 for the source tarball and build.
STAGE_PACKAGES=gcc,make,libc6-dev,linux-libc-dev,musl-tools,perl,bzip2

started=$SECONDS
force=0
wanted=()
for arg in "$@"; do
  case $arg in
    --force) force=1 ;;
    builder | cross | amd64 | arm64 | armv7 | armv5) wanted+=("$arg") ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-local-bases: unknown argument '$arg' (builder, cross, amd64, arm64, armv7, armv5, --force)" >&2; exit 2 ;;
  esac
done
((${#wanted[@]})) || wanted=(builder cross)

log() { printf '[bases %4ds] %s\n' "$((SECONDS - started))" "$*" >&2; }
die() { printf '[bases] ERROR: %s\n' "$*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root (debootstrap and chroot need it)"
[[ -n ${BUSYBOX_SHA256[$BUSYBOX_VERSION]:-} ]] \
  || die "no known SHA-256 for busybox $BUSYBOX_VERSION: add it to BUSYBOX_SHA256 in $0"

if [[ ${BASES_SKIP_SETUP:-0} != 1 ]]; then
  "$repo/.ci/setup-docker.sh" 2>&1 | sed 's/^/  /' >&2
fi
command -v debootstrap >/dev/null || die "debootstrap is missing (apt-get install debootstrap)"

mkdir -p "$CACHE"/{debs,rootfs,work,src}
# One run at a time: two runs would debootstrap into the same work directories.
exec 8>>"$CACHE/.lock"
flock 8

mirror=$(trixie_apt_mirror) || die "no Debian mirror found in the system's apt sources"
work=""
cleanup() {
  [[ -n $work && -d $work ]] || return 0
  local m
  # A failed second stage can leave proc/sys mounted inside the root filesystem.
  for m in proc sys dev/pts; do
    mountpoint -q "$work/rootfs/$m" 2>/dev/null && umount -l "$work/rootfs/$m" || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

# --- inputs and up-to-date check ------------------------------------------------------

# Bump when the way a root filesystem is made changes (packages, links, files placed);
# the cached tarballs are named after it, so old ones are simply not used any more.
ROOTFS_RECIPE=1

# What a root filesystem is made from.
rootfs_key() { # kind arch suite packages other-inputs...
  printf '%s\n' "recipe=$ROOTFS_RECIPE" "$@" | sha256sum | cut -c1-16
}

# What an image is made from: its root filesystem and its Dockerfile.
image_key() { # rootfs-key context-dir
  { echo "$1"; find "$2" -type f ! -name rootfs.tar | sort | xargs cat; } | sha256sum | cut -c1-16
}

image_current() { # tag hash
  ((force == 0)) || return 1
  [[ "$(docker image inspect --format "{{ index .Config.Labels \"$INPUTS_LABEL\" }}" "$1" 2>/dev/null)" == "$2" ]]
}

# trixie where the mirror's index for the architecture is sound, bookworm otherwise:
# trixie's armhf Packages file has been seen stuck mid-sync for good on this project's
# mirror, and debootstrap cannot work around a broken index.
suite_for() { # debian-arch
  local arch=$1 release expected actual
  if [[ -n ${BASES_SUITE:-} ]]; then echo "$BASES_SUITE"; return; fi
  release=$(curl -fsS --max-time 30 "$mirror/dists/trixie/Release" 2>/dev/null) || { echo trixie; return; }
  expected=$(awk -v f="main/binary-$arch/Packages.xz" '/^SHA256:/ { s = 1; next } /^[^ ]/ { s = 0 } s && $3 == f { print $2; exit }' <<<"$release")
  actual=$(curl -fsSI --max-time 30 "$mirror/dists/trixie/main/binary-$arch/Packages.xz" 2>/dev/null \
    | tr -d '\r' | awk 'tolower($1) == "content-length:" { print $2 }' | tail -n1)
  if [[ -n $expected && -n $actual && $expected != "$actual" ]]; then
    log "trixie's $arch index is broken on the mirror (Packages.xz: $actual bytes, Release says $expected): using bookworm"
    echo bookworm
  else
    echo trixie
  fi
}

# --- root filesystems -----------------------------------------------------------------

# debootstrap minbase with extra packages, the second stage under QEMU for foreign
# architectures; the result is cached as a tarball named after the inputs.
debootstrap_rootfs() { # suite arch packages target-dir
  local suite=$1 arch=$2 packages=$3 target=$4 debs="$CACHE/debs/$1-$2" t0=$SECONDS
  mkdir -p "$debs"
  local -a args=(--variant=minbase --arch="$arch" --include="$packages" --cache-dir="$debs"
    --keyring=/usr/share/keyrings/debian-archive-keyring.gpg)
  if [[ $arch != "$(dpkg --print-architecture)" ]]; then
    [[ -e /proc/sys/fs/binfmt_misc/$(qemu_handler "$arch") ]] \
      || die "no QEMU binfmt handler for $arch: run .ci/setup-docker.sh"
    log "  debootstrap $suite $arch, first stage"
    debootstrap --foreign "${args[@]}" "$suite" "$target" "$mirror" > "$work/debootstrap.log" 2>&1 \
      || { tail -n 30 "$work/debootstrap.log" >&2; die "debootstrap $suite $arch failed (first stage)"; }
    log "  debootstrap $suite $arch, second stage under QEMU ($((SECONDS - t0)) s so far)"
    chroot "$target" /debootstrap/debootstrap --second-stage >> "$work/debootstrap.log" 2>&1 \
      || { tail -n 30 "$work/debootstrap.log" >&2; die "debootstrap $suite $arch failed (second stage)"; }
  else
    log "  debootstrap $suite $arch"
    debootstrap "${args[@]}" "$suite" "$target" "$mirror" > "$work/debootstrap.log" 2>&1 \
      || { tail -n 30 "$work/debootstrap.log" >&2; die "debootstrap $suite $arch failed"; }
  fi
  log "  debootstrap done in $((SECONDS - t0)) s"
}

qemu_handler() {
  case $1 in arm64) echo qemu-aarch64 ;; armhf | armel) echo qemu-arm ;; *) echo "qemu-$1" ;; esac
}

# Leaves out what no build step reads; the images are build stages, never shipped.
slim_rootfs() { # dir
  local r=$1
  rm -rf "$r"/var/cache/apt/archives/*.deb "$r"/var/lib/apt/lists/* "$r"/usr/share/doc/* \
    "$r"/usr/share/man/* "$r"/usr/share/info/* "$r"/usr/share/locale/* "$r"/var/log/*.log \
    "$r"/debootstrap
  # Build steps run as root with HOME=/root; the Go module and build caches are mounts.
  mkdir -p "$r/root" "$r/tmp"
  chmod 1777 "$r/tmp"
}

# The package list of a root filesystem, read on the host (no QEMU needed).
record_packages() { # dir
  dpkg-query --admindir="$1/var/lib/dpkg" -W -f '${Package} ${Version} ${Architecture}\n' \
    > "$1/etc/mikrotik-tailscale-base.packages"
}

pack_rootfs() { # dir tarball
  # Device nodes and kernel file systems are the container runtime's business.
  tar --numeric-owner --exclude=./dev/* --exclude=./proc/* --exclude=./sys/* \
    -C "$1" -cf "$2.partial" .
  mv -f "$2.partial" "$2"
}

# --- Go toolchain ---------------------------------------------------------------------

# The official Go release for linux/<goarch>, as the Go module proxy serves it
# (golang.org/toolchain, what GOTOOLCHAIN downloads), verified against the checksum
# database by `go mod download`; or a local GOROOT when BASES_GOROOT is set.
install_go() { # rootfs goarch
  local root=$1 goarch=$2 dir
  if [[ -n ${BASES_GOROOT:-} ]]; then
    [[ -x $BASES_GOROOT/bin/go ]] || die "BASES_GOROOT=$BASES_GOROOT has no bin/go"
    log "  Go: copying $("$BASES_GOROOT/bin/go" version) from $BASES_GOROOT"
    cp -a "$BASES_GOROOT" "$root/usr/local/go"
  else
    command -v go >/dev/null \
      || die "a Go command is needed to download the Go toolchain (or set BASES_GOROOT to a Go installation)"
    local mod="golang.org/toolchain@v0.0.1-go$GO_VERSION.linux-$goarch" fetch="$CACHE/work/go-fetch"
    log "  Go: $mod from ${GOPROXY:-the default Go proxy}"
    mkdir -p "$fetch"
    [[ -f $fetch/go.mod ]] || (cd "$fetch" && GOTOOLCHAIN=local go mod init fetch >/dev/null 2>&1)
    dir=$(cd "$fetch" && GOMODCACHE="$CACHE/gomod" GOTOOLCHAIN=local GOFLAGS=-mod=mod \
      go mod download -json "$mod" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
    [[ -n $dir && -x $dir/bin ]] || die "go mod download $mod failed"
    cp -R "$dir" "$root/usr/local/go"
    chmod -R u+w "$root/usr/local/go"
    # Module zips carry no file modes; GOTOOLCHAIN sets these after unpacking, so do we.
    chmod 0755 "$root"/usr/local/go/bin/* "$root"/usr/local/go/pkg/tool/*/*
  fi
  if [[ $goarch == "$(dpkg --print-architecture)" ]]; then
    "$root/usr/local/go/bin/go" version | grep -q . || die "the Go toolchain copied into the builder does not run"
  fi
}

# --- busybox source ---------------------------------------------------------------------

# Debian's source package (its signed index vouches for the files), whose .orig
# tarball is the upstream release: checked against upstream's SHA-256.
busybox_tarball() {
  local out="$CACHE/src/busybox-$BUSYBOX_VERSION.tar.bz2" want=${BUSYBOX_SHA256[$BUSYBOX_VERSION]} tmp orig
  if [[ -f $out ]] && echo "$want  $out" | sha256sum -c --status -; then
    echo "$out"; return
  fi
  log "busybox $BUSYBOX_VERSION source: Debian source package"
  tmp=$(mktemp -d "$CACHE/work/src.XXXXXX")
  trixie_apt_source "$tmp" "busybox" >/dev/null || die "could not download Debian's busybox source package"
  orig=$(find "$tmp" -name "busybox_$BUSYBOX_VERSION.orig.tar.*" | head -n1)
  [[ -n $orig ]] || die "Debian's busybox source is not $BUSYBOX_VERSION: $(ls "$tmp" | tr '\n' ' ')"
  echo "$want  $orig" | sha256sum -c --status - \
    || die "busybox_$BUSYBOX_VERSION.orig tarball's SHA-256 $(sha256sum < "$orig" | cut -c1-64) is not upstream's $want"
  mv -f "$orig" "$out"
  rm -rf "$tmp"
  echo "$out"
}

# --- images -----------------------------------------------------------------------------

build_image() { # platform tag hash context identity
  local t0=$SECONDS
  docker buildx build --progress=plain --network host --platform "$1" --load -t "$2" \
    --label "$INPUTS_LABEL=$3" --label "$IDENTITY_LABEL=$5" "$4" > "$work/buildx.log" 2>&1 \
    || { tail -n 40 "$work/buildx.log" >&2; die "docker buildx build of $2 failed"; }
  grep -E '^#[0-9]+ [0-9.]+ ' "$work/buildx.log" | sed -n 's/^#[0-9]* [0-9.]* /    /p' | tail -n 6 >&2 || true
  log "  image $2 built in $((SECONDS - t0)) s ($(docker image inspect --format '{{.Size}}' "$2" | numfmt --to=iec) unpacked)"
}

# A static musl program that includes kernel headers, as busybox's networking applets do:
# compiling and running it proves a stage can build busybox.
write_musl_probe() { # file
  cat > "$1" <<'EOF'
#include <linux/if_tun.h>
#include <netinet/in.h>
#include <stdio.h>
int main(void) { printf("static musl program runs (IFF_TUN=%d)\n", IFF_TUN); return 0; }
EOF
}

new_work() {
  cleanup
  work=$(mktemp -d "$CACHE/work/image.XXXXXX")
  mkdir -p "$work/context"
}

# Puts the root filesystem into the build context: from the cache, or made by the
# given function (which fills $work/rootfs) and then cached.
provide_rootfs() { # tarball make-function args...
  local tarball=$1
  shift
  if [[ -f $tarball ]]; then
    log "  root filesystem from the cache: ${tarball##*/}"
  else
    "$@"
    slim_rootfs "$work/rootfs"
    record_packages "$work/rootfs"
    pack_rootfs "$work/rootfs" "$tarball"
    rm -rf "$work/rootfs"
    # Older root filesystems of the same image (other inputs) are not used any more.
    local name=${tarball##*/}
    find "$CACHE/rootfs" -maxdepth 1 -name "${name%-*}-*.tar" ! -name "$name" -delete
  fi
  ln "$tarball" "$work/context/rootfs.tar" 2>/dev/null || cp "$tarball" "$work/context/rootfs.tar"
}

# --- pinned bases -------------------------------------------------------------------------

# What a base is made of, exactly: every Debian package with its version (as recorded in
# the root filesystem), foreign packages unpacked into it, and the other inputs (Go
# release, busybox source checksum). Releases are built from the bases CI tested, so
# these lists are committed (.ci/bases/pinned/<kind>-<arch>.txt) and compared here.
pinned_content() { # tarball inputs...
  local tarball=$1
  shift
  printf 'input %s\n' "$@"
  tar -xOf "$tarball" ./etc/mikrotik-tailscale-base.packages | sort
  tar -xOf "$tarball" ./etc/mikrotik-tailscale-base.extra 2>/dev/null | sed 's/^/unpacked /' | sort || true
}

# Compares the root filesystem with its pinned list (BASES_PIN) and prints its identity.
check_pinned() { # pin-name tarball inputs...
  local name=$1 tarball=$2 file="$PINNED/$1.txt" actual
  shift 2
  actual=$(pinned_content "$tarball" "$@")
  if [[ $PIN_MODE == update ]]; then
    mkdir -p "$PINNED"
    printf '%s\n' "$actual" > "$file"
    log "  pinned $file (commit it: CI then tests these bases)"
  elif [[ ! -f $file ]] || [[ $actual != "$(cat "$file")" ]]; then
    local what="the bases of $name differ from the pinned ones in ${file#"$repo"/}"
    [[ -f $file ]] || what="nothing is pinned for $name (${file#"$repo"/})"
    {
      echo "[bases] $what (- pinned, + this machine):"
      diff <(cat "$file" 2>/dev/null) <(printf '%s\n' "$actual") | grep '^[<>]' | sed 's/^</  -/; s/^>/  +/' | head -n 40 || true
    } >&2
    case $PIN_MODE in
      check) die "releases are built from the bases CI tested, and these are not them (Debian's mirror serves only its newest versions): run with BASES_PIN=update, commit .ci/bases/pinned/ and let CI test the new bases before releasing" ;;
      *) log "  (BASES_PIN=$PIN_MODE: continuing; a release needs the pinned bases)" ;;
    esac
  fi
  printf '%s\n' "$actual" | sha256sum | cut -c1-64
}

# An up-to-date image is checked too: from its cached root filesystem, or, when the cache
# was cleared, by the identity label it carries.
pin_current() { # pin-name tarball tag inputs...
  local name=$1 tarball=$2 tag=$3 have want=""
  shift 3
  if [[ -f $tarball ]]; then
    check_pinned "$name" "$tarball" "$@" >/dev/null
    return
  fi
  have=$(docker image inspect --format "{{ index .Config.Labels \"$IDENTITY_LABEL\" }}" "$tag" 2>/dev/null)
  [[ -f $PINNED/$name.txt ]] && want=$(sha256sum < "$PINNED/$name.txt" | cut -c1-64)
  [[ $have == "$want" ]] && return
  case $PIN_MODE in
    check) die "$tag (identity $have) is not the pinned $name (${want:-nothing pinned}); rebuild it with --force to see the difference" ;;
    *) log "  $tag is not the pinned $name (BASES_PIN=$PIN_MODE: continuing; rebuild with --force to see why)" ;;
  esac
}

build_builder() {
  local arch suite fs_key key t0=$SECONDS
  arch=$(dpkg --print-architecture)
  suite=trixie # upx-ucl is in trixie only
  fs_key=$(rootfs_key builder "$arch" "$suite" "$BUILDER_PACKAGES" "go=$GO_VERSION" "goroot=${BASES_GOROOT:-}")
  new_work
  local trust
  trust=$(download_trust "$work/context")
  # GOTOOLCHAIN=local: the Go of this image builds, never one fetched behind our back;
  # a Tailscale release that needs a newer Go fails with a clear message instead.
  cat > "$work/context/Dockerfile" <<EOF
FROM scratch
ADD rootfs.tar /
ENV PATH=/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \\
    HOME=/root GOPATH=/root/go GOTOOLCHAIN=local LANG=C.UTF-8 GOLANG_VERSION=$GO_VERSION
LABEL org.opencontainers.image.description="Tailscale builder: Debian $suite, Go $GO_VERSION, git, upx, CA bundle"
$trust
RUN go version && git --version && upx --version | head -n1 && test -s /etc/ssl/certs/ca-certificates.crt
CMD ["/bin/bash"]
EOF
  key=$(image_key "$fs_key" "$work/context")
  local tarball="$CACHE/rootfs/builder-$suite-$arch-$fs_key.tar" pin="builder-$arch" identity
  local -a inputs=("suite=$suite" "go=$GO_VERSION")
  if image_current "$BUILDER_TAG" "$key"; then
    pin_current "$pin" "$tarball" "$BUILDER_TAG" "${inputs[@]}"
    log "$BUILDER_TAG: up to date"
    return
  fi
  log "$BUILDER_TAG: Debian $suite $arch + Go $GO_VERSION"
  provide_rootfs "$tarball" make_builder_rootfs "$suite" "$arch"
  identity=$(check_pinned "$pin" "$tarball" "${inputs[@]}")
  build_image "linux/$arch" "$BUILDER_TAG" "$key" "$work/context" "$identity"
  log "$BUILDER_TAG: done in $((SECONDS - t0)) s"
}

# The machine's own local CAs (Debian keeps them in /usr/local/share/ca-certificates), for
# a network whose proxy re-signs TLS: Go and git in the builder then trust it when they
# download. They go into a separate bundle named by SSL_CERT_FILE and GIT_SSL_CAINFO;
# /etc/ssl/certs/ca-certificates.crt, which the image ships, stays Debian's own.
# Prints the Dockerfile lines (none when there are no local CAs).
download_trust() { # context-dir
  local dir=${BASES_EXTRA_CA_DIR-/usr/local/share/ca-certificates} f n=0
  [[ -n $dir && -d $dir ]] || return 0
  mkdir -p "$1/local-ca"
  while IFS= read -r f; do
    cp "$f" "$1/local-ca/"
    n=$((n + 1))
  done < <(find "$dir" -type f -name '*.crt' | sort)
  ((n)) || return 0
  log "  builder downloads also trust $n local CA certificate(s) from $dir (not part of the image's bundle)"
  cat <<'EOF'
COPY local-ca/ /usr/local/share/download-ca/
RUN cat /etc/ssl/certs/ca-certificates.crt /usr/local/share/download-ca/*.crt > /etc/ssl/download-ca.crt
ENV SSL_CERT_FILE=/etc/ssl/download-ca.crt GIT_SSL_CAINFO=/etc/ssl/download-ca.crt
EOF
}

make_builder_rootfs() { # suite arch
  debootstrap_rootfs "$1" "$2" "$BUILDER_PACKAGES" "$work/rootfs"
  install_go "$work/rootfs" "$2"
}

build_stage() { # short platform name
  local short=$1 platform arch suite fs_key key tag="$STAGE_REPOSITORY:$1" t0=$SECONDS
  case $short in
    amd64) platform=linux/amd64 arch=amd64 ;;
    arm64) platform=linux/arm64 arch=arm64 ;;
    armv7) platform=linux/arm/v7 arch=armhf ;;
    armv5) platform=linux/arm/v5 arch=armel ;;
  esac
  suite=$(suite_for "$arch")
  fs_key=$(rootfs_key busybox-stage "$arch" "$suite" "$STAGE_PACKAGES" "busybox=$BUSYBOX_VERSION")
  new_work
  # The smoke test compiles a static musl program that includes kernel headers, as
  # busybox's networking applets do, and runs it (under QEMU when foreign).
  write_musl_probe "$work/context/smoke-test.c"
  cat > "$work/context/Dockerfile" <<EOF
FROM scratch
ADD rootfs.tar /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8
LABEL org.opencontainers.image.description="busybox build stage for $platform: Debian $suite, gcc, musl-gcc, busybox $BUSYBOX_VERSION source"
COPY smoke-test.c /root/
RUN musl-gcc -static -Os -o /root/smoke-test /root/smoke-test.c && /root/smoke-test \\
 && rm /root/smoke-test /root/smoke-test.c && gcc --version | head -n1 \\
 && test -f /tmp/busybox-$BUSYBOX_VERSION.tar.bz2
CMD ["/bin/bash"]
EOF
  key=$(image_key "$fs_key" "$work/context")
  local tarball="$CACHE/rootfs/busybox-stage-$suite-$arch-$fs_key.tar" pin="busybox-stage-$arch" identity
  local -a inputs=("suite=$suite" "busybox=$BUSYBOX_VERSION sha256=${BUSYBOX_SHA256[$BUSYBOX_VERSION]}")
  if image_current "$tag" "$key"; then
    pin_current "$pin" "$tarball" "$tag" "${inputs[@]}"
    log "$tag: up to date"
    return
  fi
  log "$tag: Debian $suite $arch ($platform)"
  provide_rootfs "$tarball" make_stage_rootfs "$suite" "$arch"
  identity=$(check_pinned "$pin" "$tarball" "${inputs[@]}")
  build_image "$platform" "$tag" "$key" "$work/context" "$identity"
  log "$tag: done in $((SECONDS - t0)) s"
}

make_stage_rootfs() { # suite arch
  local source
  source=$(busybox_tarball)
  debootstrap_rootfs "$1" "$2" "$STAGE_PACKAGES" "$work/rootfs"
  link_musl_kernel_headers "$work/rootfs"
  # Where the generated build-busybox.sh looks before it would download anything.
  cp "$source" "$work/rootfs/tmp/busybox-$BUSYBOX_VERSION.tar.bz2"
}

# --- the cross-compiling busybox stage ------------------------------------------------

# Debian architecture -> GNU triplet, musl triplet, Debian's name in cross packages.
# armel is ARMv5TE with soft float (Debian's baseline for it), the ARMv5 routers' ABI.
declare -A GNU_TRIPLET=([amd64]=x86_64-linux-gnu [arm64]=aarch64-linux-gnu [armhf]=arm-linux-gnueabihf
  [armel]=arm-linux-gnueabi)
declare -A MUSL_TRIPLET=([amd64]=x86_64-linux-musl [arm64]=aarch64-linux-musl [armhf]=arm-linux-musleabihf
  [armel]=arm-linux-musleabi)
declare -A CROSS_NAME=([amd64]=x86-64 [arm64]=aarch64 [armhf]=arm [armel]=arm)
TARGET_ARCHS=(amd64 arm64 armhf armel)

# Cross gcc and kernel headers for every target but the build machine's own.
cross_packages() { # native-arch
  local arch list=$STAGE_PACKAGES
  for arch in "${TARGET_ARCHS[@]}"; do
    [[ $arch == "$1" ]] && continue
    # gcc-aarch64-linux-gnu, gcc-arm-linux-gnueabihf, gcc-arm-linux-gnueabi, gcc-x86-64-linux-gnu
    list+=",gcc-${CROSS_NAME[$arch]}-${GNU_TRIPLET[$arch]#*-}"
    list+=",linux-libc-dev-$arch-cross"
  done
  echo "$list"
}

# Debian's musl-dev of another architecture, unpacked into the root filesystem (not
# installed: dpkg would need that architecture added). It brings musl's headers,
# libc.a, start files and an <triplet>-linux-musl-gcc wrapper that runs the cross gcc
# with musl's specs; its kernel headers come from the cross package.
add_foreign_musl() { # rootfs arch suite
  local root=$1 arch=$2 suite=$3 debs="$CACHE/debs/musl-$3-$2" deb musl gnu h
  mkdir -p "$debs"
  deb=$(find "$debs" -name "musl-dev_*_$arch.deb" | head -n1)
  if [[ -z $deb ]]; then
    deb=$(PRIVATE_APT_SUITE=$suite PRIVATE_APT_ARCHS=$arch trixie_apt_download "$debs" "musl-dev:$arch" | tail -n1) \
      || die "could not download musl-dev:$arch from $suite"
  fi
  log "  musl for $arch: ${deb##*/}"
  dpkg-deb -x "$deb" "$root"
  dpkg-deb -f "$deb" Package Version Architecture | paste -sd' ' >> "$root/etc/mikrotik-tailscale-base.extra"
  musl=$root/usr/include/${MUSL_TRIPLET[$arch]}
  gnu=/usr/${GNU_TRIPLET[$arch]}/include
  [[ -d $musl && -d $root$gnu/asm ]] || die "musl or kernel headers for $arch missing in the root filesystem"
  for h in linux asm asm-generic mtd; do
    [[ -e $musl/$h ]] || ln -s "$gnu/$h" "$musl/$h"
  done
}

build_cross() {
  local native suite fs_key key arch t0=$SECONDS compilers=() tag=$CROSS_TAG
  native=$(dpkg --print-architecture)
  [[ -n ${GNU_TRIPLET[$native]:-} ]] || die "cannot cross-compile from a $native machine"
  suite=trixie
  local -a musl_suites=()
  for arch in "${TARGET_ARCHS[@]}"; do
    compilers+=("${MUSL_TRIPLET[$arch]}-gcc")
    [[ $arch == "$native" ]] || musl_suites+=("$arch=$(suite_for "$arch")")
  done
  fs_key=$(rootfs_key busybox-cross "$native" "$suite" "$(cross_packages "$native")" "busybox=$BUSYBOX_VERSION" \
    "${musl_suites[@]}")
  new_work
  write_musl_probe "$work/context/smoke-test.c"
  # The smoke test compiles a static musl program with kernel headers for every target,
  # as busybox's networking applets need, and runs the native one.
  cat > "$work/context/Dockerfile" <<EOF
FROM scratch
ADD rootfs.tar /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8
LABEL org.opencontainers.image.description="busybox cross-compiling stage: Debian $suite, musl gcc for ${TARGET_ARCHS[*]}, busybox $BUSYBOX_VERSION source"
COPY smoke-test.c /root/
RUN for cc in ${compilers[*]}; do \$cc -static -Os -o /root/smoke-\$cc /root/smoke-test.c || exit 1; done \\
 && /root/smoke-${MUSL_TRIPLET[$native]}-gcc && rm -f /root/smoke-* \\
 && test -f /tmp/busybox-$BUSYBOX_VERSION.tar.bz2
CMD ["/bin/bash"]
EOF
  key=$(image_key "$fs_key" "$work/context")
  local tarball="$CACHE/rootfs/busybox-cross-$suite-$native-$fs_key.tar" pin="busybox-cross-$native" identity
  local -a inputs=("suite=$suite" "busybox=$BUSYBOX_VERSION sha256=${BUSYBOX_SHA256[$BUSYBOX_VERSION]}"
    "musl=${musl_suites[*]}")
  if image_current "$tag" "$key"; then
    pin_current "$pin" "$tarball" "$tag" "${inputs[@]}"
    log "$tag: up to date"
    return
  fi
  log "$tag: Debian $suite $native, cross compilers for ${TARGET_ARCHS[*]}"
  provide_rootfs "$tarball" make_cross_rootfs "$suite" "$native" "${musl_suites[@]}"
  identity=$(check_pinned "$pin" "$tarball" "${inputs[@]}")
  build_image "linux/$native" "$tag" "$key" "$work/context" "$identity"
  log "$tag: done in $((SECONDS - t0)) s"
}

make_cross_rootfs() { # suite native-arch arch=musl-suite...
  local suite=$1 native=$2 source pair
  shift 2
  source=$(busybox_tarball)
  debootstrap_rootfs "$suite" "$native" "$(cross_packages "$native")" "$work/rootfs"
  link_musl_kernel_headers "$work/rootfs"
  for pair in "$@"; do
    add_foreign_musl "$work/rootfs" "${pair%%=*}" "${pair#*=}"
  done
  # Where the generated build-busybox.sh looks before it would download anything.
  cp "$source" "$work/rootfs/tmp/busybox-$BUSYBOX_VERSION.tar.bz2"
}

# Debian's musl-gcc searches only musl's own include directory, not /usr/include, so
# the kernel's UAPI headers (linux/, asm/, asm-generic/, mtd/) are linked in: what
# Alpine's linux-headers package gives its musl compiler.
link_musl_kernel_headers() { # rootfs
  local r=$1 musl gnu d
  musl=$(find "$r/usr/include" -maxdepth 1 -type d -name '*-linux-musl*' | head -n1)
  gnu=$(find "$r/usr/include" -maxdepth 2 -type d -name asm -path '*-linux-gnu*' | head -n1)
  [[ -n $musl && -n $gnu ]] || die "musl or kernel headers missing in the root filesystem"
  for d in linux asm-generic mtd; do
    [[ -e $musl/$d ]] || ln -s "/usr/include/$d" "$musl/$d"
  done
  [[ -e $musl/asm ]] || ln -s "${gnu#"$r"}" "$musl/asm"
}

for name in "${wanted[@]}"; do
  case $name in
    builder) build_builder ;;
    cross) build_cross ;;
    *) build_stage "$name" ;;
  esac
done
log "ready in $((SECONDS - started)) s: $(docker image ls --format '{{.Repository}}:{{.Tag}}' \
  | grep -E "^($BUILDER_TAG|$CROSS_TAG|$STAGE_REPOSITORY:)" | sort | tr '\n' ' ')"
