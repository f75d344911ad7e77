#!/usr/bin/env bash
# A second, newer Docker engine next to the machine's own one, for checking
# the plugin against engines newer than Debian bookworm's 20.10.
#
#   newer-engine.sh [start]   build the root filesystem if missing, start the
#                             engine if it does not answer, print versions
#   newer-engine.sh stop      stop the engine and unmount everything
#                             (the root filesystem stays for the next start)
#
# Then: DOCKER_HOST=unix://$NEWER_ENGINE_DIR/docker.sock docker ...
#
# Why a separate root file system: the newest docker.io Debian has lives in
# sid (or trixie), and it needs that suite's libc, containerd and runc.
# Installing them on the bookworm host would replace the host's engine; a
# debootstrapped root file system keeps them apart.  The engine runs in a
# mount namespace of its own, pivot_root'ed into it (see start_engine).  The
# host's engine (/var/run/docker.sock, /var/lib/docker) is never touched: this
# one has its own socket, data root, exec root and pid file, all under
# $NEWER_ENGINE_DIR.
#
# Knobs (environment):
#   NEWER_ENGINE_DIR       where everything lives (default /tmp/newer-engine)
#   NEWER_ENGINE_SUITE     Debian suite to take docker.io from (default sid)
#   NEWER_ENGINE_STORAGE   storage driver (default: the engine's choice,
#                          overlay2; vfs as a fallback)
#   NEWER_ENGINE_FEATURES  extra dockerd flags, e.g.
#                          "--feature containerd-snapshotter=true"
set -euo pipefail

BASE="${NEWER_ENGINE_DIR:-/tmp/newer-engine}"
SUITE="${NEWER_ENGINE_SUITE:-sid}"
ROOTFS="$BASE/rootfs"
SOCK="$BASE/docker.sock"
PIDFILE="$BASE/docker.pid"
LOG="$BASE/dockerd.log"
READY="$ROOTFS/.newer-engine-ready"
CHROOT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

log() { printf 'newer-engine: %s\n' "$*" >&2; }

# trixie_apt_mirror: the mirror the system's apt already uses, so that no host name is
# written anywhere in the project.
# shellcheck source=.ci/lib/trixie-apt.sh
source "$(dirname "${BASH_SOURCE[0]}")/trixie-apt.sh"

mount_once() { # TARGET MOUNT-ARGS...: mount unless something is mounted there
    local target="$1"; shift
    mountpoint -q "$target" || mount "$@" "$target"
}

mount_chroot() {
    # runc makes the container's "/" a slave mount (MS_REC|MS_SLAVE) and
    # fails with "mount dst=/ ... invalid argument" when the chroot's root is
    # a plain directory: bind it onto itself so that it is a mount point.
    # Everything else is mounted on top of this bind.
    mount_once "$ROOTFS" --bind "$ROOTFS"
    mount_once "$ROOTFS/proc" -t proc proc
    # rbind: the engine needs the cgroup hierarchies mounted below /sys.
    # rslave: unmounting them here later must not propagate to the host.
    if ! mountpoint -q "$ROOTFS/sys"; then
        mount --rbind /sys "$ROOTFS/sys"
        mount --make-rslave "$ROOTFS/sys"
    fi
    if ! mountpoint -q "$ROOTFS/dev"; then
        mount --rbind /dev "$ROOTFS/dev"
        mount --make-rslave "$ROOTFS/dev"
    fi
    mount_once "$ROOTFS/run" -t tmpfs -o mode=755 tmpfs
    # $BASE appears inside the chroot at the same path, so the socket, data
    # root and exec root have one name on both sides.  A plain (not
    # recursive) bind: the chroot's own mounts under $ROOTFS stay out of it.
    mkdir -p "$ROOTFS$BASE"
    mount_once "$ROOTFS$BASE" --bind "$BASE"
}

umount_chroot() {
    local target
    for target in "$ROOTFS$BASE" "$ROOTFS/run" "$ROOTFS/dev" "$ROOTFS/sys" "$ROOTFS/proc" "$ROOTFS"; do
        if mountpoint -q "$target"; then
            umount -R "$target" || umount -R -l "$target"
        fi
    done
}

