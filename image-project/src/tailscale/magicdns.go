//go:build linux && ts_omit_netstack

package main

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"os"
	"syscall"
	"time"

	"github.com/tailscale/netlink"
	"golang.org/x/sys/unix"
	"tailscale.com/net/dns"
	"tailscale.com/net/tsaddr"
	"tailscale.com/tsd"
	"tailscale.com/types/logger"
)

// With a kernel TUN and without netstack, nothing answers MagicDNS on
// 100.100.100.100: only netstack intercepts packets to that address. The
// daemon's own resolver (the dns feature) works without netstack, so this file
// puts 100.100.100.100 on the loopback device and answers DNS there, UDP and
// TCP, with that resolver: tailnet names from the netmap, everything else
// forwarded to the upstream resolvers, exactly as netstack's handler does.
// It takes netstack's place in the start-up (the same hook), so it exists only
// in builds that omit netstack.
func init() {
	hookNewNetstack.Set(func(logf logger.Logf, sys *tsd.System, onlyNetstack bool) (tsd.NetstackImpl, error) {
		if onlyNetstack {
			return nil, nil // userspace networking: refused by the caller, nothing to serve
		}
		manager, ok := sys.DNSManager.GetOK()
		if !ok {
			logf("magicdns: no DNS manager; 100.100.100.100 is not answered")
			return nil, nil
		}
		go serveMagicDNS(logf, manager)
		return nil, nil
	})
}

func serveMagicDNS(logf logger.Logf, manager *dns.Manager) {
	ip := tsaddr.TailscaleServiceIP()
	if err := addLoopbackAddress(ip); err != nil {
		logf("magicdns: cannot put %v on lo: %v; 100.100.100.100 is not answered", ip, err)
		return
	}
	addr := netip.AddrPortFrom(ip, 53)
	udp, err := net.ListenUDP("udp", net.UDPAddrFromAddrPort(addr))
	if err != nil {
		logf("magicdns: %v", err)
		return
	}
	tcp, err := net.ListenTCP("tcp", net.TCPAddrFromAddrPort(addr))
	if err != nil {
		udp.Close()
		logf("magicdns: %v", err)
		return
	}
	logf("magicdns: answering on %v (udp, tcp)", addr)
	go serveTCP(logf, manager, tcp)
	serveUDP(logf, manager, udp)
}

func serveUDP(logf logger.Logf, manager *dns.Manager, conn *net.UDPConn) {
	buf := make([]byte, 65535)
	for {
		n, from, err := conn.ReadFromUDPAddrPort(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			logf("magicdns: udp: %v", err)
			time.Sleep(100 * time.Millisecond)
			continue
		}
		query := append([]byte(nil), buf[:n]...)
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			reply, err := manager.Query(ctx, query, "udp", from)
			if err != nil || len(reply) == 0 {
				return // the client asks again; netstack's handler drops these too
			}
			conn.WriteToUDPAddrPort(reply, from)
		}()
	}
}

func serveTCP(logf logger.Logf, manager *dns.Manager, listener *net.TCPListener) {
	for {
		conn, err := listener.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			logf("magicdns: tcp: %v", err)
			time.Sleep(100 * time.Millisecond)
			continue
		}
		from, _ := netip.ParseAddrPort(conn.RemoteAddr().String())
		go manager.HandleTCPConn(conn, from)
	}
}

// addLoopbackAddress makes ip a local address of this network namespace, so
// packets to it from the router reach the listeners. The local route names
// 127.0.0.1 as the source, so that a query from this container itself at least
// leaves from an address tailscaled's input rules accept; the answer still comes
// from 100.100.100.100, a CGNAT source those rules drop on lo, so inside the
// container only netstack can answer (docs/DESIGN.md, "Without netstack").
func addLoopbackAddress(ip netip.Addr) error {
	lo, err := netlink.LinkByName("lo")
	if err != nil {
		return err
	}
	host := &net.IPNet{IP: ip.AsSlice(), Mask: net.CIDRMask(ip.BitLen(), ip.BitLen())}
	err = netlink.AddrAdd(lo, &netlink.Addr{IPNet: host})
	if err != nil && !errors.Is(err, os.ErrExist) && !errors.Is(err, syscall.EEXIST) {
		return err
	}
	return netlink.RouteReplace(&netlink.Route{LinkIndex: lo.Attrs().Index, Dst: host, Src: net.IPv4(127, 0, 0, 1),
		Scope: netlink.SCOPE_HOST, Type: unix.RTN_LOCAL, Table: unix.RT_TABLE_LOCAL, Protocol: unix.RTPROT_KERNEL})
}
