#!/usr/bin/env bash
# Sets busybox.sha256 in image-project/pom.xml for the busybox.version it names: what Renovate
# runs after it raised busybox.version (postUpgradeTasks in renovate.json), so that a busybox
# update arrives as one pull request that builds, instead of one that stops at the checksum.
#
# The checksum is not taken on trust from one download: the tarball's own SHA-256 must equal the
# one busybox.net publishes beside it (<tarball>.sha256), or nothing is written.
#
# Usage: .ci/update-busybox-checksum.sh [POM]      (default: image-project/pom.xml)
# BUSYBOX_SOURCE_URL overrides where the tarball comes from ({version} is replaced), as the
# plugin's tailscale.busyboxSourceUrl does.
set -euo pipefail

pom=${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/image-project/pom.xml}
url_template=${BUSYBOX_SOURCE_URL:-https://busybox.net/downloads/busybox-{version\}.tar.bz2}

die() { printf '[update-busybox-checksum] ERROR: %s\n' "$*" >&2; exit 1; }

version=$(sed -n 's|.*<busybox\.version>\([^<]*\)</busybox\.version>.*|\1|p' "$pom" | head -n1)
[[ $version =~ ^[0-9]+(\.[0-9]+)+$ ]] || die "no busybox.version like 1.37.0 in $pom (found '$version')"
url=${url_template//\{version\}/$version}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
curl -fsSL --retry 3 -o "$work/tarball" "$url" || die "cannot download $url"
curl -fsSL --retry 3 -o "$work/published" "$url.sha256" || die "cannot download $url.sha256"

actual=$(sha256sum "$work/tarball" | cut -d' ' -f1)
published=$(grep -oE '^[0-9a-f]{64}' "$work/published" | head -n1) || true
[[ -n $published ]] || die "$url.sha256 holds no SHA-256"
[[ $actual == "$published" ]] || die "the tarball's SHA-256 $actual differs from the published $published ($url)"

grep -q '<busybox\.sha256>[0-9a-f]\{64\}</busybox\.sha256>' "$pom" || die "no busybox.sha256 property in $pom"
sed -i "s|<busybox\.sha256>[0-9a-f]\{64\}</busybox\.sha256>|<busybox.sha256>$actual</busybox.sha256>|" "$pom"
printf '[update-busybox-checksum] busybox %s: %s\n' "$version" "$actual"
