#!/usr/bin/env bash
# Two BuildKit nodes on this machine and one buildx builder (remote driver) that uses both, as a
# maintainer with an amd64 and an arm64 machine would set them up; plus the loopback registry the
# nodes pull the local base images from.
#
#   buildkit.sh build          build buildkitd + buildctl unless the cache has them; prints the dir
#   buildkit.sh start          build if needed, start the mirror registry and both nodes (each only
#                              if not answering), create the builder if missing; prints its name
#   buildkit.sh push-bases [e2e|local|all]
#                              push the engine's local base images (e2e: tailscale-e2e/base:*,
#                              local: local/*; default all) to the mirror registry, where the
#                              nodes find them under their docker.io names (~1 s for e2e; the
#                              first push of local/* takes ~2 min: the builder image holds Go)
#   buildkit.sh stop-node N    stop node N (1 or 2); `start` brings it back
#   buildkit.sh status         what answers
#
# Cost: the first build compiles BuildKit v0.34.2 from the Go module proxy (~2 min on 2 cores,
# under the machine-wide lock /tmp/tailscale-real-build.lock); afterwards `start` takes ~2 s.
#
# Why Unix sockets: both nodes run on this host, so a socket (root-only, 0660) is the access
# control; nodes on other machines would listen on TCP with mutual TLS (buildkitd --tlscacert
# --tlscert --tlskey; `docker buildx create --driver-opt cacert=...,cert=...,key=...`).
# Node 2 claims linux/arm64 and linux/arm/v7, v5: on this amd64 host it runs them under QEMU
# (binfmt_misc), on a real arm64 machine they would be native. Workers: OCI with Debian's runc,
# no containerd. Base images: a remote node cannot see the engine's images, so they are pushed to
# a loopback registry that each node uses as its docker.io mirror (plain http): the Dockerfiles
# keep their FROM lines unchanged.
set -euo pipefail

BUILDKIT_VERSION=${BUILDKIT_VERSION:-v0.34.2}
BUILDKIT_CACHE=${BUILDKIT_CACHE:-/var/cache/tailscale-ci/buildkit}
BUILDKIT_STATE=${BUILDKIT_STATE:-/var/lib/tailscale-buildkit}
BUILDKIT_RUN=${BUILDKIT_RUN:-/run/tailscale-buildkit}
BUILDER=${BUILDKIT_BUILDER:-tailscale-remote}
MIRROR_PORT=${BUILDKIT_MIRROR_PORT:-5055}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=go-module-source.sh
source "$here/go-module-source.sh"
bin="$BUILDKIT_CACHE/$BUILDKIT_VERSION"
mirror="127.0.0.1:$MIRROR_PORT"

log() { printf '[buildkit] %s\n' "$*" >&2; }
die() { printf '[buildkit] ERROR: %s\n' "$*" >&2; exit 1; }

socket() { printf '%s/node%s.sock' "$BUILDKIT_RUN" "$1"; }
platforms() { # node
    case $1 in
        1) printf 'linux/amd64' ;;
        2) printf 'linux/arm64,linux/arm/v7,linux/arm/v5' ;;
    esac
}

build() {
    if [[ -x $bin/buildkitd && -x $bin/buildctl ]] && "$bin/buildkitd" --version >/dev/null 2>&1; then
        log "cached: $("$bin/buildkitd" --version)"
        printf '%s\n' "$bin"
        return
    fi
    command -v go >/dev/null || die "no go on PATH: BuildKit is built with the machine's Go toolchain"
    mkdir -p "$BUILDKIT_CACHE"
    exec 8>>"$BUILDKIT_CACHE/build.lock"
    flock 8
    if [[ -x $bin/buildkitd && -x $bin/buildctl ]]; then
        printf '%s\n' "$bin"
        return
    fi
    local started=$SECONDS
    work=$(mktemp -d "$BUILDKIT_CACHE/build.XXXXXX")
    trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
    log "downloading github.com/moby/buildkit@$BUILDKIT_VERSION from the Go module proxy"
    # `go install module@version` refuses it: its go.mod has exclude directives.
    go_module_source github.com/moby/buildkit "$BUILDKIT_VERSION" "$work/src" || die "could not fetch BuildKit's source"
    log "compiling buildkitd and buildctl (static, nice 10, ~2 min on 2 cores; waits for the machine-wide build lock)"
    (cd "$work/src" && flock /tmp/tailscale-real-build.lock env CGO_ENABLED=0 nice -n 10 go build -trimpath \
        -ldflags "-s -w -X github.com/moby/buildkit/version.Version=$BUILDKIT_VERSION" \
        -o "$work/bin/" ./cmd/buildkitd ./cmd/buildctl)
    rm -rf "$bin"
    mkdir -p "$(dirname "$bin")"
    mv "$work/bin" "$bin"
    log "built $("$bin/buildkitd" --version) in $((SECONDS - started)) s"
    printf '%s\n' "$bin"
}

node_up() { timeout 5 "$bin/buildctl" --addr "unix://$(socket "$1")" debug workers >/dev/null 2>&1; }
mirror_up() { curl -s -o /dev/null --max-time 2 "http://$mirror/v2/"; }

start_mirror() {
    if mirror_up; then
        return
    fi
    log "starting the base-image registry on $mirror"
    mkdir -p "$BUILDKIT_STATE"
    "$here/start-registry.sh" "$MIRROR_PORT" "$BUILDKIT_STATE/mirror" > "$BUILDKIT_STATE/mirror.pid"
}

