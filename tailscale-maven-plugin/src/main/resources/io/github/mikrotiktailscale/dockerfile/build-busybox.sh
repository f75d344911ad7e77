#!/bin/sh
# Builds a static busybox with exactly the configured applets and lays out
# /rootfs: /bin/busybox plus one symlink per applet. The binary is UPX-packed
# later, on the build platform (the busybox-upx stage).
#
# Usage: build-busybox.sh target   compile natively (this stage runs on the target platform)
#        build-busybox.sh cross    cross-compile for $TARGETARCH/$TARGETVARIANT (this stage
#                                  runs on the build platform)
set -eu
: "${BUSYBOX_VERSION:?}" "${BUSYBOX_URL:?}"
mode=${1:-target}
config=/opt/busybox/applets.config
cd /tmp
archive=busybox-$BUSYBOX_VERSION.tar.bz2
if [ -f "$archive" ]; then
  echo "using the busybox source already in the image: /tmp/$archive"
else
  echo "downloading $BUSYBOX_URL"
  if command -v wget >/dev/null 2>&1; then wget -q -O "$archive" "$BUSYBOX_URL"; else curl -fsSL -o "$archive" "$BUSYBOX_URL"; fi
fi
if [ -n "${BUSYBOX_SHA256:-}" ]; then
  echo "$BUSYBOX_SHA256  $archive" | sha256sum -c -
fi
rm -rf "busybox-$BUSYBOX_VERSION"
tar xjf "$archive"
cd "busybox-$BUSYBOX_VERSION"

