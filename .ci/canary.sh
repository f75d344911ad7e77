#!/usr/bin/env bash
# The upgrade canary: would bumping image-project to the newest stable Tailscale pass?
#
#   .ci/canary.sh [vMAJOR.MINOR.PATCH]     (default: the newest stable release the Go module proxy lists)
#
# 1. Fast checks, in seconds and before anything is compiled (tailscale:canary, profile canary):
#    the Go the release's go.mod needs against the builder's and the Go releases these machines
#    can have, every pinned module's source zip on the proxy, the feature catalogue (generated
#    when the plugin has none and a Go fits), features renamed, gone or undecided, and each patch
#    with git apply --check against the release's source.
# 2. Only when nothing found there stops it: the real build of image-project at that version
#    (generate, build, verify-size, smoke), under the machine-wide build lock.
# 3. The canary names what broke from the build logs, size-report.json and smoke-report.json.
#
# Writes image-project/target/canary/report.{md,json}. Exit 0 only when the bump would pass;
# 1 when it would not; 2 when the canary itself could not run.
set -uo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
version=${1:-}
dir=image-project/target/canary
mvn=(./mvnw -B -ntp -pl tailscale-maven-plugin,image-project -DskipTests -Dinvoker.skip)
step() { printf '\n=== canary: %s (%d s so far)\n' "$1" $((SECONDS - started)); }

step "fast checks${version:+ of $version}"
rm -f "$dir/next-step.env" "$dir/report.json" "$dir/report.md"
"${mvn[@]}" package -Pcanary ${version:+-Dtailscale.canary.version=$version}
checks=$?
if [[ ! -f $dir/next-step.env ]]; then
    echo "canary: the fast checks wrote no report (Maven exit $checks); see the output above" >&2
    exit 2
fi
# shellcheck disable=SC1091
source "$dir/next-step.env"

if [[ $CANARY_BUILD == true ]]; then
    step "real build of image-project at $CANARY_VERSION with Go $CANARY_GO (waits for the build lock)"
    build_args=(-Dtailscale.version="$CANARY_VERSION")
    go_pin=$(sed -n 's:.*<go.version>\(.*\)</go.version>.*:\1:p' image-project/pom.xml)
    if [[ $CANARY_GO != "$go_pin" ]]; then
        # the bump would move the Go pin with Tailscale: build as it would
        # (local bases: the builder image is remade with that Go; otherwise the official image's tag)
        build_args+=(-Dgo.version="$CANARY_GO")
        [[ -n ${TAILSCALE_LOCAL_BASES:-} ]] ||
            build_args+=(-Dbuilder.image="golang:$CANARY_GO-alpine" -Dtailscale.allowUnpinnedBaseImages=true)
    fi
    rm -rf image-project/target/images
    flock /tmp/tailscale-real-build.lock "${mvn[@]}" verify "${build_args[@]}"
    built=$?
    step "naming what broke in the build (exit $built)"
    "${mvn[@]}" package -Pcanary -Dtailscale.canary.step=results -Dtailscale.canary.buildExit=$built \
        -Dtailscale.canary.version="$CANARY_VERSION"
    result=$?
else
    result=$checks
fi

step "report"
cat "$dir/report.md"
printf '\n=== canary: %s in %d s; report in %s/report.{md,json}\n' \
    "$([[ $result == 0 ]] && echo "the bump would pass" || echo "the bump would NOT pass")" $((SECONDS - started)) "$dir"
[[ $result == 0 ]] && exit 0 || exit 1
