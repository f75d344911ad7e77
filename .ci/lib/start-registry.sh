#!/usr/bin/env bash
# Starts a throw-away OCI registry (Debian's docker-registry, distribution
# 2.8) on 127.0.0.1:PORT, detached, and prints its PID on stdout (nothing
# else goes to stdout, so `pid=$(.ci/lib/start-registry.sh ...)` works).
#
# Usage: start-registry.sh PORT STORAGE_DIR [HTPASSWD_FILE]
#   PORT           loopback port (the engine treats localhost:PORT and
#                  127.0.0.1:PORT as insecure registries, so plain http works)
#   STORAGE_DIR    filesystem root for blobs (created); the generated config
#                  and the log are written next to it: STORAGE_DIR.config.yml,
#                  STORAGE_DIR.log
#   HTPASSWD_FILE  optional; bcrypt entries only (`htpasswd -B -b -c FILE
#                  user pass` from apache2-utils).  With it, /v2/ answers 401
#                  without credentials and `docker login 127.0.0.1:PORT` works.
#
# Stop it: kill PID  (SIGTERM; it takes ~2 s to exit, so before reusing the
# port wait: `while kill -0 PID 2>/dev/null; do sleep 0.1; done`).  Then
# optionally rm -rf STORAGE_DIR STORAGE_DIR.config.yml STORAGE_DIR.log.
set -euo pipefail

die() { printf 'start-registry: %s\n' "$*" >&2; exit 1; }

[[ $# -ge 2 && $# -le 3 ]] || die "usage: $0 PORT STORAGE_DIR [HTPASSWD_FILE]"
port=$1
storage=$2
htpasswd=${3:-}
if ! [[ "$port" =~ ^[0-9]+$ ]] || ((port < 1 || port > 65535)); then
    die "bad port: $port"
fi
command -v docker-registry >/dev/null || die "docker-registry not installed (run .ci/setup-docker.sh)"
if [[ -n "$htpasswd" ]]; then
    [[ -r "$htpasswd" ]] || die "htpasswd file not readable: $htpasswd"
    htpasswd=$(realpath "$htpasswd")
fi

mkdir -p "$storage"
storage=$(realpath "$storage")
config="$storage.config.yml"
logfile="$storage.log"

# Something already answering there would make the readiness check below lie.
if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/v2/"; then
    die "127.0.0.1:$port already answers; pick another port"
fi

{
    cat <<EOF
version: 0.1
log:
  level: info
  fields:
    service: registry
storage:
  filesystem:
    rootdirectory: $storage
  delete:
    enabled: true
  # no blobdescriptor cache: tests delete and re-push, keep answers exact
http:
  addr: 127.0.0.1:$port
  # fixed secret: silences the "No HTTP secret provided" warning; only used
  # to sign upload-state tokens of this single loopback instance
  secret: ci-loopback-registry-$port
EOF
    if [[ -n "$htpasswd" ]]; then
        cat <<EOF
auth:
  htpasswd:
    realm: ci-registry
    path: $htpasswd
EOF
    fi
} > "$config"

# Detached like dockerd: own session, no inherited stdio, so a calling Maven
# build does not wait on our pipes and the registry outlives this script.
setsid nohup docker-registry serve "$config" > "$logfile" 2>&1 < /dev/null &
pid=$!

# Ready when /v2/ answers: 200 without auth, 401 with htpasswd.
for ((i = 0; i < 100; i++)); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/v2/" || true)
    if [[ "$code" == 200 || "$code" == 401 ]]; then
        kill -0 "$pid" 2>/dev/null || die "registry exited; log: $(tail -n 5 "$logfile")"
        printf '%s\n' "$pid"
        exit 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
        die "registry exited; log $logfile: $(tail -n 5 "$logfile")"
    fi
    sleep 0.1
done
kill "$pid" 2>/dev/null || true
die "registry on 127.0.0.1:$port did not answer in 10 s; log $logfile: $(tail -n 5 "$logfile")"
