# shellcheck shell=bash
# Private apt directory for fetching packages from another Debian suite
# (default: trixie) WITHOUT touching the system's apt sources and WITHOUT
# `dpkg --add-architecture`.  Source this file, do not execute it.
#
# Why: docker-buildx, upx-ucl and busybox 1.37 exist only in trixie, and the
# foreign-arch busybox-static .debs (arm64, armhf) are needed as plain files.
# Adding trixie or a foreign architecture to the system's apt config makes
# every later `apt-get update`/`upgrade` on the machine depend on it (and a
# mirror mid-sync then breaks the system's apt), so everything lives in its
# own directory and is passed to apt-get with -o options.
#
# Layout: one directory per suite and set of extra architectures, because a
# single broken index (seen: trixie's binary-armhf/Packages.xz stuck
# "Mirror sync in progress?" for good while arm64 was fine) must not break
# callers that do not need that architecture:
#   DIR=$PRIVATE_APT_ROOT/<suite>[-<arch>...]
#   DIR/sources/<suite>.sources      deb822, URIs copied at runtime from the
#                                    system's sources (no host name in repo)
#   DIR/lists/partial                Dir::State::lists
#   DIR/cache/archives/partial       Dir::Cache
#   DIR/config.stamp                 what the current lists were fetched for
#
# Functions (suite from $PRIVATE_APT_SUITE, default trixie; extra
# architectures from $PRIVATE_APT_ARCHS, e.g. "arm64"; native always there):
#   trixie_apt_dir                  print DIR
#   trixie_apt_init                 create DIR and its sources file
#   trixie_apt_mirror               print the Debian mirror the system's apt uses
#   trixie_apt_get ARGS...          apt-get with the private -o options
#   trixie_apt_update               update with retries (skipped while fresh)
#   trixie_apt_download DEST PKG... download .debs (PKG may be name:arch,
#                                   name=version) into DEST; prints their paths
#   trixie_apt_source DEST PKG...   download a source package (dsc + tarballs)
#                                   into DEST without unpacking (no dpkg-dev
#                                   needed); prints the .dsc path
#
# Other knobs: PRIVATE_APT_ROOT (default /var/cache/mikrotik-tailscale-apt),
# PRIVATE_APT_MAX_AGE_MIN (lists younger than this are reused, default 360),
# PRIVATE_APT_RETRIES (default 5).
#
# Example (foreign arch, falling back to bookworm when trixie's index is
# broken):
#   PRIVATE_APT_ARCHS=armhf trixie_apt_download /tmp/x busybox-static:armhf \
#     || PRIVATE_APT_SUITE=bookworm PRIVATE_APT_ARCHS=armhf \
#          trixie_apt_download /tmp/x busybox-static:armhf

PRIVATE_APT_ROOT="${PRIVATE_APT_ROOT:-/var/cache/mikrotik-tailscale-apt}"

_trixie_apt_archs() {
    # shellcheck disable=SC2086  # word splitting of the list is intended
    printf '%s\n' ${PRIVATE_APT_ARCHS:-} | sed '/^$/d' | sort -u | tr '\n' ' ' | sed 's/ $//'
}

trixie_apt_dir() {
    local archs
    archs=$(_trixie_apt_archs)
    printf '%s/%s%s\n' "$PRIVATE_APT_ROOT" "${PRIVATE_APT_SUITE:-trixie}" \
        "${archs:+-${archs// /-}}"
}

# The mirror is whatever the machine already uses: the first `URIs:` line of
# the system's deb822 sources (falling back to the first `deb` line of a
# one-line-style sources.list).  This keeps every host name out of the repo.
trixie_apt_mirror() {
    local uri=""
    if [[ -r /etc/apt/sources.list.d/debian.sources ]]; then
        uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources)
    fi
    if [[ -z "$uri" && -r /etc/apt/sources.list ]]; then
        uri=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) { print $i; exit } }' /etc/apt/sources.list)
    fi
    if [[ -z "$uri" ]]; then
        echo "trixie-apt: cannot find a Debian mirror URI in /etc/apt/sources.list.d/debian.sources" >&2
        return 1
    fi
    printf '%s\n' "$uri"
}

# Everything apt-get needs to forget the system's sources and lists.  The
# archive keyring is the system's: trixie is signed by keys already in
# bookworm's debian-archive-keyring.
_trixie_apt_opts() {
    local dir arch
    dir=$(trixie_apt_dir)
    printf '%s\n' \
        -o "Dir::Etc::sourcelist=/dev/null" \
        -o "Dir::Etc::sourceparts=$dir/sources" \
        -o "Dir::State::lists=$dir/lists" \
        -o "Dir::Cache=$dir/cache" \
        -o "Dir::Cache::pkgcache=" \
        -o "Dir::Cache::srcpkgcache=" \
        -o "Acquire::Languages=none" \
        -o "Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false" \
        -o "Acquire::IndexTargets::deb::DEP-11-icons-small::DefaultEnabled=false" \
        -o "Acquire::IndexTargets::deb::DEP-11-icons::DefaultEnabled=false"
    # (Translations and AppStream metadata are never needed here: 5 MB less.)
    # APT::Architectures already lists the native arch; `::=` appends.
    for arch in $(_trixie_apt_archs); do
        printf '%s\n' -o "APT::Architectures::=$arch"
    done
}

