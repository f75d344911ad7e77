#!/bin/sh
# Makes sure the build tools a stage needs are there. Each argument is
# CHECK:PACKAGE, where CHECK is a command name or an absolute file path.
# Missing ones are installed with apk on Alpine-based images; any other image
# must bring them already (a locally prepared base image, for example).
set -eu
missing=""
for spec in "$@"; do
  check=${spec%%:*}
  package=${spec#*:}
  case "$check" in
    /*) [ -e "$check" ] && continue ;;
    *) command -v "$check" >/dev/null 2>&1 && continue ;;
  esac
  case " $missing " in *" $package "*) ;; *) missing="$missing $package" ;; esac
done
[ -z "$missing" ] && exit 0
if command -v apk >/dev/null 2>&1; then
  echo "installing:$missing"
  # shellcheck disable=SC2086
  apk add --no-cache $missing
  exit 0
fi
echo "error: this base image lacks:$missing" >&2
echo "error: use an Alpine-based image (the tools are installed with apk), or one that has them already." >&2
exit 1
