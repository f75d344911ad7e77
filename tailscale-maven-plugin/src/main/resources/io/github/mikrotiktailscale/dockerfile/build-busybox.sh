#!/bin/sh
# Builds a static busybox with exactly the configured applets, UPX-packs it and
# lays out /rootfs: /bin/busybox plus one symlink per applet.
set -eu
: "${BUSYBOX_VERSION:?}" "${BUSYBOX_URL:?}"
config=/opt/busybox/applets.config
cd /tmp
archive=busybox-$BUSYBOX_VERSION.tar.bz2
if [ ! -f "$archive" ]; then
  echo "downloading $BUSYBOX_URL"
  if command -v wget >/dev/null 2>&1; then wget -q -O "$archive" "$BUSYBOX_URL"; else curl -fsSL -o "$archive" "$BUSYBOX_URL"; fi
fi
if [ -n "${BUSYBOX_SHA256:-}" ]; then
  echo "$BUSYBOX_SHA256  $archive" | sha256sum -c -
fi
rm -rf "busybox-$BUSYBOX_VERSION"
tar xjf "$archive"
cd "busybox-$BUSYBOX_VERSION"

# Everything off, then exactly the listed symbols on.
make -s allnoconfig >/dev/null
symbols=$(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' -e 's/^CONFIG_//' "$config")
for symbol in $symbols; do
  if grep -q "^# CONFIG_$symbol is not set" .config; then
    sed -i "s/^# CONFIG_$symbol is not set/CONFIG_$symbol=y/" .config
  elif ! grep -q "^CONFIG_$symbol=y" .config; then
    echo "CONFIG_$symbol=y" >> .config
  fi
done
yes "" | make -s oldconfig >/dev/null 2>&1

# A symbol that does not exist, or whose dependencies are off, silently drops
# out in oldconfig: say which.
dropped=""
for symbol in $symbols; do
  grep -q "^CONFIG_$symbol=y" .config || dropped="$dropped $symbol"
done
if [ -n "$dropped" ]; then
  echo "error: busybox $BUSYBOX_VERSION did not take these config symbols:$dropped" >&2
  echo "error: they are unknown in this release or need another symbol switched on." >&2
  exit 1
fi
for forbidden in FEATURE_SH_STANDALONE FEATURE_SH_NOFORK FEATURE_PREFER_APPLETS; do
  if grep -q "^CONFIG_$forbidden=y" .config; then
    echo "error: $forbidden is on; it breaks the UPX-packed shell" >&2
    exit 1
  fi
done

make -s -j"$(nproc)" >/dev/null
strip busybox

# Links come from the unpacked binary's own applet list.
mkdir -p /rootfs/bin
./busybox --list | while read -r applet; do
  [ "$applet" = busybox ] || ln -s busybox "/rootfs/bin/$applet"
done
[ -L /rootfs/bin/sh ] || { echo "error: busybox has no sh applet" >&2; exit 1; }
echo "busybox applets: $(./busybox --list | wc -l)"
upx --lzma --best -q busybox
upx -t -q busybox
cp busybox /rootfs/bin/busybox
chmod 0755 /rootfs/bin/busybox

# Directories the daemon and the runtime expect; empty, so they cost nothing.
mkdir -p /rootfs/tmp /rootfs/etc /rootfs/var/run/tailscale /rootfs/var/lib/tailscale
chmod 1777 /rootfs/tmp
