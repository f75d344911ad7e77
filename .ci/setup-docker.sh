#!/usr/bin/env bash
# Installs and starts a real Docker toolchain on a fresh Debian 12 (bookworm)
# machine, as root: engine 20.10 (docker.io) + buildx (from trixie), QEMU
# user emulation via binfmt_misc, a local registry binary, and helper tools.
# Idempotent: on a prepared machine it only checks, and takes a few seconds.
#
# The machine reaches only the Debian mirrors, Maven Central, npm and the Go
# module proxy (no Docker Hub, no GitHub), so everything comes from Debian
# packages.
#
# Usage: .ci/setup-docker.sh        (no arguments; run as root)
# Leaves dockerd running (log: /var/log/dockerd-ci.log).
set -euo pipefail

START=$SECONDS
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib/trixie-apt.sh
source "$HERE/lib/trixie-apt.sh"

DOCKERD_LOG=/var/log/dockerd-ci.log
PACKAGES=(docker.io qemu-user-static binfmt-support docker-registry apache2-utils
          skopeo umoci busybox-static debootstrap iproute2 iptables curl jq)

export DEBIAN_FRONTEND=noninteractive
# We check and start the local engine on its default socket; a DOCKER_HOST or
# context inherited from the caller would make `docker info` test something else.
unset DOCKER_HOST DOCKER_CONTEXT

