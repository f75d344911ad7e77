#!/bin/sh
# Builds a static busybox with exactly the configured applets and lays out
# /rootfs: /bin/busybox plus one symlink per applet. The binary is UPX-packed
# later, on the build platform (the busybox-upx stage).
set -eu
: "${BUSYBOX_VERSION:?}" "${BUSYBOX_URL:?}"
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

# musl makes the smaller static binary, and one whose user and host name lookups
# work without glibc's NSS (a static glibc busybox warns about getpwnam and the
# like). Alpine's gcc is musl already; on glibc systems musl-gcc is musl's
# wrapper (Debian: musl-tools). BUSYBOX_CC overrides the choice.
if [ -n "${BUSYBOX_CC:-}" ]; then
  cc=$BUSYBOX_CC
elif command -v musl-gcc >/dev/null 2>&1; then
  cc=musl-gcc
else
  cc=gcc
fi
echo "compiler: $cc ($("$cc" --version | head -n1))"

# Everything off, then exactly the listed symbols on. A line is SYMBOL (a yes/no
# option) or SYMBOL=NUMBER (a numeric one, such as the shell's history size).
make -s allnoconfig >/dev/null
entries=$(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' -e 's/^CONFIG_//' "$config")
wanted() {
  case "$1" in
    *=*) echo "CONFIG_$1" ;;
    *) echo "CONFIG_$1=y" ;;
  esac
}
for entry in $entries; do
  symbol=${entry%%=*}
  sed -i -e "/^# CONFIG_$symbol is not set\$/d" -e "/^CONFIG_$symbol=/d" .config
  wanted "$entry" >> .config
done
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

if ! make -s -j"$(nproc)" CC="$cc" >/tmp/busybox-make.log 2>&1; then
  tail -n 60 /tmp/busybox-make.log >&2
  echo "error: building busybox $BUSYBOX_VERSION with $cc failed (the lines above are the end of its output)" >&2
  exit 1
fi
strip busybox

# Links come from the binary's own applet list.
mkdir -p /rootfs/bin
./busybox --list | while read -r applet; do
  [ "$applet" = busybox ] || ln -s busybox "/rootfs/bin/$applet"
done
[ -L /rootfs/bin/sh ] || { echo "error: busybox has no sh applet" >&2; exit 1; }
cp busybox /rootfs/bin/busybox
chmod 0755 /rootfs/bin/busybox
echo "busybox: $(./busybox --list | wc -l) applets, $(wc -c < busybox) bytes before UPX"

# Directories the daemon and the runtime expect; empty, so they cost nothing.
mkdir -p /rootfs/tmp /rootfs/etc /rootfs/var/run/tailscale /rootfs/var/lib/tailscale
chmod 1777 /rootfs/tmp
