#!/bin/sh
# The features a build keeps must be exactly the ones the plugin resolved from
# its catalogue. They differ when this Tailscale release is newer than the
# catalogue (a release without one of its own): a new dependency of a chosen
# feature would enter the image, or a feature would leave it, without a word.
#
#   check-features.sh KNOWN MIN_TAGS TAGS EXPECTED
#     KNOWN     file: every feature of this release, one per line
#     MIN_TAGS  build tags of 'featuretags --min' with nothing added
#     TAGS      build tags of 'featuretags --min --add=<allowlist>'
#     EXPECTED  file: the plugin's resolved allowlist, one per line
set -eu
known=$1 min_tags=",$2," tags=",$3," expected=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
while IFS= read -r f; do
  [ -n "$f" ] || continue
  case "$tags" in *",ts_include_$f,"*) echo "$f"; continue ;; esac
  case "$tags" in *",ts_omit_$f,"*) continue ;; esac
  # opt-in features (cli) carry no omit tag even in a minimal build
  case "$min_tags" in *",ts_omit_$f,"*) echo "$f" ;; esac
done < "$known" | sort -u > "$work/kept"
sed '/^$/d' "$expected" | sort -u > "$work/expected"
entered=$(comm -23 "$work/kept" "$work/expected" | tr '\n' ' ')
left=$(comm -13 "$work/kept" "$work/expected" | tr '\n' ' ')
if [ -n "$entered$left" ]; then
  echo "error: this Tailscale release resolves the allowlist to other features than the plugin's catalogue did." >&2
  [ -z "$entered" ] || echo "error: would enter the image: $entered" >&2
  [ -z "$left" ] || echo "error: would leave the image: $left" >&2
  echo "error: add the release's feature catalogue (src/tools/feature-catalog/generate.sh), decide the features, and build again." >&2
  exit 1
fi
echo "features kept, as the plugin resolved them: $(tr '\n' ' ' < "$work/kept")"
