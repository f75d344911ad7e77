#!/bin/sh
# Puts Tailscale's source for $TAILSCALE_VERSION into /src/tailscale.
#   goproxy: the module zip from GOPROXY, checked against the Go checksum database
#   git:     a shallow clone of the release tag from $TAILSCALE_GIT_REPOSITORY
set -eu
: "${TAILSCALE_VERSION:?}" "${TAILSCALE_SOURCE:?}"
rm -rf /src/tailscale
mkdir -p /src
case "$TAILSCALE_SOURCE" in
  goproxy)
    echo "fetching tailscale.com@$TAILSCALE_VERSION through ${GOPROXY:-the default Go proxy}"
    # A throwaway module keeps 'go mod download' from needing one of its own.
    mkdir -p /tmp/fetch && cd /tmp/fetch
    [ -f go.mod ] || go mod init fetch >/dev/null 2>&1
    # -json puts a failure's reason (proxy unreachable, unknown version, checksum
    # mismatch, untrusted certificate) into its "Error" field: show it.
    json=$(go mod download -json "tailscale.com@$TAILSCALE_VERSION") || true
    dir=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
    if [ -z "$dir" ] || [ ! -d "$dir" ]; then
      printf '%s\n' "$json" >&2
      need=$(printf '%s\n' "$json" | sed -n -e 's/.*requires go >= *\([0-9.]*\).*/\1/p' \
        -e 's/.*requires go \\u003e= *\([0-9.]*\).*/\1/p' | head -n1)
      if [ -n "$need" ]; then
        echo "error: Tailscale $TAILSCALE_VERSION needs Go $need or newer; this builder has $(go env GOVERSION)." >&2
        echo "error: use a builder image with Go $need or newer (builderImage; for local bases GO_VERSION)." >&2
        exit 1
      fi
      echo "error: go mod download did not deliver tailscale.com@$TAILSCALE_VERSION (GOPROXY=$(go env GOPROXY))" >&2
      exit 1
    fi
    cp -R "$dir" /src/tailscale
    # Files from the module cache are read-only; patches must be able to change them.
    chmod -R u+w /src/tailscale
    # The release's commit, when the proxy tells it (its "Origin"): the version stamp.
    printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Hash": "\([0-9a-f]\{40\}\)",*$/\1/p' | head -n1 > /src/tailscale.commit
    ;;
  git)
    echo "cloning $TAILSCALE_VERSION from $TAILSCALE_GIT_REPOSITORY"
    git clone --quiet --depth 1 --branch "$TAILSCALE_VERSION" "$TAILSCALE_GIT_REPOSITORY" /src/tailscale
    git -C /src/tailscale rev-parse HEAD > /src/tailscale.commit
    rm -rf /src/tailscale/.git
    ;;
  *)
    echo "error: unknown TAILSCALE_SOURCE '$TAILSCALE_SOURCE' (goproxy or git)" >&2
    exit 1
    ;;
esac
cd /src/tailscale
# Download the build's dependencies now, so this layer is reused when only
# the feature selection changes.
go mod download
