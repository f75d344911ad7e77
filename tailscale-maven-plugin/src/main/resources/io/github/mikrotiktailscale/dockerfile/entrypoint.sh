#!/bin/sh
# Subnet routes and exit-node traffic need forwarding in the container's own
# network namespace; tailscaled does not switch IPv6 forwarding on by itself.
for f in /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv6/conf/all/forwarding; do
  if [ -w "$f" ]; then
    echo 1 > "$f" 2>/dev/null || echo "entrypoint: could not enable $f" >&2
  fi
done
# GOGC=50: a third less heap under heavy traffic, at no measured cost
# (docs/DESIGN.md, Memory); /container/envs overrides it.
export GOGC="${GOGC:-50}"
# A memory limit on the container (RouterOS memory-high, docker --memory)
# becomes Go's soft limit, less 24 MiB for the unpacked binary and a CLI call:
# the collector works harder instead of the kernel stalling a daemon it cannot
# swap. Limits of 1 GB and more are left alone (32-bit shell arithmetic).
if [ -z "$GOMEMLIMIT" ]; then
  for f in /sys/fs/cgroup/memory.high /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes; do
    l=
    [ -r "$f" ] && read -r l < "$f"
    case $l in '' | *[!0-9]*) continue ;; esac
    [ ${#l} -le 9 ] || continue
    m=$((l / 1048576 - 24))
    [ $m -ge 16 ] || m=16
    export GOMEMLIMIT=${m}MiB
    break
  done
fi
# No TS_* variables: exec, so tailscaled is PID 1 and gets the stop signal itself.
if [ -z "$TS_AUTHKEY$TS_ROUTES$TS_EXTRA_ARGS$TS_HOSTNAME$TS_LOGIN_SERVER" ]; then
  exec /usr/local/bin/tailscaled "$@"
fi

# Unattended first start (RouterOS /container/envs). The daemon runs as a child;
# once it has read its state, 'tailscale up' runs if the node has never logged
# in (or was logged out), never on later starts. This shell stays PID 1 and
# passes the stop signal on.
sock=/var/run/tailscale/tailscaled.sock
for a; do case $a in --socket=*) sock=${a#--socket=} ;; esac; done
/usr/local/bin/tailscaled "$@" &
daemon=$!
# On a stop signal: pass it on, then leave with the daemon's own exit code.
trap 'kill -TERM $daemon 2>/dev/null; wait $daemon; exit $?' TERM INT HUP
(
  set -f
  ts() { /usr/local/bin/tailscale --socket="$sock" "$@"; }
  tries=60
  while [ $tries -gt 0 ] && kill -0 $daemon 2>/dev/null; do
    st=$(ts status --json 2>&1)
    case $st in
      *'"BackendState": "NeedsLogin"'*)
        echo "entrypoint: logging in with the TS_* settings"
        # TS_EXTRA_ARGS: further 'tailscale up' flags, split at spaces
        ts up ${TS_AUTHKEY:+"--authkey=$TS_AUTHKEY"} ${TS_ROUTES:+"--advertise-routes=$TS_ROUTES"} \
          ${TS_HOSTNAME:+"--hostname=$TS_HOSTNAME"} ${TS_LOGIN_SERVER:+"--login-server=$TS_LOGIN_SERVER"} \
          $TS_EXTRA_ARGS &
        up=$!
        # 'up' waits silently forever on an unknown CA: say so (first minute; from 5 s
        # on, when a login is mostly done: each CLI call is another 18 MB copy)
        n=12
        while [ $n -gt 0 ] && sleep 5 && kill -0 $up 2>/dev/null; do
          case $(ts status --json 2>&1) in *'signed by unknown authority'*)
            echo "entrypoint: the login server's certificate is from a CA this image does not trust;" \
              "mount a directory holding that CA's certificate (PEM) on /etc/ssl/certs, then restart" >&2
            break ;; esac
          n=$((n - 1))
        done
        wait $up && echo "entrypoint: logged in" && exit
        echo "entrypoint: 'tailscale up' failed (see above); fix TS_* and restart the container" >&2
        exit 1 ;;
      *'"BackendState": "NoState"'* | *'failed to connect'*) ;;
      *'"BackendState"'*) echo "entrypoint: logged in before; TS_* apply to the first login only"; exit ;;
      *) echo "entrypoint: tailscale status: $st" >&2; exit 1 ;;
    esac
    tries=$((tries - 1))
    sleep 1
  done
  [ $tries -gt 0 ] || echo "entrypoint: tailscaled did not settle within 60 s; not logging in" >&2
) &
wait $daemon