setup_rootfs() {
    [[ -f "$READY" ]] && return 0
    local uri
    uri=$(trixie_apt_mirror)
    # A half-made root filesystem (an interrupted run) is thrown away.
    umount_chroot
    # The chroot sees $BASE through a bind mount of the same file system, so
    # --one-file-system alone would not stop rm from walking into it.
    if findmnt -rn -o TARGET | grep -q "^$ROOTFS\(/\|$\)"; then
        log "something is still mounted under $ROOTFS; not deleting it"
        return 1
    fi
    rm -rf --one-file-system "$ROOTFS"
    mkdir -p "$BASE"
    log "debootstrap $SUITE (minbase) into $ROOTFS"
    debootstrap --variant=minbase "$SUITE" "$ROOTFS" "$uri" > "$BASE/debootstrap.log" 2>&1 \
        || { log "debootstrap failed, see $BASE/debootstrap.log"; return 1; }
    # Mirrors serving a dated snapshot carry Release files whose Valid-Until
    # lies in the past; the host's apt is configured the same way.
    printf 'Acquire::Check-Valid-Until "false";\nAcquire::Check-Date "false";\n' \
        > "$ROOTFS/etc/apt/apt.conf.d/99newer-engine"
    # No service starts inside the chroot while packages are installed.
    printf '#!/bin/sh\nexit 101\n' > "$ROOTFS/usr/sbin/policy-rc.d"
    chmod +x "$ROOTFS/usr/sbin/policy-rc.d"
    mount_once "$ROOTFS/proc" -t proc proc
    log "installing docker.io, docker-buildx into the chroot"
    local attempt ok=0
    # A mirror can be mid-sync: retry.
    for attempt in 1 2 3; do
        if chroot "$ROOTFS" /usr/bin/env -i PATH="$CHROOT_PATH" DEBIAN_FRONTEND=noninteractive \
            sh -c 'apt-get -q update && apt-get install -y -q --no-install-recommends docker.io docker-buildx iptables ca-certificates' \
            > "$BASE/apt-install.log" 2>&1; then
            ok=1; break
        fi
        log "apt-get in the chroot failed (attempt $attempt/3)"; sleep $((attempt * 3))
    done
    umount "$ROOTFS/proc"
    ((ok)) || { log "see $BASE/apt-install.log"; return 1; }
    chroot "$ROOTFS" dpkg-query -W docker.io containerd runc docker-buildx >&2
    touch "$READY"
}

engine_answers() {
    docker -H "unix://$SOCK" version >/dev/null 2>&1
}

dockerd_flags() {
    local -a flags=(
        -H "unix://$SOCK"
        --data-root "$BASE/data"
        --exec-root "$BASE/exec"
        --pidfile "$PIDFILE"
        # Like the host's engine: no bridge, no iptables rules, so this engine
        # changes nothing in the host's network set-up.
        --bridge=none --iptables=false --ip6tables=false
    )
    [[ -n "${NEWER_ENGINE_STORAGE:-}" ]] && flags+=(--storage-driver "$NEWER_ENGINE_STORAGE")
    # shellcheck disable=SC2206  # word splitting of the extra flags is intended
    [[ -n "${NEWER_ENGINE_FEATURES:-}" ]] && flags+=($NEWER_ENGINE_FEATURES)
    printf '%s\n' "${flags[@]}"
}

# Runs inside the private mount namespace made by start_engine: mounts what
# the engine needs, makes the root file system the namespace's root with
# pivot_root and becomes dockerd.  pivot_root rather than chroot because
# `docker exec` (runc setns into the container's mount namespace) lands in
# that namespace's root mount: under a chroot that is the host's "/", and
# exec'd commands then see the host's files ("executable file not found").
run_engine_in_namespace() {
    local -a flags
    mapfile -t flags < <(dockerd_flags)
    mount_chroot
    cd "$ROOTFS"
    mkdir -p .old-root
    pivot_root . .old-root
    cd /
    # From here on every command comes from the Debian root file system.
    umount -l /.old-root
    exec /usr/bin/env -i PATH="$CHROOT_PATH" HOME=/root dockerd "${flags[@]}"
}

start_engine() {
    if engine_answers; then
        log "engine already running on $SOCK"
        return 0
    fi
    mkdir -p "$BASE/data" "$BASE/exec"
    rm -f "$SOCK"
    log "starting dockerd (log: $LOG)"
    # A mount namespace of its own: the engine's mounts (and those it makes
    # for containers) stay invisible to the host and vanish with it.  Only
    # the socket, data and exec roots are shared, through the bind of $BASE.
    # dockerd starts its own containerd (from the root file system).
    setsid nohup unshare --mount --propagation private \
        "$BASH" "${BASH_SOURCE[0]}" run-in-namespace > "$LOG" 2>&1 < /dev/null &
    local i
    for ((i = 0; i < 60; i++)); do
        engine_answers && return 0
        sleep 0.5
    done
    log "the engine did not answer within 30 s; last lines of $LOG:"
    tail -n 20 "$LOG" >&2
    return 1
}

stop_engine() {
    local pid="" i
    [[ -f "$PIDFILE" ]] && pid=$(cat "$PIDFILE")
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        log "stopping dockerd (pid $pid)"
        kill -TERM "$pid"
        # dockerd stops its containers and its managed containerd first.
        for ((i = 0; i < 60; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "dockerd still running after 30 s, killing it"
            kill -KILL "$pid"
        fi
    fi
    rm -f "$SOCK" "$PIDFILE"
    # The engine's mounts went with its namespace; this clears what an
    # interrupted setup_rootfs may have left mounted on the host.
    umount_chroot
    log "stopped; root filesystem kept in $ROOTFS"
}

print_versions() {
    export DOCKER_HOST="unix://$SOCK"
    docker version
    docker info --format 'storage driver: {{.Driver}}; cgroup: {{.CgroupDriver}} v{{.CgroupVersion}}; driver status: {{.DriverStatus}}'
    docker buildx version
    docker buildx inspect
    printf '\nexport DOCKER_HOST=%s\n' "$DOCKER_HOST"
}

case "${1:-start}" in
    start)
        setup_rootfs
        start_engine
        print_versions
        ;;
    stop)
        stop_engine
        ;;
    run-in-namespace)  # internal: see start_engine
        run_engine_in_namespace
        ;;
    *)
        echo "usage: $0 [start|stop]" >&2
        exit 2
        ;;
esac
