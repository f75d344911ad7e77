#!/usr/bin/env bash
# Lints the Woodpecker pipelines in .woodpecker/ with Woodpecker's own linter
# (woodpecker-cli lint, built with `go install` through the Go module proxy and
# cached). Where it cannot be built (no Go, or the proxy refuses the module),
# validates them against Woodpecker's published JSON schema instead, with
# check-jsonschema from PyPI, which ships that schema. Either way it then checks
# that no command line reads a secret variable (they stay in `environment:`).
#
# Usage: .ci/check-pipelines.sh      (from anywhere; idempotent)
#        PIPELINES_DIR=DIR .ci/check-pipelines.sh   (another directory of pipelines)
set -euo pipefail

# renovate: datasource=go depName=go.woodpecker-ci.org/woodpecker/v3
WOODPECKER_VERSION=v3.17.0
# renovate: datasource=pypi depName=check-jsonschema
CHECK_JSONSCHEMA_VERSION=0.39.0
TOOL_CACHE=${MIKROTIK_TAILSCALE_TOOL_CACHE:-/var/cache/mikrotik-tailscale-tools}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PIPELINES=${PIPELINES_DIR:-$ROOT/.woodpecker}
CLI=$TOOL_CACHE/woodpecker-cli-$WOODPECKER_VERSION
VENV=$TOOL_CACHE/check-jsonschema-$CHECK_JSONSCHEMA_VERSION
started=$SECONDS

log() { printf '[check-pipelines] %s\n' "$*" >&2; }
die() { printf '[check-pipelines] ERROR: %s\n' "$*" >&2; exit 1; }
phase() { log "$1: $(( SECONDS - $2 )) s"; }

shopt -s nullglob
files=("$PIPELINES"/*.yaml "$PIPELINES"/*.yml)
((${#files[@]} > 0)) || die "no pipelines in $PIPELINES"
mkdir -p "$TOOL_CACHE"

# --- woodpecker-cli (the module's cmd/cli; go install names the binary "cli") ---
build_cli() {
    command -v go >/dev/null || { log "no Go toolchain"; return 1; }
    local tmp
    tmp=$(mktemp -d "$TOOL_CACHE/.woodpecker-cli.XXXXXX")
    if GOBIN=$tmp GOFLAGS=-mod=mod timeout 900 \
        go install "go.woodpecker-ci.org/woodpecker/v3/cmd/cli@$WOODPECKER_VERSION" >"$tmp/go-install.log" 2>&1; then
        mv "$tmp/cli" "$CLI"
        rm -rf "$tmp"
        return 0
    fi
    log "go install of woodpecker-cli $WOODPECKER_VERSION failed: $(grep -m1 -E 'go: |error' "$tmp/go-install.log" || tail -1 "$tmp/go-install.log")"
    rm -rf "$tmp"
    return 1
}

# --- fallback: check-jsonschema with its copy of Woodpecker's schema -------------
install_check_jsonschema() {
    # A venv cannot be moved, so it is made in place; .complete marks a finished install.
    [[ -f $VENV/.complete ]] && return 0
    command -v python3 >/dev/null || die "neither woodpecker-cli nor python3 for the schema check"
    rm -rf "$VENV"
    python3 -m venv "$VENV" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "check-jsonschema==$CHECK_JSONSCHEMA_VERSION" \
        || die "pip install check-jsonschema==$CHECK_JSONSCHEMA_VERSION failed"
    touch "$VENV/.complete"
}

t=$SECONDS
if [[ -x $CLI ]] || build_cli; then
    phase "woodpecker-cli $WOODPECKER_VERSION ready" "$t"
    t=$SECONDS
    # --strict: the linter reports schema violations as warnings and would pass them
    "$CLI" lint --strict "${files[@]}" >&2 || die "woodpecker-cli lint found errors"
    phase "woodpecker-cli lint" "$t"
else
    log "falling back to Woodpecker's JSON schema (check-jsonschema $CHECK_JSONSCHEMA_VERSION)"
    install_check_jsonschema
    phase "check-jsonschema ready" "$t"
    t=$SECONDS
    "$VENV/bin/check-jsonschema" --builtin-schema vendor.woodpecker-ci "${files[@]}" >&2 \
        || die "the pipelines do not match Woodpecker's schema"
    phase "schema check" "$t"
fi

# --- secrets never reach a command line -----------------------------------------
# from_secret values arrive as environment variables; a command that expands one
# could print it (echo, set -x, an error message). Tools read them from the
# environment instead (git: .ci/lib/git-credential-from-env.sh; Maven:
# .ci/release-settings.xml).
secret_vars=$(grep -h -B1 'from_secret:' "${files[@]}" | grep -oE '^\s+[A-Z][A-Z0-9_]*:' | tr -d ' :' | sort -u || true)
for var in $secret_vars; do
    if grep -nE "\\\$\\\$?\\{?${var}\\b" "${files[@]}" >&2; then
        die "a command reads the secret variable $var (above); pass it through the environment instead"
    fi
done
log "$(( ${#files[@]} )) pipelines checked in $(( SECONDS - started )) s"
