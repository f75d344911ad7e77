#!/usr/bin/env bash
# Benchmark (not a test): what each Tailscale feature costs in the image's arm64 binary,
# raw and UPX-packed, one feature at a time against image-project's selection (the idea of
# Tailscale's cmd/omitsize, but with the image's own build). Writes the table into
# docs/DESIGN.md, between the feature-costs markers of "What each feature costs".
#
#   tailscale-maven-plugin/src/bench/feature-costs.sh [--rebuild] [feature...]
#
#   (no features)  the baseline, every chosen feature removed, every feature of CANDIDATES
#                  below added; writes the table into docs/DESIGN.md
#   feature...     only these (a chosen one is removed, any other added; a+b adds both
#                  together); prints the table and leaves docs/DESIGN.md alone
#   --rebuild      compile and pack again even where a stored result exists
#
# How it measures:
#   - the build context is what `tailscale:generate` writes for image-project (allowlist,
#     the project's patches and added files, the generated fetch and build scripts), so
#     every binary is compiled exactly as the image's is: build-tailscale.sh itself runs,
#     with the allowlist swapped, in local/tailscale-builder:trixie (made by
#     .ci/bases/build-local-bases.sh when missing; it also carries the machine's local CAs
#     for downloads behind a TLS-intercepting proxy);
#   - Tailscale's source comes from the Go module proxy (fetch-tailscale.sh, GOPROXY,
#     GONOSUMDB and GOFLAGS of the environment passed on as the build goal does);
#   - dependencies are Tailscale's own: `featuretags --min --add=<feature>` gives each
#     feature's closure; a removal also removes every chosen feature that needs the removed
#     one, and the plugin is asked whether it would accept the result;
#   - compiles run one after another (the machine has two shared cores).
# Go's module and build caches and each variant's result (keyed by the builder image,
# Tailscale version, build script, source changes and allowlist) stay in $FEATURE_COSTS_CACHE
# (default /var/cache/mikrotik-tailscale-feature-costs), so a rerun only compiles what changed.
# Needs root and the Docker toolchain of .ci/setup-docker.sh (run by the bases script).
set -euo pipefail
export LC_ALL=C # sort and compare names in byte order, as Go does

# Optional features a router might plausibly want, each measured added to the selection.
# Left out: cloud and platform integrations (aws, cloud, kube, synology, tpm), desktop and
# systemd integrations (dbus, networkmanager, resolved, sdnotify, systray, desktop_sessions,
# webbrowser, linuxdnsfight), terminal niceties a busybox shell gains nothing from
# (colorable, completion, completion_scripts), eventbus debugging (debugeventbus), the
# experimental layer 2 mode (tap) and ace (alternate control endpoints). a+b: both together
# (syspolicy does not compile without clientmetrics at v1.98.3, though featuretags does not
# say so).
CANDIDATES=(acme appconnectors bakedroots bird cachenetmap captiveportal capture cliconndiag
  clientmetrics clientupdate conn25 debug debugportmapper doctor drive hujsonconf
  identityfederation linkspeed logtail netlog netstack netstack+gro oauthkey outboundproxy portlist posture qrcodes
  relayserver serve ssh syspolicy syspolicy+clientmetrics taildrop tailnetlock tundevstats
  useproxy usermetrics wakeonlan webclient)

ARCH=arm64
BUILDER=local/tailscale-builder:trixie
CACHE=${FEATURE_COSTS_CACHE:-/var/cache/mikrotik-tailscale-feature-costs}
COMMAND=tailscale-maven-plugin/src/bench/feature-costs.sh
BEGIN_MARKER='<!-- feature-costs:begin -->'
END_MARKER='<!-- feature-costs:end -->'

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
cd "$root"
design=$root/docs/DESIGN.md
started=$SECONDS

rebuild=0
only=()
for arg in "$@"; do
  case $arg in
    --rebuild) rebuild=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "feature-costs: unknown option '$arg' (--rebuild, --help)" >&2; exit 2 ;;
    *) only+=("$arg") ;;
  esac
done

