package main

import (
	"context"
	"crypto/tls"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"tailscale.com/derp/derpserver"
	"tailscale.com/net/stunserver"
	"tailscale.com/tailcfg"
	"tailscale.com/tstest/integration/testcontrol"
	"tailscale.com/types/key"
	"tailscale.com/types/logger"
)

// runControl serves two tailnets' control planes on one address, the way Tailscale's own
// integration tests do (testcontrol), with a DERP relay and a STUN server beside them:
//   - the main one admits nodes with the pre-auth key and approves every route a node
//     advertises (subnets and the exit node role), as an admin would;
//   - the interactive one answers every login with a login URL, which counts as visited once
//     something fetches it: that is how a person logs a router in from the log;
//   - with -tls-port, a third one over HTTPS, its certificate from a CA made at start (a
//     self-hosted control server with a private CA); the ready event carries that CA's PEM.
func runControl(args []string) error {
	fs := flag.NewFlagSet("control", flag.ContinueOnError)
	addr := fs.String("addr", "", "IPv4 address to serve on (must be configured already, or soon)")
	port := fs.Int("port", 8080, "port of the main control server")
	interactivePort := fs.Int("interactive-port", 8081, "port of the control server that needs an interactive login")
	derpPort := fs.Int("derp-port", 8443, "DERP relay port (HTTPS)")
	tlsPort := fs.Int("tls-port", 0, "port of a control server over HTTPS with a private CA (0: none)")
	stunPort := fs.Int("stun-port", 3478, "STUN port")
	authKey := fs.String("authkey", "", "the pre-auth key the main control server requires")
	openAfter := fs.Int("open-after", 0, "stop requiring the key once this many nodes have registered")
	domain := fs.String("domain", "smoke.test", "MagicDNS domain")
	verbose := fs.Bool("verbose", false, "log every control request")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ip, err := netip.ParseAddr(*addr)
	if err != nil || !ip.Is4() {
		return fmt.Errorf("-addr %q is not an IPv4 address", *addr)
	}
	logf := logger.Logf(log.Printf)
	if !*verbose {
		logf = logger.Discard
	}

	// The nodes' namespaces are wired after the containers start: wait for the address.
	listen := func(network string, port int) (net.Listener, error) {
		deadline := time.Now().Add(60 * time.Second)
		for {
			ln, err := net.Listen(network, net.JoinHostPort(ip.String(), strconv.Itoa(port)))
			if err == nil || time.Now().After(deadline) {
				return ln, err
			}
			time.Sleep(100 * time.Millisecond)
		}
	}

	derpLn, err := listen("tcp4", *derpPort)
	if err != nil {
		return fmt.Errorf("DERP listener: %w", err)
	}
	derp := derpserver.New(key.NewNode(), logf)
	derpHTTP := httptest.NewUnstartedServer(derpserver.Handler(derp))
	derpHTTP.Listener.Close()
	derpHTTP.Listener = derpLn
	derpHTTP.Config.ErrorLog = logger.StdLogger(logf)
	derpHTTP.StartTLS()

	stun := stunserver.New(context.Background())
	if err := stun.Listen(net.JoinHostPort(ip.String(), strconv.Itoa(*stunPort))); err != nil {
		return fmt.Errorf("STUN listener: %w", err)
	}
	go stun.Serve()

	derpMap := &tailcfg.DERPMap{
		Regions: map[int]*tailcfg.DERPRegion{
			1: {
				RegionID:   1,
				RegionCode: "smoke",
				RegionName: "Smoke test",
				Nodes: []*tailcfg.DERPNode{{
					Name:             "1a",
					RegionID:         1,
					HostName:         ip.String(),
					IPv4:             ip.String(),
					IPv6:             "none",
					STUNPort:         *stunPort,
					DERPPort:         *derpPort,
					InsecureForTests: true,
					STUNTestIP:       ip.String(),
				}},
			},
		},
	}
	newServer := func(scheme string, port int) *testcontrol.Server {
		return &testcontrol.Server{
			Logf:             logf,
			DERPMap:          derpMap,
			AllNodesSameUser: true,
			AllOnline:        true,
			MagicDNSDomain:   *domain,
			DNSConfig: &tailcfg.DNSConfig{
				Proxied: true,
				Domains: []string{*domain},
			},
			ExplicitBaseURL: fmt.Sprintf("%s://%s:%d", scheme, ip, port),
			// As Tailscale's coordination server grants it: MagicDNS answers AAAA
			// queries for peers too (without it only A records come back).
			DefaultNodeCapabilities: &tailcfg.NodeCapMap{
				tailcfg.NodeAttrMagicDNSPeerAAAA: []tailcfg.RawMessage{},
			},
		}
	}
	primary := newServer("http", *port)
	primary.RequireAuthKey = *authKey
	interactive := newServer("http", *interactivePort)
	interactive.RequireAuth = true

	errs := make(chan error, 3)
	serve := func(port int, handler http.Handler, ca *privateCA) {
		ln, err := listen("tcp4", port)
		if err != nil {
			errs <- err
			return
		}
		if ca != nil {
			ln = tls.NewListener(ln, &tls.Config{Certificates: []tls.Certificate{ca.server}})
		}
		errs <- http.Serve(ln, handler)
	}
	go serve(*port, primary, nil)
	go serve(*interactivePort, loginPages{interactive}, nil)
	go approveRoutes(primary, *openAfter)

	ready := map[string]any{
		"event":          "ready",
		"controlURL":     primary.BaseURL(),
		"interactiveURL": interactive.BaseURL(),
		"derp":           derpLn.Addr().String(),
		"stun":           stun.LocalAddr().String(),
	}
	if *tlsPort != 0 {
		ca, err := newPrivateCA(ip, time.Now())
		if err != nil {
			return fmt.Errorf("private CA: %w", err)
		}
		private := newServer("https", *tlsPort)
		private.RequireAuthKey = *authKey
		go serve(*tlsPort, private, ca)
		ready["privateCAControlURL"] = private.BaseURL()
		ready["privateCAPEM"] = string(ca.rootPEM)
	}
	emit(ready)
	return <-errs
}

