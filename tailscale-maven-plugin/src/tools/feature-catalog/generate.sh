#!/usr/bin/env bash
# Writes the plugin's feature catalogue for one Tailscale release, read from
# Tailscale's own source through the Go module proxy (honours GOPROXY).
#
#   src/tools/feature-catalog/generate.sh v1.104.0 [OUTPUT.json]
#
# The result lands in src/main/resources/.../feature/catalog/<major>.<minor>.json
# (one catalogue serves every patch release of a minor line), or in OUTPUT.json
# when given (the upgrade canary: the plugin's catalogues stay as they are).
set -euo pipefail
# A newer Tailscale may need a newer Go than the machine has: let the proxy serve it.
export GOTOOLCHAIN=${GOTOOLCHAIN_OVERRIDE:-auto}
version=${1:?usage: generate.sh vMAJOR.MINOR.PATCH}
[[ $version =~ ^v([0-9]+)\.([0-9]+)\.[0-9]+$ ]] || { echo "not a Tailscale release tag: $version" >&2; exit 2; }
minor_line="${BASH_REMATCH[1]}.${BASH_REMATCH[2]}"
here=$(cd "$(dirname "$0")" && pwd)
bundled="$here/../../main/resources/io/github/mikrotiktailscale/feature/catalog/$minor_line.json"
target=${2:-$bundled}
mkdir -p "$(dirname "$target")"
target="$(cd "$(dirname "$target")" && pwd)/$(basename "$target")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/main.go" "$work/"
cd "$work"
go mod init feature-catalog >/dev/null 2>&1
go get "tailscale.com@$version" >go.log 2>&1 || { tail -5 go.log >&2; exit 1; }
go mod tidy >go.log 2>&1 || { tail -5 go.log >&2; exit 1; }
go run . > "$target.tmp"
mv "$target.tmp" "$target"
[[ $target != "$(cd "$(dirname "$bundled")" && pwd)/$(basename "$bundled")" ]] ||
  ( cd "$(dirname "$target")" && ls *.json | sed "s/\.json$//" | sort -t. -k1,1n -k2,2n > catalogs.txt )
echo "wrote $(cd "$(dirname "$target")" && pwd)/$(basename "$target")"
