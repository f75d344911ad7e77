package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
	"unsafe"

	"github.com/miekg/dns"
	"golang.org/x/net/icmp"
	"golang.org/x/net/ipv4"
	"golang.org/x/sys/unix"
)

// runTestHost answers DNS for a few fixed names: the server only the subnet router's side of
// the network can reach. Pings are answered by the kernel.
func runTestHost(args []string) error {
	fs := flag.NewFlagSet("testhost", flag.ContinueOnError)
	var records recordFlag
	fs.Var(&records, "record", "name=IPv4 answered for A queries (repeatable)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	handler := dns.HandlerFunc(func(w dns.ResponseWriter, q *dns.Msg) {
		reply := answer(q, records)
		emit(map[string]any{"event": "dns-query", "from": w.RemoteAddr().String(),
			"name": q.Question[0].Name, "rcode": dns.RcodeToString[reply.Rcode]})
		w.WriteMsg(reply)
	})
	errs := make(chan error, 2)
	for _, network := range []string{"udp", "tcp"} {
		server := &dns.Server{Addr: ":53", Net: network, Handler: handler}
		go func() { errs <- server.ListenAndServe() }()
	}
	emit(map[string]any{"event": "ready", "records": records})
	return <-errs
}

type recordFlag map[string]string

func (r *recordFlag) String() string { return fmt.Sprint(map[string]string(*r)) }

func (r *recordFlag) Set(v string) error {
	name, ip, ok := strings.Cut(v, "=")
	if !ok || net.ParseIP(ip).To4() == nil {
		return fmt.Errorf("%q is not name=IPv4", v)
	}
	if *r == nil {
		*r = recordFlag{}
	}
	(*r)[dns.Fqdn(strings.ToLower(name))] = ip
	return nil
}

// answer is the test host's whole DNS server: A records for the names it knows, NXDOMAIN else.
func answer(q *dns.Msg, records map[string]string) *dns.Msg {
	reply := new(dns.Msg)
	reply.SetReply(q)
	if len(q.Question) != 1 {
		reply.Rcode = dns.RcodeFormatError
		return reply
	}
	question := q.Question[0]
	ip, known := records[strings.ToLower(question.Name)]
	switch {
	case !known:
		reply.Rcode = dns.RcodeNameError
	case question.Qtype == dns.TypeA:
		reply.Answer = append(reply.Answer, &dns.A{
			Hdr: dns.RR_Header{Name: question.Name, Rrtype: dns.TypeA, Class: dns.ClassINET, Ttl: 5},
			A:   net.ParseIP(ip).To4(),
		})
	}
	return reply
}

// runResolve asks one DNS server for a name's A (or AAAA) records, over UDP or TCP.
func runResolve(args []string) error {
	fs := flag.NewFlagSet("resolve", flag.ContinueOnError)
	server := fs.String("server", "100.100.100.100", "DNS server")
	timeout := fs.Duration("timeout", 5*time.Second, "timeout")
	qtype := fs.String("type", "A", "A or AAAA")
	overTCP := fs.Bool("tcp", false, "ask over TCP instead of UDP")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("resolve takes one name")
	}
	wanted := dns.TypeA
	if *qtype == "AAAA" {
		wanted = dns.TypeAAAA
	}
	q := new(dns.Msg)
	q.SetQuestion(dns.Fqdn(fs.Arg(0)), wanted)
	client := &dns.Client{Timeout: *timeout}
	network := "udp"
	if *overTCP {
		client.Net = "tcp"
		network = "tcp"
	}
	start := time.Now()
	reply, _, err := client.Exchange(q, net.JoinHostPort(*server, "53"))
	result := map[string]any{"event": "resolved", "name": fs.Arg(0), "server": *server, "type": *qtype,
		"net": network, "ms": float64(time.Since(start).Microseconds()) / 1000}
	if err != nil {
		result["error"] = err.Error()
		emit(result)
		return nil
	}
	var addrs []string
	for _, rr := range reply.Answer {
		switch r := rr.(type) {
		case *dns.A:
			addrs = append(addrs, r.A.String())
		case *dns.AAAA:
			addrs = append(addrs, r.AAAA.String())
		}
	}
	result["rcode"] = dns.RcodeToString[reply.Rcode]
	result["addresses"] = addrs
	emit(result)
	return nil
}

