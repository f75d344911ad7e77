#!/bin/sh
# UPX-packs the target platform's busybox in /rootfs/bin. Runs on the build
# platform: UPX packs and tests binaries of other architectures without running
# them. Safe for busybox because its shell has no standalone or nofork applets
# (they would re-execute /proc/self/exe); every applet is a /bin symlink.
set -eu
binary=/rootfs/bin/busybox
before=$(wc -c < "$binary")
upx --lzma --best -q "$binary" >/dev/null
upx -t -q "$binary" >/dev/null
echo "busybox: $before bytes before UPX, $(wc -c < "$binary") bytes packed"