log() { printf '[setup-docker] %s\n' "$*" >&2; }
die() { printf '[setup-docker] ERROR: %s\n' "$*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root"

# Several Maven modules/forks may call this at once: serialise them, the
# second caller then finds everything ready.
LOCK=/run/lock/setup-docker-ci.lock
[[ -d /run/lock ]] || LOCK=/tmp/setup-docker-ci.lock
exec 9>>"$LOCK"   # >> : opening must not modify anything
flock 9

# --- binfmt_misc mount ----------------------------------------------------
# Done first: qemu-user-static's postinst registers its handlers through it.
mount_binfmt_misc() {
    if ! mountpoint -q /proc/sys/fs/binfmt_misc; then
        log "mounting binfmt_misc"
        mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
    fi
}
mount_binfmt_misc

# --- 1. Debian packages ---------------------------------------------------
missing_packages() {
    local p
    for p in "${PACKAGES[@]}"; do
        # dpkg-query fails for never-seen packages; "ii " = installed and ok.
        [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)" == "ii " ]] \
            || printf '%s\n' "$p"
    done
}

apt_update_with_retries() {
    local attempt
    # A mirror can be mid-sync ("Hash Sum mismatch", "File has unexpected
    # size ... Mirror sync in progress?"). --error-on=any makes those fail
    # instead of being ignored; after 5 tries we go on with whatever lists we
    # have and let the install decide (its own retry re-runs update).
    for attempt in 1 2 3 4 5; do
        if apt-get -q update --error-on=any; then
            return 0
        fi
        log "apt-get update failed (attempt $attempt/5)"
        ((attempt < 5)) && sleep $((attempt * 3))
    done
    log "WARNING: apt-get update kept failing; trying the install with the lists we have"
}

install_packages() {
    local -a missing
    mapfile -t missing < <(missing_packages)
    if ((${#missing[@]} == 0)); then
        log "packages: all ${#PACKAGES[@]} present"
        return 0
    fi
    log "packages: installing ${missing[*]}"
    # No service may start from a postinst: docker.io's init script would
    # start dockerd with bridge + iptables (we want our own flags), and
    # docker-registry would grab :5000.  Debian honours policy-rc.d (exit 101
    # = "not allowed"); only add one if the machine has none, and remove it.
    local added_policy=0
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        added_policy=1
    fi
    local attempt ok=0
    apt_update_with_retries
    for attempt in 1 2 3; do
        # --no-install-recommends: docker.io recommends e.g. git, xz, cgroupfs
        # tooling we don't need; keeps the install at ~20 s.
        if apt-get -q install -y --no-install-recommends "${missing[@]}"; then
            ok=1; break
        fi
        log "apt-get install failed (attempt $attempt/3); refreshing lists"
        sleep $((attempt * 3))
        apt_update_with_retries
    done
    ((added_policy)) && rm -f /usr/sbin/policy-rc.d
    ((ok)) || die "apt-get install ${missing[*]} failed"
    mapfile -t missing < <(missing_packages)
    ((${#missing[@]} == 0)) || die "still not installed: ${missing[*]}"
}
install_packages

# --- 2. buildx --------------------------------------------------------------
# docker-buildx is packaged only in trixie; it is a Go binary that installs
# cleanly on bookworm with dpkg -i.  It is fetched through a private apt
# directory (lib/trixie-apt.sh) so the system's sources stay bookworm-only.
install_buildx() {
    if docker buildx version >/dev/null 2>&1; then
        log "buildx: present"
        return 0
    fi
    # Also re-fetch when the package is recorded but its binary is gone.
    if [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' docker-buildx 2>/dev/null || true)" != "ii " \
        || ! -x /usr/libexec/docker/cli-plugins/docker-buildx ]]; then
        log "buildx: downloading docker-buildx from trixie"
        local tmp deb
        tmp=$(mktemp -d)
        deb=$(trixie_apt_download "$tmp" docker-buildx | tail -n1) \
            || die "could not download docker-buildx from trixie"
        dpkg -i "$deb" || die "dpkg -i $deb failed"
        rm -rf "$tmp"
    fi
    # The package puts the plugin in /usr/libexec/docker/cli-plugins.  The
    # 28.x client at /usr/local/bin/docker (first on PATH) searches that dir
    # too, but if some client does not, a link in the first system dir the
    # CLI searches (/usr/local/lib/docker/cli-plugins) fixes it for every
    # user and HOME, unlike ~/.docker/cli-plugins.
    if ! docker buildx version >/dev/null 2>&1; then
        log "buildx: linking plugin into /usr/local/lib/docker/cli-plugins"
        mkdir -p /usr/local/lib/docker/cli-plugins
        ln -sfn /usr/libexec/docker/cli-plugins/docker-buildx \
            /usr/local/lib/docker/cli-plugins/docker-buildx
    fi
    docker buildx version >/dev/null || die "docker buildx still does not work"
}
install_buildx

# --- 3. binfmt (QEMU user emulation) ---------------------------------------
# Handlers must be enabled and carry the F flag (interpreter opened at
# registration time): build containers have no /usr/libexec/qemu-binfmt.
binfmt_ok() {
    local h f
    for h in qemu-aarch64 qemu-arm; do
        f=/proc/sys/fs/binfmt_misc/$h
        [[ -r $f ]] || return 1
        [[ "$(head -n1 "$f")" == enabled ]] || return 1
        grep -q '^flags: .*F' "$f" || return 1
    done
}
setup_binfmt() {
    mount_binfmt_misc
    if binfmt_ok; then
        log "binfmt: qemu-aarch64 and qemu-arm enabled"
        return 0
    fi
    log "binfmt: enabling handlers"
    update-binfmts --enable || true   # warns (exit 0/2) for already-enabled ones
    binfmt_ok || die "binfmt handlers qemu-aarch64/qemu-arm missing or without F flag: $(
        for h in qemu-aarch64 qemu-arm; do
            printf '%s=[%s] ' "$h" "$(tr '\n' ' ' < /proc/sys/fs/binfmt_misc/$h 2>/dev/null || echo absent)"
        done)"
}
setup_binfmt

# --- 4. Engine ----------------------------------------------------------------
engine_up() { timeout 10 docker info >/dev/null 2>&1; }
start_engine() {
    if engine_up; then
        log "dockerd: answering"
        return 0
    fi
    local pid=""
    [[ -r /var/run/docker.pid ]] && pid=$(cat /var/run/docker.pid)
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        # Started (maybe by a parallel caller) but not answering yet: wait.
        log "dockerd: pid $pid exists, waiting for it"
    else
        # No bridge, no iptables: the machine has no NAT to offer and the
        # project only needs host networking (builds use --network host).
        # setsid + nohup + all three std streams redirected: dockerd must not
        # keep the caller's pipes open (Maven would wait for EOF forever) or
        # die with the caller's session.  9>&- : dockerd must not inherit our
        # lock fd, or it holds the lock forever and the next run hangs.
        log "dockerd: starting (log $DOCKERD_LOG)"
        setsid nohup dockerd --iptables=false --ip6tables=false --bridge=none \
            > "$DOCKERD_LOG" 2>&1 < /dev/null 9>&- &
        pid=$!
    fi
    local i
    for ((i = 0; i < 60; i++)); do
        engine_up && { log "dockerd: up after ~$((i / 2)) s"; return 0; }
        if ! kill -0 "$pid" 2>/dev/null; then
            log "dockerd exited; last log lines:"
            tail -n 30 "$DOCKERD_LOG" >&2 || true
            die "dockerd did not start"
        fi
        sleep 0.5
    done
    log "dockerd did not answer within 30 s; last log lines:"
    tail -n 30 "$DOCKERD_LOG" >&2 || true
    die "dockerd did not answer"
}
start_engine

# --- 5. Summary ---------------------------------------------------------------
others=0
for f in /proc/sys/fs/binfmt_misc/qemu-*; do
    [[ "${f##*/}" == qemu-aarch64 || "${f##*/}" == qemu-arm ]] && continue
    if [[ "$(head -n1 "$f")" == enabled ]]; then others=$((others + 1)); fi
done
handlers="$(for h in qemu-aarch64 qemu-arm; do
    printf '%s(flags %s) ' "$h" "$(sed -n 's/^flags: //p' /proc/sys/fs/binfmt_misc/$h)"
done)+ $others other qemu handlers enabled"
cat >&2 <<EOF
[setup-docker] docker client : $(docker version --format '{{.Client.Version}}' 2>/dev/null) ($(command -v docker))
[setup-docker] docker server : $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null), storage $(docker info --format '{{.Driver}}' 2>/dev/null)
[setup-docker] buildx        : $(docker buildx version 2>/dev/null)
[setup-docker] binfmt        : $handlers
[setup-docker] done in $((SECONDS - START)) s
EOF
