#!/bin/sh
# Builds the combined tailscale/tailscaled binary for the target platform and
# lays out /out/usrlocalbin exactly as it will appear in the image.
set -eu
: "${TAILSCALE_VERSION:?}" "${TARGETARCH:?}"
changes=/opt/tailscale/changes
cd /src/tailscale

# 1. Source changes, in the order the project lists them.
tab=$(printf '\t')
while IFS="$tab" read -r kind file target reason; do
  case "$kind" in
    patch)
      # 'patch' lines carry the reason in the third field.
      reason=$target
      if ! out=$(git apply --check "$changes/$file" 2>&1); then
        echo "error: patch $file no longer applies to Tailscale $TAILSCALE_VERSION." >&2
        echo "error: it is there because: $reason" >&2
        echo "$out" >&2
        echo "error: refresh the patch against $TAILSCALE_VERSION, or drop it from <patches> if the fix is upstream." >&2
        exit 1
      fi
      git apply "$changes/$file"
      echo "applied patch $file"
      ;;
    file)
      mkdir -p "$(dirname "$target")"
      cp "$changes/$file" "$target"
      echo "added $target ($reason)"
      ;;
    ''|\#*) ;;
    *) echo "error: bad line in $changes/series: $kind" >&2; exit 1 ;;
  esac
done < "$changes/series"

# 2. featuretags accepts names it does not know without a word, so check first
#    that every selected feature exists in this Tailscale release.
known=$(GOOS= GOARCH= go run ./cmd/featuretags --list | sed -e 's/^[[:space:]]*//' -e 's/:.*$//')
unknown=""
for feature in $(cat /opt/tailscale/features.txt); do
  printf '%s\n' "$known" | grep -qx "$feature" || unknown="$unknown $feature"
done
if [ -n "$unknown" ]; then
  echo "error: Tailscale $TAILSCALE_VERSION has no feature:$unknown" >&2
  echo "error: known features: $(printf '%s' "$known" | tr '\n' ' ')" >&2
  exit 1
fi

# 3. Omit everything not on the allowlist. --min also omits any feature a future
#    release adds, until someone opts in; --add resolves dependencies.
allow=$(paste -sd, /opt/tailscale/features.txt)
tags=$(GOOS= GOARCH= go run ./cmd/featuretags --min --add="$allow")
echo "build tags: $tags"
printf '%s\n' "$known" > /tmp/features.known
sh /opt/build/check-features.sh /tmp/features.known "$(GOOS= GOARCH= go run ./cmd/featuretags --min)" "$tags" \
  /opt/tailscale/features.txt

# 4. Cross-compile: Docker's TARGETVARIANT v7 is Go's GOARM=7, v5 is GOARM=5
#    (ARMv5 routers: no VFP, so Go's software floating point).
goarm=""
if [ "$TARGETARCH" = arm ]; then
  case "${TARGETVARIANT:-v7}" in
    v7) goarm=7 ;;
    v6) goarm=6 ;;
    v5) goarm=5 ;;
    *) echo "error: unsupported ARM variant '$TARGETVARIANT' (v5, v6 or v7)" >&2; exit 1 ;;
  esac
fi
# 5. The version, stamped as Tailscale's build_dist.sh does: a build without
#    git metadata would otherwise call itself "<version>-ERR-BuildInfo" in
#    'tailscale version' and towards the control server.
short=$(tr -d '[:space:]' < VERSION.txt)
long=$short
ldflags="-s -w"
commit=$(cat /src/tailscale.commit 2>/dev/null || true)
if [ -n "$commit" ]; then
  long="$short-t$(printf '%s' "$commit" | cut -c1-9)"
  ldflags="$ldflags -X tailscale.com/version.gitCommitStamp=$commit"
fi
ldflags="$ldflags -X tailscale.com/version.shortStamp=$short -X tailscale.com/version.longStamp=$long"

echo "compiling $long for GOOS=${TARGETOS:-linux} GOARCH=$TARGETARCH GOARM=$goarm"
mkdir -p /out
CGO_ENABLED=0 GOOS="${TARGETOS:-linux}" GOARCH="$TARGETARCH" GOARM="$goarm" \
  go build -tags "$tags" -trimpath -ldflags "$ldflags" -gcflags=all=-l \
  -o /out/tailscale.combined ./cmd/tailscaled
raw=$(wc -c < /out/tailscale.combined)
# An ARMv5 CPU stops at the first v6/v7 or VFP instruction: check the binary's
# ELF header and Go build settings while they are readable (UPX hides them).
if [ "$TARGETARCH/${TARGETVARIANT:-}" = arm/v5 ]; then
  GOOS= GOARCH= GOARM= GOFLAGS= go run /opt/build/check-arm-elf.go v5 /out/tailscale.combined
fi

# 6. LZMA-pack it: the router stores the extracted file, so this is real flash.
upx --lzma --best -q /out/tailscale.combined >/dev/null
upx -t -q /out/tailscale.combined >/dev/null
echo "tailscale.combined: $raw bytes before UPX, $(wc -c < /out/tailscale.combined) bytes packed"

# 7. /usr/local/bin in one piece: binary, argv[0] links and the entrypoint,
#    so the final image brings it in with a single layer.
mkdir -p /out/usrlocalbin
mv /out/tailscale.combined /out/usrlocalbin/
ln -s tailscale.combined /out/usrlocalbin/tailscale
ln -s tailscale.combined /out/usrlocalbin/tailscaled
cp /opt/tailscale/entrypoint.sh /out/usrlocalbin/entrypoint.sh
chmod 0755 /out/usrlocalbin/entrypoint.sh /out/usrlocalbin/tailscale.combined
ls -l /out/usrlocalbin