// runConnect opens a TCP connection and says how it ended: connected, refused
// (a RST: what a node sends for a port its filter rejects) or timed out.
func runConnect(args []string) error {
	fs := flag.NewFlagSet("connect", flag.ContinueOnError)
	timeout := fs.Duration("timeout", 3*time.Second, "timeout")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("connect takes one host:port")
	}
	start := time.Now()
	conn, err := net.DialTimeout("tcp", fs.Arg(0), *timeout)
	result := map[string]any{"event": "connected", "to": fs.Arg(0), "ms": float64(time.Since(start).Microseconds()) / 1000}
	switch {
	case err == nil:
		conn.Close()
		result["outcome"] = "connected"
	case errors.Is(err, syscall.ECONNREFUSED):
		result["outcome"] = "refused"
	case os.IsTimeout(err) || errors.Is(err, os.ErrDeadlineExceeded):
		result["outcome"] = "timeout"
	default:
		result["outcome"] = "error"
		result["error"] = err.Error()
	}
	emit(result)
	return nil
}

// runPing sends ICMP echo requests and reports every round trip.
func runPing(args []string) error {
	fs := flag.NewFlagSet("ping", flag.ContinueOnError)
	count := fs.Int("count", 5, "echo requests to send")
	interval := fs.Duration("interval", 200*time.Millisecond, "time between requests")
	timeout := fs.Duration("timeout", 2*time.Second, "how long to wait for each reply")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("ping takes one IPv4 address")
	}
	dst, err := net.ResolveIPAddr("ip4", fs.Arg(0))
	if err != nil {
		return err
	}
	conn, err := icmp.ListenPacket("ip4:icmp", "0.0.0.0")
	if err != nil {
		return err
	}
	defer conn.Close()
	id := os.Getpid() & 0xffff
	var rtts []float64
	for seq := 1; seq <= *count; seq++ {
		msg := icmp.Message{Type: ipv4.ICMPTypeEcho, Body: &icmp.Echo{ID: id, Seq: seq, Data: []byte("tailnet-harness")}}
		wire, _ := msg.Marshal(nil)
		start := time.Now()
		if _, err := conn.WriteTo(wire, dst); err != nil {
			emit(map[string]any{"event": "ping", "seq": seq, "error": err.Error()})
			time.Sleep(*interval)
			continue
		}
		rtt, err := awaitEcho(conn, id, seq, start, *timeout)
		if err != nil {
			emit(map[string]any{"event": "ping", "seq": seq, "error": err.Error()})
		} else {
			rtts = append(rtts, rtt)
			emit(map[string]any{"event": "ping", "seq": seq, "ms": rtt})
		}
		time.Sleep(*interval)
	}
	emit(map[string]any{"event": "ping-summary", "sent": *count, "received": len(rtts), "rttMs": rtts})
	return nil
}

func awaitEcho(conn *icmp.PacketConn, id, seq int, start time.Time, timeout time.Duration) (float64, error) {
	conn.SetReadDeadline(start.Add(timeout))
	buf := make([]byte, 1500)
	for {
		n, _, err := conn.ReadFrom(buf)
		if err != nil {
			return 0, err
		}
		reply, err := icmp.ParseMessage(1, buf[:n])
		if err != nil || reply.Type != ipv4.ICMPTypeEchoReply {
			continue
		}
		if echo, ok := reply.Body.(*icmp.Echo); ok && echo.ID == id && echo.Seq == seq {
			return float64(time.Since(start).Microseconds()) / 1000, nil
		}
	}
}

