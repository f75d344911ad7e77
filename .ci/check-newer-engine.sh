#!/usr/bin/env bash
# The end-to-end tests that talk to a Docker engine, run once more against the newest engine
# Debian packages (unstable's docker.io, else trixie's), with the containerd image store that
# Docker 29 uses on new installations. The main test run covers bookworm's Docker 20.10
# (API 1.41), the oldest engine the plugin supports; this covers the other end: API
# negotiation, `docker save` writing an OCI layout, images kept by containerd.
#
# The engine runs beside the machine's own one (.ci/lib/newer-engine.sh) and is stopped at the
# end; its root file system and image store are kept for the next run.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
say() { printf '[check-newer-engine] %s\n' "$*"; }

engine=.ci/lib/newer-engine.sh
export NEWER_ENGINE_FEATURES=${NEWER_ENGINE_FEATURES:---feature containerd-snapshotter=true}
suites=${NEWER_ENGINE_SUITES:-sid trixie}
running=""
for suite in $suites; do
  export NEWER_ENGINE_SUITE=$suite NEWER_ENGINE_DIR=/var/tmp/tailscale-newer-engine-$suite
  mkdir -p "$NEWER_ENGINE_DIR"
  if "$engine" start > "$NEWER_ENGINE_DIR/start.log" 2>&1; then
    running=$suite
    break
  fi
  # A suite in the middle of a transition can fail to install; the next one still tells a lot.
  say "no engine from Debian $suite; last lines of $NEWER_ENGINE_DIR/start.log:"
  tail -n 15 "$NEWER_ENGINE_DIR/start.log" >&2
  "$engine" stop >/dev/null 2>&1 || true
done
[[ -n $running ]] || { say "could not start a newer engine from any of: $suites"; exit 1; }
trap '"$engine" stop >/dev/null 2>&1 || true' EXIT

export DOCKER_HOST=unix://$NEWER_ENGINE_DIR/docker.sock
say "Debian $running: $(docker version --format 'Docker Engine {{.Server.Version}}, API {{.Server.APIVersion}} (oldest {{.Server.MinAPIVersion}})'), $(docker info --format 'storage {{.Driver}}') ($((SECONDS - started)) s)"

# The same mandatory mode as the main run. EngineSelectionE2E is left out (it sets the engine
# address itself); SmokeE2E needs the real image, which the main run smoke-tests.
export TAILSCALE_E2E=required
./mvnw -B -ntp -pl tailscale-maven-plugin verify -Dtest=skip -Dsurefire.failIfNoSpecifiedTests=false \
  -Dinvoker.test=skip -Dit.test='BuildE2E,PreflightE2E,VerifySizeE2E,ReleaseE2E,RouterContractE2E'
say "passed on Debian $running's engine in $((SECONDS - started)) s"