# The compiler. musl makes the smaller static binary, and one whose user and
# host name lookups work without glibc's NSS (a static glibc busybox warns
# about getpwnam and the like), so a musl compiler wins where there is one.
# Alpine's gcc is musl already; Debian's musl-dev has <triplet>-linux-musl-gcc
# wrappers. BUSYBOX_CC overrides the choice.
case "$mode" in
  target)
    prefix=""
    if [ -n "${BUSYBOX_CC:-}" ]; then cc=$BUSYBOX_CC
    elif command -v musl-gcc >/dev/null 2>&1; then cc=musl-gcc
    else cc=gcc
    fi
    ;;
  cross)
    : "${TARGETARCH:?cross-compiling needs buildx's TARGETARCH}"
    case "$TARGETARCH/${TARGETVARIANT:-}" in
      amd64/*) musl=x86_64-linux-musl gnu=x86_64-linux-gnu ;;
      arm64/*) musl=aarch64-linux-musl gnu=aarch64-linux-gnu ;;
      arm/v7 | arm/) musl=arm-linux-musleabihf gnu=arm-linux-gnueabihf ;;
      # armel: ARMv5TE, soft float (Debian's gcc-arm-linux-gnueabi and musl-dev:armel)
      arm/v5) musl=arm-linux-musleabi gnu=arm-linux-gnueabi ;;
      *) echo "error: no cross compiler known for $TARGETARCH/${TARGETVARIANT:-}" >&2; exit 1 ;;
    esac
    prefix=$gnu-
    if [ -n "${BUSYBOX_CC:-}" ]; then cc=$BUSYBOX_CC
    elif command -v "$musl-gcc" >/dev/null 2>&1; then cc=$musl-gcc
    elif command -v "$gnu-gcc" >/dev/null 2>&1; then cc=$gnu-gcc
    else
      echo "error: this image cannot cross-compile for $TARGETARCH${TARGETVARIANT:-}: neither $musl-gcc nor $gnu-gcc is on PATH" >&2
      [ "$TARGETARCH/${TARGETVARIANT:-}" = arm/v5 ] && echo "error: Alpine has no ARMv5 cross compiler; .ci/bases/build-local-bases.sh cross makes an image with one (local/tailscale-busybox-cross:trixie)" >&2
      exit 1
    fi
    command -v "${prefix}strip" >/dev/null 2>&1 \
      || { echo "error: ${prefix}strip (binutils for $gnu) is missing" >&2; exit 1; }
    ;;
  *) echo "error: unknown mode '$mode' (target or cross)" >&2; exit 1 ;;
esac
echo "compiler: $cc ($("$cc" --version | head -n1))"

# busybox stamps its banner ('busybox --help') with the time its configuration was
# written, so two builds of the same source would differ. SOURCE_DATE_EPOCH (a build
# argument, for reproducible builds) replaces that time; without it, the source's own
# date (its Makefile's time in the release tarball) does: the same for every build of
# one busybox version. TZ=UTC: the stamp is printed in local time.
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(date -r Makefile +%s)
fi
export SOURCE_DATE_EPOCH TZ=UTC
echo "busybox build stamp: $(date -u -d "@$SOURCE_DATE_EPOCH" '+%Y-%m-%d %H:%M:%S UTC') (SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH)"

# Everything off, then exactly the listed symbols on. A line is SYMBOL (a yes/no
# option) or SYMBOL=NUMBER (a numeric one, such as the shell's history size).
# The configuration tools are built with the host compiler (HOSTCC).
make -s allnoconfig >/dev/null
entries=$(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' -e 's/^CONFIG_//' "$config")
wanted() {
  case "$1" in
    *=*) echo "CONFIG_$1" ;;
    *) echo "CONFIG_$1=y" ;;
  esac
}
# One sed run (not one per symbol): under QEMU every process start is slow.
script=""
for entry in $entries; do
  symbol=${entry%%=*}
  script="$script/^# CONFIG_$symbol is not set\$/d;/^CONFIG_$symbol=/d;"
done
sed -i -e "$script" .config
for entry in $entries; do wanted "$entry"; done >> .config
yes "" | make -s oldconfig >/dev/null 2>&1

# A symbol that does not exist, or whose dependencies are off, silently drops
# out in oldconfig: say which.
dropped=""
for entry in $entries; do
  grep -qx "$(wanted "$entry")" .config || dropped="$dropped $entry"
done
if [ -n "$dropped" ]; then
  echo "error: busybox $BUSYBOX_VERSION did not take these config entries:$dropped" >&2
  echo "error: they are unknown in this release, need another symbol switched on, or need a value (SYMBOL=NUMBER)." >&2
  exit 1
fi
for forbidden in FEATURE_SH_STANDALONE FEATURE_SH_NOFORK FEATURE_PREFER_APPLETS; do
  if grep -q "^CONFIG_$forbidden=y" .config; then
    echo "error: $forbidden is on; it breaks the UPX-packed shell" >&2
    exit 1
  fi
done

if ! make -s -j"$(nproc)" CROSS_COMPILE="$prefix" CC="$cc" >/tmp/busybox-make.log 2>&1; then
  tail -n 60 /tmp/busybox-make.log >&2
  echo "error: building busybox $BUSYBOX_VERSION with $cc failed (the lines above are the end of its output)" >&2
  exit 1
fi
"${prefix}strip" busybox

# The links come from busybox's own applet table (busybox.links, made on the
# build machine: the binary itself need not run here).
make -s busybox.links >/dev/null
mkdir -p /rootfs/bin
sed 's|.*/||' busybox.links | while read -r applet; do
  [ "$applet" = busybox ] || ln -s busybox "/rootfs/bin/$applet"
done
[ -L /rootfs/bin/sh ] || { echo "error: busybox has no sh applet" >&2; exit 1; }
cp busybox /rootfs/bin/busybox
chmod 0755 /rootfs/bin/busybox
echo "busybox: $(wc -l < busybox.links) applets, $(wc -c < busybox) bytes before UPX"

# Directories the daemon and the runtime expect; empty, so they cost nothing.
mkdir -p /rootfs/tmp /rootfs/etc /rootfs/var/run/tailscale /rootfs/var/lib/tailscale
chmod 1777 /rootfs/tmp
