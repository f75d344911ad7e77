#!/bin/sh
# Subnet routes and exit-node traffic need forwarding in the container's own
# network namespace; tailscaled does not switch IPv6 forwarding on by itself.
for f in /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv6/conf/all/forwarding; do
  if [ -w "$f" ]; then
    echo 1 > "$f" 2>/dev/null || echo "entrypoint: could not enable $f" >&2
  fi
done
# exec: tailscaled stays PID 1 and receives the container's stop signal.
exec /usr/local/bin/tailscaled "$@"
