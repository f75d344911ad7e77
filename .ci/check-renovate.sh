#!/usr/bin/env bash
# Proves renovate.json does what it promises, without GitHub or Docker Hub:
#   1. renovate-config-validator --strict accepts it;
#   2. an extract-only Renovate run on this repository (local platform, no
#      lookups) reports every pin where it lives, at the version it is pinned to
#      (.ci/lib/renovate-expect.mjs derives that list from the files themselves);
#   3. the command it runs after a busybox update sets the checksum, and only a
#      checksum that matches the published one.
# Renovate comes from npm, in a version that runs on this machine's Node, and is
# kept under $NPM_CACHE so a second run takes seconds.
#
# Usage: .ci/check-renovate.sh      (from anywhere; writes target/renovate/)
# Renovate reads the repository through git: a new file must be tracked
# (committed or `git add`ed) before it is seen.
set -euo pipefail

# renovate: datasource=npm depName=renovate
RENOVATE_VERSION=39.264.1
# The oldest Node that version accepts (its package.json: ^20.15.1 || ^22.11.0).
NODE_MIN=20.15.1
NPM_CACHE=${MIKROTIK_TAILSCALE_NPM_CACHE:-/var/cache/mikrotik-tailscale-npm}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$ROOT/target/renovate
INSTALL=$NPM_CACHE/renovate-$RENOVATE_VERSION
started=$SECONDS

log() { printf '[check-renovate] %s\n' "$*" >&2; }
die() { printf '[check-renovate] ERROR: %s\n' "$*" >&2; exit 1; }
phase() { log "$1: $(( SECONDS - $2 )) s"; }

command -v node >/dev/null || die "node is not installed (Renovate $RENOVATE_VERSION needs Node >= $NODE_MIN)"
node -e '
  const [a, b] = [process.versions.node, process.argv[1]].map(v => v.split(".").map(Number));
  for (let i = 0; i < 3; i++) { if (a[i] !== b[i]) process.exit(a[i] > b[i] ? 0 : 1); }
' "$NODE_MIN" || die "Node $(node --version) is too old for Renovate $RENOVATE_VERSION (needs >= $NODE_MIN)"

# --- install (once per version) --------------------------------------------
t=$SECONDS
if [[ ! -x $INSTALL/node_modules/.bin/renovate ]]; then
    log "installing renovate@$RENOVATE_VERSION into $INSTALL"
    mkdir -p "$NPM_CACHE"
    tmp=$(mktemp -d "$NPM_CACHE/.install.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    # --ignore-scripts: no native builds (re2 would try GitHub first, then a
    # compiler); Renovate then uses JavaScript regular expressions.
    (cd "$tmp" && npm install --no-save --no-audit --no-fund --no-package-lock --ignore-scripts \
        --cache "$NPM_CACHE/npm-cache" "renovate@$RENOVATE_VERSION" >npm-install.log 2>&1) \
        || { tail -20 "$tmp/npm-install.log" >&2; die "npm install renovate@$RENOVATE_VERSION failed"; }
    rm -rf "$INSTALL"
    mv "$tmp" "$INSTALL"
    trap - EXIT
fi
phase "install" "$t"
bin=$INSTALL/node_modules/.bin

# --- 1. validate -----------------------------------------------------------
t=$SECONDS
(cd "$ROOT" && "$bin/renovate-config-validator" --strict renovate.json) >&2 \
    || die "renovate-config-validator rejected renovate.json"
phase "validate" "$t"

# --- 2. extract only -----------------------------------------------------------
t=$SECONDS
git -C "$ROOT" ls-files --error-unmatch renovate.json >/dev/null 2>&1 \
    || die "renovate.json is not tracked by git, so Renovate would not see it"
rm -rf "$OUT"
mkdir -p "$OUT"
# No tokens and no lookups: --dry-run=extract stops after reading the files.
(cd "$ROOT" && env -u GITHUB_COM_TOKEN -u RENOVATE_TOKEN \
    LOG_LEVEL=debug LOG_FORMAT=json RENOVATE_BASE_DIR="$OUT/base" \
    "$bin/renovate" --platform=local --dry-run=extract --onboarding=false --require-config=optional \
        --report-type=file --report-path="$OUT/report.json" >"$OUT/renovate.log" 2>&1) \
    || { tail -5 "$OUT/renovate.log" >&2; die "the extract-only Renovate run failed (log: $OUT/renovate.log)"; }
phase "extract" "$t"

node "$ROOT/.ci/lib/renovate-expect.mjs" "$ROOT" "$OUT/report.json"

# --- 3. the checksum that follows a busybox update ------------------------------
# The post-upgrade command of renovate.json, run as Renovate would after raising
# busybox.version, against a loopback server standing in for busybox.net: it takes a checksum
# that matches the published one, and refuses (leaving the pom alone) one that does not.
t=$SECONDS
fixture=$OUT/busybox-update
mkdir -p "$fixture/downloads"
sed 's|<busybox\.version>[^<]*</busybox\.version>|<busybox.version>9.8.7</busybox.version>|' \
    "$ROOT/image-project/pom.xml" > "$fixture/pom.xml"
tarball=$fixture/downloads/busybox-9.8.7.tar.bz2
head -c 65536 /dev/urandom | bzip2 > "$tarball"
want=$(sha256sum "$tarball" | cut -d' ' -f1)
printf '%s  busybox-9.8.7.tar.bz2\n' "$want" > "$tarball.sha256"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server --bind 127.0.0.1 --directory "$fixture/downloads" "$port" >"$fixture/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
export BUSYBOX_SOURCE_URL="http://127.0.0.1:$port/busybox-{version}.tar.bz2"
"$ROOT/.ci/update-busybox-checksum.sh" "$fixture/pom.xml" >&2 || die "the busybox checksum update failed"
grep -q "<busybox.sha256>$want</busybox.sha256>" "$fixture/pom.xml" \
    || die "the busybox checksum update did not write $want into the pom"
cp "$fixture/pom.xml" "$fixture/pom.before"
printf '%064d  busybox-9.8.7.tar.bz2\n' 0 > "$tarball.sha256"
if "$ROOT/.ci/update-busybox-checksum.sh" "$fixture/pom.xml" 2>"$fixture/mismatch.log"; then
    die "the busybox checksum update accepted a tarball whose checksum differs from the published one"
fi
grep -q "differs from the published" "$fixture/mismatch.log" || die "unexpected refusal: $(cat "$fixture/mismatch.log")"
cmp -s "$fixture/pom.xml" "$fixture/pom.before" || die "a refused busybox checksum update changed the pom"
kill $server 2>/dev/null || true
trap - EXIT
phase "busybox checksum update" "$t"

log "passed in $(( SECONDS - started )) s"