elapsed() { local s=$((SECONDS - started)); printf '%d:%02d' $((s / 60)) $((s % 60)); }
log() { printf '[feature-costs %6s] %s\n' "$(elapsed)" "$*" >&2; }
die() { printf '[feature-costs] ERROR: %s\n' "$*" >&2; exit 1; }
# 1234567 -> 1,234,567; -1234 -> -1,234; with a + for positive numbers when asked.
group() { # number [signed]
  local n=$1 sign=""
  if ((n < 0)); then sign=-; n=$((-n)); elif [[ ${2:-} == signed ]] && ((n > 0)); then sign=+; fi
  printf '%s%s' "$sign" "$(printf '%d' "$n" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')"
}
join() { local IFS=$1; shift; echo "$*"; }
# Names in the first list and not in the second (both space-separated).
minus() { comm -23 <(tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -u) <(tr ' ' '\n' <<<"$2" | sed '/^$/d' | sort -u) | paste -sd' '; }
union() { tr ' ' '\n' <<<"$*" | sed '/^$/d' | sort -u | paste -sd' '; }
backticked() { local out=() f; for f in $1; do out+=("\`$f\`"); done; join , "${out[@]}" | sed 's/,/, /g'; }
# "needs" or "need", by how many names the list has.
verb() { if (($(wc -w <<<"$1") == 1)); then echo "$2"; else echo "$3"; fi; }