// loginPages stands in for the login page a person would open: fetching an /auth/ URL
// completes that login. Everything else goes to the control server.
type loginPages struct{ control *testcontrol.Server }

func (p loginPages) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, "/auth/") {
		p.control.ServeHTTP(w, r)
		return
	}
	if !p.control.CompleteAuth(r.URL.Path) {
		http.Error(w, "unknown or finished login", http.StatusNotFound)
		return
	}
	emit(map[string]any{"event": "login-completed", "path": r.URL.Path})
	fmt.Fprintln(w, "logged in")
}

// approveRoutes approves what each node advertises (Hostinfo.RoutableIPs): testcontrol
// serves only the routes it is told about.
//
// It also stops requiring the pre-auth key once openAfter nodes have registered with it:
// testcontrol checks the key on every registration, also when a known node comes back after
// a restart without one, which a real control server accepts. The nodes that joined first
// have proven they send the key; the restarted node must then come back without it.
func approveRoutes(control *testcontrol.Server, openAfter int) {
	approved := map[key.NodePublic][]netip.Prefix{}
	for range time.Tick(200 * time.Millisecond) {
		nodes := control.AllNodes()
		if openAfter > 0 && len(nodes) >= openAfter && control.RequireAuthKey != "" {
			// One write, after the last of the first nodes registered and before any
			// other registration the smoke test starts.
			control.RequireAuthKey = ""
			emit(map[string]any{"event": "registration-opened", "nodes": len(nodes)})
		}
		for _, node := range nodes {
			if !node.Hostinfo.Valid() {
				continue
			}
			routes := node.Hostinfo.RoutableIPs().AsSlice()
			slices.SortFunc(routes, netip.Prefix.Compare)
			if slices.Equal(approved[node.Key], routes) {
				continue
			}
			approved[node.Key] = routes
			control.SetSubnetRoutes(node.Key, routes)
			emit(map[string]any{"event": "routes-approved", "node": node.Hostinfo.Hostname(), "routes": routes})
		}
	}
}