write_config() { # node
    local node=$1 platform list=""
    IFS=, read -ra platform <<< "$(platforms "$node")"
    for p in "${platform[@]}"; do list+="\"$p\", "; done
    cat > "$BUILDKIT_STATE/node$node.toml" <<EOF
# BuildKit node $node for the tailscale-remote builder (written by .ci/lib/buildkit.sh)
root = "$BUILDKIT_STATE/node$node"
# RUN steps already share the host's network (below); this only lets a build that asks for it
# by name (-Dtailscale.network=host, buildx --network host) through.
insecure-entitlements = ["network.host"]

[grpc]
  address = ["unix://$(socket "$node")"]

[worker.oci]
  enabled = true
  binary = "/usr/sbin/runc"
  platforms = [${list%, }]
  # No CNI plugins on these machines: RUN steps share the host's network, as on the engine.
  networkMode = "host"
  gc = true
  maxUsedSpace = "8GB"

[worker.containerd]
  enabled = false

# The engine's local base images are pushed here (push-bases) under their docker.io names.
[registry."docker.io"]
  mirrors = ["$mirror"]

[registry."$mirror"]
  http = true
EOF
}

start_node() { # node
    local node=$1 sock pid
    sock=$(socket "$node")
    if node_up "$node"; then
        return
    fi
    write_config "$node"
    mkdir -p "$BUILDKIT_STATE/node$node" "$BUILDKIT_RUN"
    rm -f "$sock"
    log "starting node$node ($(platforms "$node")) on unix://$sock"
    setsid nohup "$bin/buildkitd" --config "$BUILDKIT_STATE/node$node.toml" \
        > "$BUILDKIT_STATE/node$node.log" 2>&1 < /dev/null 8>&- 9>&- &
    pid=$!
    printf '%s\n' "$pid" > "$BUILDKIT_RUN/node$node.pid"
    for ((i = 0; i < 150; i++)); do
        node_up "$node" && return
        kill -0 "$pid" 2>/dev/null || die "buildkitd node$node exited; log $BUILDKIT_STATE/node$node.log: $(tail -n 5 "$BUILDKIT_STATE/node$node.log")"
        sleep 0.2
    done
    die "buildkitd node$node did not answer on unix://$sock in 30 s; log $BUILDKIT_STATE/node$node.log"
}

create_builder() {
    local info
    info=$(docker buildx inspect "$BUILDER" 2>/dev/null || true)
    if grep -q "unix://$(socket 1)" <<< "$info" && grep -q "unix://$(socket 2)" <<< "$info"; then
        return
    fi
    [[ -n $info ]] && docker buildx rm "$BUILDER" >/dev/null 2>&1 || true
    log "creating the buildx builder $BUILDER (remote driver, node1 + node2)"
    docker buildx create --name "$BUILDER" --driver remote --node node1 --platform "$(platforms 1)" \
        "unix://$(socket 1)" >/dev/null
    docker buildx create --append --name "$BUILDER" --node node2 --platform "$(platforms 2)" \
        "unix://$(socket 2)" >/dev/null
}

start() {
    build >/dev/null
    mkdir -p "$BUILDKIT_STATE" "$BUILDKIT_RUN"
    start_mirror
    start_node 1
    start_node 2
    create_builder
    log "builder $BUILDER: node1 $(platforms 1) at unix://$(socket 1), node2 $(platforms 2) at unix://$(socket 2)"
    printf '%s\n' "$BUILDER"
}

push_bases() { # e2e|local|all
    local pattern
    case ${1:-all} in
        e2e) pattern='^tailscale-e2e/base:' ;;
        local) pattern='^local/[^:]+:' ;;
        all) pattern='^(tailscale-e2e/base|local/[^:]+):' ;;
        *) die "push-bases takes e2e, local or all, not '$1'" ;;
    esac
    start_mirror
    local image pushed=0
    while read -r image; do
        [[ -n $image ]] || continue
        docker tag "$image" "$mirror/$image"
        docker push -q "$mirror/$image" >/dev/null
        docker rmi "$mirror/$image" >/dev/null
        pushed=$((pushed + 1))
    done < <(docker image ls --format '{{.Repository}}:{{.Tag}}' | grep -E "$pattern" || true)
    log "pushed $pushed base image(s) to $mirror"
}

stop_node() { # node
    local pidfile="$BUILDKIT_RUN/node$1.pid" pid
    [[ -r $pidfile ]] || { log "node$1 not started by this script"; return; }
    pid=$(cat "$pidfile")
    if kill "$pid" 2>/dev/null; then
        for ((i = 0; i < 100; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$pidfile"
    log "node$1 stopped"
}

status() {
    local node
    for node in 1 2; do
        if node_up "$node"; then log "node$node: up at unix://$(socket "$node")"; else log "node$node: down"; fi
    done
    if mirror_up; then log "mirror: up at $mirror"; else log "mirror: down"; fi
}

case ${1:-} in
    build) build ;;
    start) start ;;
    push-bases) push_bases "${2:-all}" ;;
    stop-node) [[ ${2:-} == [12] ]] || die "usage: $0 stop-node 1|2"; stop_node "$2" ;;
    status) status ;;
    *) die "usage: $0 build | start | push-bases [e2e|local|all] | stop-node 1|2 | status" ;;
esac