mkdir -p "$CACHE"/{gomod,gobuild,results,logs,src}
exec 9>>"$CACHE/.lock"
flock -n 9 || die "another run is using $CACHE (lock $CACHE/.lock)"
work=$(mktemp -d "$CACHE/work.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- the builder image and the build context ------------------------------------------

log "builder image $BUILDER (.ci/bases/build-local-bases.sh builder)"
.ci/bases/build-local-bases.sh builder 2>&1 | sed 's/^/    /' >&2
builder_id=$(docker image inspect --format '{{.Id}}' "$BUILDER")

log "plugin (mvnw install of the plugin module) and image-project's build context (tailscale:generate)"
# Only the plugin and its parent: image-project itself would build every image.
./mvnw -q -B -pl tailscale-maven-plugin -am install -DskipTests -Dinvoker.skip
ctx=$work/context
./mvnw -q -B -pl image-project tailscale:generate "-Dtailscale.outputDirectory=$ctx"
[[ -s $ctx/tailscale/features.txt && -s $ctx/scripts/build-tailscale.sh ]] \
  || die "tailscale:generate wrote no build context to $ctx"
# The version the plugin resolved from image-project/pom.xml (tailscale.version).
version=$(sed -n 's/^ARG TAILSCALE_VERSION=//p' "$ctx/Dockerfile")
[[ -n $version ]] || die "no TAILSCALE_VERSION in the generated Dockerfile"
# Chosen features, from the plugin's own report ("chosen" in its how column).
chosen=$(awk -F'|' '$4 ~ /^ *chosen/ { gsub(/[ `]/, "", $2); print $2 }' "$ctx/features.md" | paste -sd' ')
baseline=$(paste -sd' ' "$ctx/tailscale/features.txt")
[[ -n $chosen ]] || die "no chosen features in $ctx/features.md"
log "Tailscale $version; chosen: $chosen"

goenv=()
for name in GOPROXY GONOSUMDB GOFLAGS; do
  if [[ -n ${!name:-} ]]; then goenv+=(-e "$name=${!name}"); fi
done

# Runs a command in the builder with Go's caches, the generated scripts and the module
# proxy settings; further docker arguments come before the "--".
in_builder() {
  local -a extra=()
  while [[ $1 != -- ]]; do extra+=("$1"); shift; done
  shift
  docker run --rm --network host \
    -v "$CACHE/gomod:/var/cache/go/mod" -v "$CACHE/gobuild:/var/cache/go/build" \
    -e GOMODCACHE=/var/cache/go/mod -e GOCACHE=/var/cache/go/build -e CGO_ENABLED=0 \
    "${goenv[@]}" -e "TAILSCALE_VERSION=$version" -e TAILSCALE_SOURCE=goproxy \
    -v "$ctx/scripts:/opt/build:ro" "${extra[@]}" "$BUILDER" "$@" < /dev/null
}

# --- Tailscale's source -----------------------------------------------------------------

src=$CACHE/src/$version
if [[ -f $src/.complete ]]; then
  log "tailscale.com@$version: already fetched"
else
  log "tailscale.com@$version: fetching through the Go module proxy"
  rm -rf "$src"
  mkdir -p "$src"
  in_builder -v "$src:/src" -- sh /opt/build/fetch-tailscale.sh > "$CACHE/logs/fetch.log" 2>&1 \
    || { tail -n 30 "$CACHE/logs/fetch.log" >&2; die "fetching tailscale.com@$version failed"; }
  touch "$src/.complete"
fi

# --- the model: every feature's closure, as Tailscale's featuretags computes it ---------

log "feature closures (featuretags --min --add=<feature>)"
in_builder -v "$src:/pristine:ro" -- sh -c '
  set -e
  cd /pristine/tailscale
  GOOS= GOARCH= go build -o /tmp/featuretags ./cmd/featuretags
  echo "go $(go version | cut -d" " -f3 | sed "s/^go//")"
  echo "upx $(upx --version | head -n1 | cut -d" " -f2)"
  /tmp/featuretags --list | sed "s/^ *\([^:]*\):.*/feature \1/"
  echo "none $(/tmp/featuretags --min)"
  for f in $(/tmp/featuretags --list | sed "s/^ *\([^:]*\):.*/\1/"); do
    echo "closure $f $(/tmp/featuretags --min --add=$f)"
  done' > "$work/model" 2> "$CACHE/logs/model.log" \
  || { tail -n 30 "$CACHE/logs/model.log" >&2; die "running featuretags failed"; }

go_version=$(sed -n 's/^go //p' "$work/model")
upx_version=$(sed -n 's/^upx //p' "$work/model")
mapfile -t ALL < <(sed -n 's/^feature //p' "$work/model")
none_tags=$(sed -n 's/^none //p' "$work/model")
declare -A OMITTABLE=() CLOSURE=() KNOWN=()
for f in "${ALL[@]}"; do
  KNOWN[$f]=1
  if [[ ",$none_tags," == *",ts_omit_$f,"* ]]; then OMITTABLE[$f]=1; fi
done

# The features a tag list keeps: an omittable one unless ts_omit_<f> is there, an opt-in
# one (the CLI) only when ts_include_<f> is.
kept_from_tags() {
  local tags=",$1," f out=()
  for f in "${ALL[@]}"; do
    if [[ -n ${OMITTABLE[$f]:-} ]]; then
      if [[ $tags != *",ts_omit_$f,"* ]]; then out+=("$f"); fi
    elif [[ $tags == *",ts_include_$f,"* ]]; then
      out+=("$f")
    fi
  done
  echo "${out[*]}"
}

while read -r _ f tags; do
  CLOSURE[$f]=$(kept_from_tags "$tags")
done < <(grep '^closure ' "$work/model")

resolve() { # features -> what they and their dependencies keep
  local f all=""
  for f in $1; do all+=" ${CLOSURE[$f]}"; done
  union "$all"
}

for f in $chosen; do
  [[ -n ${KNOWN[$f]:-} ]] || die "chosen feature '$f' is not in Tailscale $version's catalogue"
done
[[ $(resolve "$chosen") == "$(union "$baseline")" ]] \
  || die "the plugin's allowlist ($baseline) is not what featuretags resolves for the chosen features ($(resolve "$chosen"))"

# --- variants -------------------------------------------------------------------------

# One line each: kind (base, add, remove), feature, allowlist, note.
variants=$work/variants
printf 'base\t-\t%s\t\n' "$baseline" > "$variants"

# What the plugin says about a removal: the router requirements it would refuse on.
plugin_verdict() { # comma-separated features to remove
  local out consequences
  if out=$(./mvnw -q -B -pl image-project tailscale:features "-Dtailscale.removeFeatures=$1" \
    "-Dtailscale.featuresReport=$work/check.md" 2>&1); then
    return 0
  fi
  consequences=$(sed -n "s/.*the router image needs '[^']*'.*, but it is left out: without it \(.*\)$/\1/p" <<<"$out" \
    | sed 's/\.$//' | paste -sd';' | sed 's/;/; /g')
  if [[ -n $consequences ]]; then
    echo "the plugin refuses it without \`<acceptMissing>\`: $consequences"
  else
    echo "the plugin refuses it (see \`tailscale:features -Dtailscale.removeFeatures=$1\`)"
  fi
}

wanted() { # feature
  local w
  if ((${#only[@]} == 0)); then return 0; fi
  for w in "${only[@]}"; do
    if [[ $w == "$1" ]]; then return 0; fi
  done
  return 1
}

for w in "${only[@]}"; do
  for part in ${w//+/ }; do
    [[ -n ${KNOWN[$part]:-} ]] || die "'$part' is not a feature of Tailscale $version"
  done
done

for x in $chosen; do
  wanted "$x" || continue
  dropped=""
  for y in $chosen; do
    if [[ " ${CLOSURE[$y]} " == *" $x "* ]]; then dropped+=" $y"; fi
  done
  dropped=$(union "$dropped")
  allow=$(resolve "$(minus "$chosen" "$dropped")")
  removed=$(minus "$baseline" "$allow")
  note=""
  others=$(minus "$dropped" "$x")
  if [[ -n $others ]]; then
    note+="; also removes $(backticked "$others"), which $(verb "$others" needs need) it"
  fi
  loose=$(minus "$removed" "$dropped")
  if [[ -n $loose ]]; then
    note+="; $(backticked "$loose") $(verb "$loose" "goes too (nothing else needs it)" "go too (nothing else needs them)")"
  fi
  log "asking the plugin about removing $(join , $dropped)"
  verdict=$(plugin_verdict "$(join , $dropped)")
  if [[ -n $verdict ]]; then note+="; $verdict"; fi
  printf 'remove\t%s\t%s\t%s\n' "$x" "$allow" "${note#; }" >> "$variants"
done

additions=("${CANDIDATES[@]}")
((${#only[@]} == 0)) || additions=("${only[@]}")
for x in "${additions[@]}"; do
  if [[ " $chosen " == *" $x "* ]]; then continue; fi
  parts=${x//+/ } closure="" skip=""
  for part in $parts; do
    if [[ -z ${KNOWN[$part]:-} ]]; then skip="$part is not in Tailscale $version's catalogue"; fi
    closure+=" ${CLOSURE[$part]:-}"
  done
  if [[ -z $skip && -z $(minus "$parts" "$baseline") ]]; then
    skip="already in the build (pulled in by a chosen feature)"
  fi
  if [[ -n $skip ]]; then
    log "skipping $x: $skip"
    continue
  fi
  allow=$(union "$baseline $closure")
  extra=$(minus "$(minus "$allow" "$baseline")" "$parts")
  note=""
  if [[ -n $extra ]]; then note="pulls in $(backticked "$extra")"; fi
  printf 'add\t%s\t%s\t%s\n' "$x" "$allow" "$note" >> "$variants"
done

total=$(wc -l < "$variants")
log "$total binaries to measure for linux/$ARCH (Go $go_version, UPX $upx_version)"

# --- compiling ------------------------------------------------------------------------

# What makes a binary: the builder, the source, the build script, the project's changes
# and the allowlist. -trimpath and the version stamp make the build reproducible, so a
# stored result stands for the binary.
inputs_hash=$( {
  echo "$builder_id $version $ARCH"
  sha256sum < "$ctx/scripts/build-tailscale.sh"
  (cd "$ctx/tailscale/changes" && find . -type f | sort | xargs sha256sum)
} | sha256sum | cut -c1-64)

compiled=0 reused=0 failed=0
results=$work/results
: > "$results"
n=0
while IFS=$'\t' read -r kind feature allow note; do
  n=$((n + 1))
  case $kind in
    base) label="image-project's selection" ;;
    add) label="+$feature" ;;
    remove) label="-$feature" ;;
  esac
  key=$(printf '%s\n%s\n' "$inputs_hash" "$allow" | sha256sum | cut -c1-32)
  stored=$CACHE/results/$key
  if ((rebuild == 0)) && [[ -s $stored ]]; then
    read -r raw packed < "$stored"
    tags=$(sed -n 2p "$stored")
    reused=$((reused + 1))
    log "$n/$total $label: stored result (raw $(group "$raw"), packed $(group "$packed"))"
  else
    t0=$SECONDS
    log "$n/$total $label: compiling and packing ($(wc -w <<<"$allow") features)"
    mkdir -p "$work/v$n"
    tr ' ' '\n' <<<"$allow" > "$work/v$n/features.txt"
    buildlog=$CACHE/logs/$kind-$feature.log
    in_builder -v "$src:/pristine:ro" -v "$ctx/tailscale/changes:/opt/tailscale/changes:ro" \
      -v "$work/v$n/features.txt:/opt/tailscale/features.txt:ro" \
      -v "$ctx/entrypoint.sh:/opt/tailscale/entrypoint.sh:ro" \
      -e TARGETOS=linux -e "TARGETARCH=$ARCH" -e TARGETVARIANT= -- sh -c '
        set -e
        mkdir -p /src && cp -a /pristine/. /src/
        sh /opt/build/build-tailscale.sh
        echo "packed file: $(wc -c < /out/usrlocalbin/tailscale.combined)"' > "$buildlog" 2>&1 || {
      tail -n 20 "$buildlog" >&2
      [[ $kind != base ]] || die "building image-project's selection failed (log: $buildlog)"
      # A variant that does not build (with the project's patches, say) is a finding too.
      reason=$(grep -m1 -E 'error|undefined|cannot' "$buildlog" | tr -d '`|' | cut -c1-160 || true)
      log "$n/$total $label: does not build, see $buildlog"
      failed=$((failed + 1))
      printf '%s\t%s\tfailed\tfailed\t%s\t%s\n' "$kind" "$feature" "$(wc -w <<<"$allow")" \
        "does not build: \`${reason:-see the log}\`${note:+; $note}" >> "$results"
      continue
    }
    sizes=$(sed -n 's/^tailscale.combined: \([0-9]*\) bytes before UPX, \([0-9]*\) bytes packed$/\1 \2/p' "$buildlog")
    read -r raw packed <<<"$sizes"
    [[ -n ${packed:-} && $packed == "$(sed -n 's/^packed file: //p' "$buildlog")" ]] \
      || die "no sizes in $buildlog (did build-tailscale.sh change its output?)"
    tags=$(sed -n 's/^build tags: //p' "$buildlog")
    [[ $(union "$(kept_from_tags "$tags")") == "$allow" ]] \
      || die "$label: the build kept $(kept_from_tags "$tags"), the plan was $allow"
    printf '%s %s\n%s\n' "$raw" "$packed" "$tags" > "$stored"
    compiled=$((compiled + 1))
    log "$n/$total $label: raw $(group "$raw"), packed $(group "$packed") in $((SECONDS - t0)) s"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$kind" "$feature" "$raw" "$packed" "$(wc -w <<<"$allow")" "$note" >> "$results"
done < "$variants"

# --- the table ------------------------------------------------------------------------

read -r base_raw base_packed base_count < <(awk -F'\t' '$1 == "base" { print $3, $4, $5 }' "$results")
table=$work/table.md
{
  echo "$BEGIN_MARKER"
  echo "Generated by \`$COMMAND\` on $(date -u +%F): Tailscale $version, Go $go_version, UPX $upx_version"
  echo "(\`--lzma --best\`), linux/$ARCH. Rows sorted by the packed difference."
  echo
  echo "| change | features | raw bytes | raw difference | UPX-packed bytes | packed difference | what else changes |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  echo "| image-project's selection | $base_count | $(group "$base_raw") | | $(group "$base_packed") | | |"
  awk -F'\t' '$1 != "base"' "$results" | while IFS=$'\t' read -r kind feature raw packed count note; do
    case $kind in add) change="add \`${feature//+/\` + \`}\`" ;; remove) change="remove \`$feature\`" ;; esac
    if [[ $raw == failed ]]; then
      printf '%d\t| %s | %s | | | | | %s |\n' -999999999 "$change" "$count" "${note//|/\\|}"
      continue
    fi
    printf '%d\t| %s | %s | %s | %s | %s | %s | %s |\n' "$((packed - base_packed))" "$change" "$count" \
      "$(group "$raw")" "$(group $((raw - base_raw)) signed)" "$(group "$packed")" \
      "$(group $((packed - base_packed)) signed)" "${note//|/\\|}"
  done | sed 's/|  |$/| |/' | sort -t$'\t' -k1,1nr -s | cut -f2-
  echo "$END_MARKER"
} > "$table"

echo
sed -e '1d' -e '$d' "$table"
echo

if ((${#only[@]})); then
  log "only some features measured: docs/DESIGN.md left as it is"
else
  grep -qxF "$BEGIN_MARKER" "$design" && grep -qxF "$END_MARKER" "$design" \
    || die "docs/DESIGN.md has no '$BEGIN_MARKER' ... '$END_MARKER' block to fill"
  awk -v table="$table" -v begin="$BEGIN_MARKER" -v end="$END_MARKER" '
    $0 == begin { while ((getline line < table) > 0) print line; skip = 1; next }
    $0 == end { skip = 0; next }
    !skip' "$design" > "$work/DESIGN.md"
  cat "$work/DESIGN.md" > "$design"
  log "table written to docs/DESIGN.md"
fi
log "done: $compiled compiled, $reused from stored results, $failed did not build"