// runVisit fetches a URL, as a person opening a login link would.
func runVisit(args []string) error {
	if len(args) != 1 {
		return errors.New("visit takes one URL")
	}
	client := &http.Client{Timeout: 10 * time.Second}
	res, err := client.Get(args[0])
	if err != nil {
		return err
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
	emit(map[string]any{"event": "visited", "url": args[0], "status": res.StatusCode, "body": strings.TrimSpace(string(body))})
	return nil
}

// runCat prints files (sysctls, say) without relying on the image's cat.
func runCat(args []string) error {
	for _, path := range args {
		content, err := os.ReadFile(path)
		result := map[string]any{"event": "file", "path": path}
		if err != nil {
			result["error"] = err.Error()
		} else {
			result["content"] = strings.TrimSpace(string(content))
		}
		emit(result)
	}
	return nil
}

// runIdle waits for a signal: a process to keep a container (and its namespace) alive.
func runIdle(args []string) error {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	<-stop
	return nil
}

// runWatch reports every change under a directory (inotify): the flash-write probe. It
// lists the directory first and again when stopped (SIGTERM), so files written between
// the two are seen even if an event was missed.
func runWatch(args []string) error {
	if len(args) != 1 {
		return errors.New("watch takes one directory")
	}
	root := filepath.Clean(args[0])
	fd, err := unix.InotifyInit1(unix.IN_CLOEXEC)
	if err != nil {
		return fmt.Errorf("inotify: %w", err)
	}
	const mask = unix.IN_CREATE | unix.IN_CLOSE_WRITE | unix.IN_MODIFY | unix.IN_MOVED_TO | unix.IN_MOVED_FROM |
		unix.IN_DELETE | unix.IN_ATTRIB
	dirs := map[int]string{}
	addWatch := func(dir string) {
		if wd, err := unix.InotifyAddWatch(fd, dir, mask); err == nil {
			dirs[wd] = dir
		}
	}
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			addWatch(path)
		}
		return nil
	})
	snapshot(root, "before")
	emit(map[string]any{"event": "watching", "dir": root})

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	events := make(chan []byte)
	go func() {
		buf := make([]byte, 64*1024)
		for {
			n, err := unix.Read(fd, buf)
			if err != nil || n <= 0 {
				close(events)
				return
			}
			events <- append([]byte(nil), buf[:n]...)
		}
	}()
	for {
		select {
		case <-stop:
			snapshot(root, "after")
			emit(map[string]any{"event": "stopped"})
			return nil
		case chunk, ok := <-events:
			if !ok {
				return errors.New("inotify stopped")
			}
			for off := 0; off+unix.SizeofInotifyEvent <= len(chunk); {
				ev := (*unix.InotifyEvent)(unsafe.Pointer(&chunk[off]))
				nameBytes := chunk[off+unix.SizeofInotifyEvent : off+unix.SizeofInotifyEvent+int(ev.Len)]
				off += unix.SizeofInotifyEvent + int(ev.Len)
				name := strings.TrimRight(string(nameBytes), "\x00")
				path := filepath.Join(dirs[int(ev.Wd)], name)
				rel, _ := filepath.Rel(root, path)
				result := map[string]any{"event": "change", "op": opName(ev.Mask), "path": rel,
					"time": time.Now().UTC().Format(time.RFC3339Nano)}
				if info, err := os.Lstat(path); err == nil {
					result["size"] = info.Size()
					if ev.Mask&unix.IN_CREATE != 0 && info.IsDir() {
						addWatch(path)
					}
				}
				emit(result)
			}
		}
	}
}

func snapshot(root, when string) {
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == root {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		emit(map[string]any{"event": "file-" + when, "path": rel, "size": info.Size(), "dir": d.IsDir(),
			"mtime": info.ModTime().UTC().Format(time.RFC3339Nano)})
		return nil
	})
}

func opName(mask uint32) string {
	switch {
	case mask&unix.IN_CREATE != 0:
		return "create"
	case mask&unix.IN_CLOSE_WRITE != 0:
		return "close-write"
	case mask&unix.IN_MODIFY != 0:
		return "modify"
	case mask&unix.IN_MOVED_TO != 0:
		return "moved-to"
	case mask&unix.IN_MOVED_FROM != 0:
		return "moved-from"
	case mask&unix.IN_DELETE != 0:
		return "delete"
	case mask&unix.IN_ATTRIB != 0:
		return "attrib"
	}
	return fmt.Sprintf("0x%x", mask)
}
