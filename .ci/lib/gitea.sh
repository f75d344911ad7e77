#!/usr/bin/env bash
# A real Gitea (the forge the original publishes to: container registry + git over HTTP) for
# the end-to-end tests, built from the Go module proxy and run on loopback with SQLite.
#
#   gitea.sh build                 build the binary unless the cache has it; prints its path
#   gitea.sh start DIR PORT        start a fresh instance with its data in DIR (created) on
#                                  127.0.0.1:PORT, detached; prints its PID on stdout
#   gitea.sh admin DIR ARGS...     run `gitea admin ARGS...` against the instance in DIR
#
# Stop an instance: kill PID (it exits within a few seconds).
#
# Why built from source: Docker Hub and GitHub are out of reach, the Go module proxy is not.
# `go install` refuses Gitea's replace directives, so the module is copied out of the module
# cache and built in place. The build takes ~7 min on 2 cores; the binary (~110 MB) and the
# source tree's static files (templates, translations: without the bindata tag Gitea reads them
# from STATIC_ROOT_PATH at start-up) are cached per version under $GITEA_CACHE.
set -euo pipefail
# shellcheck source=go-module-source.sh
source "$(dirname "${BASH_SOURCE[0]}")/go-module-source.sh"

GITEA_VERSION=${GITEA_VERSION:-v1.26.0}
GITEA_CACHE=${GITEA_CACHE:-/var/cache/tailscale-ci/gitea}
release_dir="$GITEA_CACHE/$GITEA_VERSION"
binary="$release_dir/gitea"
static_root="$release_dir/static"

log() { printf '[gitea] %s\n' "$*" >&2; }
die() { printf '[gitea] ERROR: %s\n' "$*" >&2; exit 1; }

build() {
    if [[ -x $binary && -d $static_root/options ]] && "$binary" --version >/dev/null 2>&1; then
        log "cached: $("$binary" --version)"
        printf '%s\n' "$binary"
        return
    fi
    command -v go >/dev/null || die "no go on PATH: Gitea is built with the machine's Go toolchain"
    mkdir -p "$GITEA_CACHE"
    # Two callers at once (CI and a test) must not build twice.
    exec 8>>"$GITEA_CACHE/build.lock"
    flock 8
    if [[ -x $binary && -d $static_root/options ]]; then
        printf '%s\n' "$binary"
        return
    fi
    local started=$SECONDS
    # global: the EXIT trap runs after this function has returned
    work=$(mktemp -d "$GITEA_CACHE/build.XXXXXX")
    trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
    log "downloading code.gitea.io/gitea@$GITEA_VERSION from the Go module proxy"
    go_module_source code.gitea.io/gitea "$GITEA_VERSION" "$work/src" || die "could not fetch Gitea's source"
    log "building (nice 10, ~7 min on 2 cores)"
    (cd "$work/src" && nice -n 10 go build -trimpath -tags 'sqlite sqlite_unlock_notify' \
        -ldflags "-s -w -X main.Version=${GITEA_VERSION#v}" -o "$work/gitea" .)
    mkdir -p "$work/static"
    cp -a "$work/src/options" "$work/src/templates" "$work/src/public" "$work/static/"
    rm -rf "$release_dir"
    mkdir -p "$release_dir"
    mv "$work/gitea" "$binary"
    mv "$work/static" "$static_root"
    log "built $("$binary" --version) in $((SECONDS - started)) s"
    printf '%s\n' "$binary"
}

config_of() { printf '%s/app.ini' "$(realpath "$1")"; }

run_gitea() { # DIR ARGS...
    local dir=$1; shift
    GITEA_I_AM_BEING_UNSAFE_RUNNING_AS_ROOT=true GITEA_WORK_DIR="$(realpath "$dir")" \
        "$binary" --config "$(config_of "$dir")" "$@"
}

start() { # DIR PORT
    local dir=$1 port=$2 pid code
    [[ $port =~ ^[0-9]+$ ]] && ((port > 0 && port < 65536)) || die "bad port: $port"
    [[ -x $binary ]] || die "no Gitea binary at $binary: run '$0 build' first (~7 min)"
    if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/"; then
        die "127.0.0.1:$port already answers; pick another port"
    fi
    mkdir -p "$dir"/{data,log,repos,custom}
    dir=$(realpath "$dir")
    cat > "$dir/app.ini" <<EOF
APP_NAME = tailscale-e2e
RUN_MODE = prod
WORK_PATH = $dir

[server]
PROTOCOL = http
HTTP_ADDR = 127.0.0.1
HTTP_PORT = $port
DOMAIN = 127.0.0.1
ROOT_URL = http://127.0.0.1:$port/
STATIC_ROOT_PATH = $static_root
APP_DATA_PATH = $dir/data
DISABLE_SSH = true
OFFLINE_MODE = true
LFS_START_SERVER = false

[database]
DB_TYPE = sqlite3
PATH = $dir/data/gitea.db

[repository]
ROOT = $dir/repos

[security]
INSTALL_LOCK = true
SECRET_KEY = tailscale-e2e-loopback-only
INTERNAL_TOKEN = eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJuYmYiOjE3MDAwMDAwMDB9.tailscale-e2e-loopback

[oauth2]
JWT_SECRET = dGFpbHNjYWxlLWUyZS1sb29wYmFjay1vbmx5LWp3dC1zZWNyZXQ

[service]
DISABLE_REGISTRATION = true
REQUIRE_SIGNIN_VIEW = false

[packages]
ENABLED = true

[log]
MODE = file
LEVEL = info
ROOT_PATH = $dir/log

[cron]
ENABLED = false

[mailer]
ENABLED = false
EOF
    # Detached like the registry: own session, no inherited stdio.
    GITEA_I_AM_BEING_UNSAFE_RUNNING_AS_ROOT=true GITEA_WORK_DIR="$dir" \
        setsid nohup "$binary" --config "$dir/app.ini" web > "$dir/log/stdout.log" 2>&1 < /dev/null &
    pid=$!
    # Migrations on a fresh SQLite database take a few seconds.
    for ((i = 0; i < 600; i++)); do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/api/healthz" || true)
        if [[ $code == 200 ]]; then
            printf '%s\n' "$pid"
            return
        fi
        kill -0 "$pid" 2>/dev/null || die "gitea exited; log $dir/log/stdout.log: $(tail -n 5 "$dir/log/stdout.log")"
        sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
    die "gitea on 127.0.0.1:$port did not answer in 60 s; log $dir/log/stdout.log: $(tail -n 5 "$dir/log/stdout.log")"
}

case ${1:-} in
    build) build ;;
    start) [[ $# -eq 3 ]] || die "usage: $0 start DIR PORT"; start "$2" "$3" ;;
    admin) [[ $# -ge 3 ]] || die "usage: $0 admin DIR ARGS..."; dir=$2; shift 2; run_gitea "$dir" admin "$@" ;;
    *) die "usage: $0 build | start DIR PORT | admin DIR ARGS..." ;;
esac
