#!/bin/sh
# UPX-packs the target platform's busybox in /rootfs/bin. Runs on the build
# platform: UPX packs and tests binaries of other architectures without running
# them. Safe for busybox because its shell has no standalone or nofork applets
# (they would re-execute /proc/self/exe); every applet is a /bin symlink.
set -eu
binary=/rootfs/bin/busybox
before=$(wc -c < "$binary")
# An ARMv5 CPU stops at the first v6/v7 or VFP instruction: check the ELF
# header and ARM attributes while they are readable (UPX hides them).
if [ "${TARGETARCH:-}/${TARGETVARIANT:-}" = arm/v5 ]; then
  GOCACHE=${GOCACHE:-/var/cache/go/build} GOOS= GOARCH= GOARM= GOFLAGS= go run /opt/build/check-arm-elf.go v5 "$binary"
fi
upx --lzma --best -q "$binary" >/dev/null
upx -t -q "$binary" >/dev/null
echo "busybox: $before bytes before UPX, $(wc -c < "$binary") bytes packed"