# What the current lists must have been fetched for.
_trixie_apt_stamp_text() {
    cat "$(trixie_apt_dir)/sources/${PRIVATE_APT_SUITE:-trixie}.sources"
    printf 'archs=%s\n' "$(_trixie_apt_archs)"
}

trixie_apt_init() {
    local dir suite mirror types want
    dir=$(trixie_apt_dir)
    suite="${PRIVATE_APT_SUITE:-trixie}"
    mirror=$(trixie_apt_mirror) || return 1
    mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/sources"
    # apt downloads as the unprivileged _apt user (sandbox), like the system's
    # own partial dirs; without this apt warns "Download is performed unsandboxed".
    if id _apt >/dev/null 2>&1; then
        chown _apt:root "$dir/lists/partial" "$dir/cache/archives/partial"
    fi
    # deb-src only widens: once a caller asked for sources, keep them, so
    # callers alternating between download and source do not re-fetch.
    types="deb"
    if [[ "${PRIVATE_APT_SRC:-0}" == 1 ]] \
        || grep -qs '^Types:.*deb-src' "$dir/sources/$suite.sources"; then
        types="deb deb-src"
    fi
    want="Types: $types
URIs: $mirror
Suites: $suite
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"
    # Rewrite only when it changed, so a second run leaves the file untouched.
    if [[ "$(cat "$dir/sources/$suite.sources" 2>/dev/null || true)" != "$want" ]]; then
        printf '%s\n' "$want" > "$dir/sources/$suite.sources"
    fi
}

trixie_apt_get() {
    local -a opts
    mapfile -t opts < <(_trixie_apt_opts)
    apt-get "${opts[@]}" "$@"
}

trixie_apt_update() {
    local dir stamp attempt max_age retries
    trixie_apt_init || return 1
    dir=$(trixie_apt_dir)
    stamp="$dir/config.stamp"
    max_age="${PRIVATE_APT_MAX_AGE_MIN:-360}"
    retries="${PRIVATE_APT_RETRIES:-5}"
    # Reuse the lists while they are fresh and were made for the same
    # sources: keeps re-runs fast and tolerant of a mirror hiccup.
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$(_trixie_apt_stamp_text)" ]] \
        && [[ -z "$(find "$stamp" -mmin +"$max_age" 2>/dev/null)" ]] \
        && compgen -G "$dir/lists/*InRelease" >/dev/null; then
        return 0
    fi
    rm -f "$stamp"
    # A mirror can be mid-sync ("File has unexpected size ... Mirror sync in
    # progress?", "Hash Sum mismatch"): retry.  --error-on=any turns "Some
    # index files failed to download. They have been ignored" into a failure
    # instead of silently continuing with stale or missing lists.
    for ((attempt = 1; attempt <= retries; attempt++)); do
        if trixie_apt_get -q update --error-on=any >&2; then
            _trixie_apt_stamp_text > "$stamp"
            return 0
        fi
        if ((attempt < retries)); then
            echo "trixie-apt: update of $dir failed (attempt $attempt/$retries), retrying in $((attempt * 3)) s" >&2
            sleep $((attempt * 3))
        fi
    done
    echo "trixie-apt: apt-get update of $dir failed $retries times" >&2
    return 1
}

# apt-get download writes into the current directory, so it runs in a
# subshell inside a scratch dir under the private cache (writable by _apt,
# so no sandbox warning); the files are then moved to DEST.
trixie_apt_download() {
    local dest="$1"; shift
    local dir tmp attempt f
    trixie_apt_update || return 1
    dir=$(trixie_apt_dir)
    mkdir -p "$dest"
    tmp=$(mktemp -d "$dir/cache/archives/partial/dl.XXXXXX")
    chown _apt:root "$tmp" 2>/dev/null || true
    for attempt in 1 2 3; do
        if (cd "$tmp" && trixie_apt_get -q download "$@" >&2); then
            for f in "$tmp"/*.deb; do
                mv -f "$f" "$dest/"
                printf '%s/%s\n' "$dest" "${f##*/}"
            done
            rmdir "$tmp"
            return 0
        fi
        echo "trixie-apt: download of $* failed (attempt $attempt/3)" >&2
        sleep $((attempt * 3))
    done
    rm -rf "$tmp"
    return 1
}

trixie_apt_source() {
    local dest="$1"; shift
    local dir tmp
    local PRIVATE_APT_SRC=1   # dynamic scope: seen by trixie_apt_init
    trixie_apt_update || return 1
    dir=$(trixie_apt_dir)
    mkdir -p "$dest"
    tmp=$(mktemp -d "$dir/cache/archives/partial/src.XXXXXX")
    chown _apt:root "$tmp" 2>/dev/null || true
    if (cd "$tmp" && trixie_apt_get -q source --download-only "$@" >&2); then
        find "$tmp" -maxdepth 1 -type f -exec mv -f {} "$dest/" \;
        rm -rf "$tmp"
        find "$dest" -maxdepth 1 -type f -name '*.dsc'
        return 0
    fi
    rm -rf "$tmp"
    return 1
}
