package main

import (
	"encoding/json"
	"fmt"
	"net"

	"github.com/tailscale/netlink"
	"github.com/vishvananda/netns"
)

// Wiring is the network between the containers' namespaces, given by their process ids
// (so the wiring container needs the host's PID namespace and CAP_SYS_ADMIN + CAP_NET_ADMIN).
// Nothing is created in the wiring container's own namespace, nor the host's.
type Wiring struct {
	Bridges []Bridge `json:"bridges"`
	Links   []Link   `json:"links"`
}

// Bridge is a switch inside one namespace, holding the given addresses.
type Bridge struct {
	Pid    int      `json:"pid"`
	Name   string   `json:"name"`
	Addrs  []string `json:"addrs"`
	Routes []Route  `json:"routes,omitempty"`
}

// Link is a veth pair between two namespaces.
type Link struct {
	A End `json:"a"`
	B End `json:"b"`
}

// End is one side of a veth pair: its name and addresses, or the bridge it joins, and
// routes through gateways on its link.
type End struct {
	Pid    int      `json:"pid"`
	Name   string   `json:"name"`
	Addrs  []string `json:"addrs,omitempty"`
	Bridge string   `json:"bridge,omitempty"`
	Routes []Route  `json:"routes,omitempty"`
}

// Route sends Dst through the gateway Via.
type Route struct {
	Dst string `json:"dst"`
	Via string `json:"via"`
}

func runWire(args []string) error {
	if len(args) != 1 {
		return fmt.Errorf("wire takes one argument, the wiring as JSON")
	}
	var w Wiring
	if err := json.Unmarshal([]byte(args[0]), &w); err != nil {
		return fmt.Errorf("bad wiring: %w", err)
	}
	for _, b := range w.Bridges {
		h, err := handleFor(b.Pid)
		if err != nil {
			return err
		}
		attrs := netlink.NewLinkAttrs()
		attrs.Name = b.Name
		if err := h.LinkAdd(&netlink.Bridge{LinkAttrs: attrs}); err != nil {
			return fmt.Errorf("bridge %s in %d: %w", b.Name, b.Pid, err)
		}
		if err := configure(h, b.Name, b.Addrs, "", b.Routes); err != nil {
			return err
		}
		h.Close()
	}
	for _, l := range w.Links {
		// Create the pair in A's namespace with B's end placed in B's namespace at once.
		h, err := handleFor(l.A.Pid)
		if err != nil {
			return err
		}
		attrs := netlink.NewLinkAttrs()
		attrs.Name = l.A.Name
		veth := &netlink.Veth{LinkAttrs: attrs, PeerName: l.B.Name, PeerNamespace: netlink.NsPid(l.B.Pid)}
		if err := h.LinkAdd(veth); err != nil {
			return fmt.Errorf("veth %s(%d)-%s(%d): %w", l.A.Name, l.A.Pid, l.B.Name, l.B.Pid, err)
		}
		if err := configure(h, l.A.Name, l.A.Addrs, l.A.Bridge, l.A.Routes); err != nil {
			return err
		}
		h.Close()
		hb, err := handleFor(l.B.Pid)
		if err != nil {
			return err
		}
		if err := configure(hb, l.B.Name, l.B.Addrs, l.B.Bridge, l.B.Routes); err != nil {
			return err
		}
		hb.Close()
	}
	emit(map[string]any{"event": "wired", "bridges": len(w.Bridges), "links": len(w.Links)})
	return nil
}

func handleFor(pid int) (*netlink.Handle, error) {
	ns, err := netns.GetFromPid(pid)
	if err != nil {
		return nil, fmt.Errorf("network namespace of process %d: %w", pid, err)
	}
	defer ns.Close()
	h, err := netlink.NewHandleAt(ns)
	if err != nil {
		return nil, fmt.Errorf("netlink in the namespace of process %d: %w", pid, err)
	}
	return h, nil
}

func configure(h *netlink.Handle, name string, addrs []string, bridge string, routes []Route) error {
	link, err := h.LinkByName(name)
	if err != nil {
		return fmt.Errorf("link %s: %w", name, err)
	}
	if bridge != "" {
		master, err := h.LinkByName(bridge)
		if err != nil {
			return fmt.Errorf("bridge %s: %w", bridge, err)
		}
		if err := h.LinkSetMaster(link, master); err != nil {
			return fmt.Errorf("%s into %s: %w", name, bridge, err)
		}
	}
	for _, a := range addrs {
		addr, err := netlink.ParseAddr(a)
		if err != nil {
			return fmt.Errorf("address %s: %w", a, err)
		}
		if err := h.AddrAdd(link, addr); err != nil {
			return fmt.Errorf("address %s on %s: %w", a, name, err)
		}
	}
	if lo, err := h.LinkByName("lo"); err == nil {
		h.LinkSetUp(lo)
	}
	if err := h.LinkSetUp(link); err != nil {
		return fmt.Errorf("%s up: %w", name, err)
	}
	for _, r := range routes {
		_, dst, err := net.ParseCIDR(r.Dst)
		if err != nil {
			return fmt.Errorf("route %s: %w", r.Dst, err)
		}
		route := &netlink.Route{LinkIndex: link.Attrs().Index, Dst: dst, Gw: net.ParseIP(r.Via)}
		if err := h.RouteAdd(route); err != nil {
			return fmt.Errorf("route %s via %s: %w", r.Dst, r.Via, err)
		}
	}
	return nil
}
