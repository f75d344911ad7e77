#!/usr/bin/env bash
# Benchmark (not a test): what the build goal costs on top of the docker buildx calls it makes.
#
#   tailscale-maven-plugin/src/bench/build-overhead.sh [runs]
#
# On the end-to-end fixture (three platforms, target stages under QEMU, layer cache warm):
#   plugin  = mvn package -Dtailscale.force      (preflight, buildx --load, save, archive check, tags)
#   direct  = the same buildx builds and docker saves in one shell loop
#   maven   = mvn validate (Maven's own start-up, no plugin)
# once with BuildKit's layer cache (buildx does almost nothing: the plugin's fixed cost shows) and
# once without it (buildx really builds, QEMU included), and a second plugin run with nothing
# changed against mvn validate. Needs the toolchain of
# .ci/setup-docker.sh; installs hyperfine from Debian when missing.
set -euo pipefail
runs=${1:-5}
root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
command -v hyperfine >/dev/null || apt-get install -y -q hyperfine >/dev/null
command -v jq >/dev/null || apt-get install -y -q jq >/dev/null
./mvnw -q -B -pl tailscale-maven-plugin -am install -DskipTests -Dinvoker.skip
.ci/lib/e2e-base-images.sh
version=$(./mvnw -q -B -pl tailscale-maven-plugin help:evaluate -Dexpression=project.version -DforceStdout)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r tailscale-maven-plugin/src/test/e2e/build "$work/fixture"
cp -r tailscale-maven-plugin/src/test/e2e/common-context "$work/fixture/context"
sed -i "s/@pluginVersion@/$version/" "$work/fixture/pom.xml"
cat > "$work/direct.sh" <<DIRECT
set -e
extra=\${1:-}
for platform in linux/amd64 linux/arm64 linux/arm/v7; do
  name=\$(echo "\$platform" | sed 's|linux/||; s|/||')
  docker buildx build --progress=plain --platform "\$platform" --network host --build-arg OCI_VERSION=dev \$extra \\
    --file "$work/fixture/context/Dockerfile" --load --tag "bench/direct:\$name" "$work/fixture/context" >/dev/null 2>&1
  docker save "bench/direct:\$name" -o "$work/direct-\$name.tar"
done
DIRECT
mvn="$root/mvnw -q -B -f $work/fixture/pom.xml"

echo "== forced rebuild of three platforms ($runs runs each)"
hyperfine --warmup 1 --runs "$runs" --export-json "$work/forced.json" \
  -n plugin "$mvn package -Dtailscale.force" \
  -n direct "sh $work/direct.sh" \
  -n maven "$mvn validate"
echo "== forced rebuild without the layer cache ($runs runs each)"
hyperfine --warmup 1 --runs "$runs" --export-json "$work/nocache.json" \
  -n plugin "$mvn package -Dtailscale.force -Dtailscale.noCache" \
  -n direct "sh $work/direct.sh --no-cache" \
  -n maven "$mvn validate"
echo "== second run, nothing changed"
hyperfine --warmup 1 --runs "$runs" --export-json "$work/uptodate.json" \
  -n plugin-up-to-date "$mvn package" \
  -n maven "$mvn validate"

median() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .median' "$1"; }
plugin=$(median "$work/forced.json" plugin)
direct=$(median "$work/forced.json" direct)
maven=$(median "$work/forced.json" maven)
uptodate=$(median "$work/uptodate.json" plugin-up-to-date)
plugin_nc=$(median "$work/nocache.json" plugin)
direct_nc=$(median "$work/nocache.json" direct)
maven_nc=$(median "$work/nocache.json" maven)
maven2=$(median "$work/uptodate.json" maven)
awk -v p="$plugin" -v d="$direct" -v m="$maven" -v u="$uptodate" -v m2="$maven2" \
    -v pn="$plugin_nc" -v dn="$direct_nc" -v mn="$maven_nc" 'BEGIN {
  printf "\nwith the layer cache: plugin %.2f s, direct loop %.2f s, mvn validate %.2f s\n", p, d, m
  printf "  overhead beyond Maven start: (%.2f - %.2f) / %.2f - 1 = %+.1f %% (%.2f s fixed)\n", p, m, d, ((p - m) / d - 1) * 100, p - m - d
  printf "without the layer cache: plugin %.2f s, direct loop %.2f s, mvn validate %.2f s\n", pn, dn, mn
  printf "  overhead beyond Maven start: (%.2f - %.2f) / %.2f - 1 = %+.1f %% (limit 10 %%)\n", pn, mn, dn, ((pn - mn) / dn - 1) * 100
  printf "up-to-date run: %.2f s, %.2f s beyond mvn validate (limit 3 s)\n", u, u - m2
}'
docker image rm bench/direct:amd64 bench/direct:arm64 bench/direct:armv7 >/dev/null 2>&1 || true
