package main

import (
	"crypto/x509"
	"encoding/json"
	"net/netip"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"
	"golang.org/x/sys/unix"
)

func TestAnswerKnowsOnlyItsNames(t *testing.T) {
	var records recordFlag
	if err := records.Set("Secret.Behind-A.test=198.51.100.10"); err != nil {
		t.Fatal(err)
	}
	q := new(dns.Msg)
	q.SetQuestion("secret.behind-a.test.", dns.TypeA)
	reply := answer(q, records)
	if reply.Rcode != dns.RcodeSuccess || len(reply.Answer) != 1 {
		t.Fatalf("want one answer, got %v", reply)
	}
	if a := reply.Answer[0].(*dns.A); a.A.String() != "198.51.100.10" {
		t.Fatalf("want 198.51.100.10, got %v", a.A)
	}
	q.SetQuestion("elsewhere.test.", dns.TypeA)
	if reply := answer(q, records); reply.Rcode != dns.RcodeNameError {
		t.Fatalf("want NXDOMAIN for an unknown name, got %v", dns.RcodeToString[reply.Rcode])
	}
	q.SetQuestion("secret.behind-a.test.", dns.TypeAAAA)
	if reply := answer(q, records); reply.Rcode != dns.RcodeSuccess || len(reply.Answer) != 0 {
		t.Fatalf("want an empty answer for AAAA, got %v", reply)
	}
}

func TestRecordFlagRejectsWhatIsNotNameEqualsIPv4(t *testing.T) {
	var records recordFlag
	for _, bad := range []string{"name", "name=", "name=::1", "=1.2.3.4x"} {
		if err := records.Set(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestWiringReadsTheSmokeGoalsJSON(t *testing.T) {
	var w Wiring
	err := json.Unmarshal([]byte(`{"bridges":[{"pid":1,"name":"br0","addrs":["10.98.0.1/24"]}],
		"links":[{"a":{"pid":1,"name":"va","bridge":"br0"},
		          "b":{"pid":2,"name":"eth0","addrs":["10.98.0.11/24"],"routes":[{"dst":"0.0.0.0/0","via":"10.98.0.1"}]}}]}`), &w)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Bridges) != 1 || len(w.Links) != 1 || w.Links[0].B.Routes[0].Via != "10.98.0.1" || w.Links[0].A.Bridge != "br0" {
		t.Fatalf("unexpected wiring %+v", w)
	}
}

func TestOpNameNamesTheFirstMatchingEvent(t *testing.T) {
	cases := map[uint32]string{
		unix.IN_CREATE:                       "create",
		unix.IN_CLOSE_WRITE:                  "close-write",
		unix.IN_MODIFY:                       "modify",
		unix.IN_MOVED_TO:                     "moved-to",
		unix.IN_DELETE:                       "delete",
		unix.IN_ATTRIB:                       "attrib",
		unix.IN_CREATE | unix.IN_ISDIR:       "create",
		unix.IN_MOVED_FROM:                   "moved-from",
		unix.IN_CLOSE_WRITE | unix.IN_MODIFY: "close-write",
	}
	for mask, want := range cases {
		if got := opName(mask); got != want {
			t.Errorf("opName(%#x) = %q, want %q", mask, got, want)
		}
	}
}

func TestThePrivateCAsServerCertificateVerifiesOnlyWithThatCA(t *testing.T) {
	ip := netip.MustParseAddr("10.98.0.1")
	ca, err := newPrivateCA(ip, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := x509.ParseCertificate(ca.server.Certificate[0])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := leaf.Verify(x509.VerifyOptions{DNSName: ip.String(), Roots: x509.NewCertPool()}); err == nil {
		t.Fatal("verified without the private CA")
	}
	roots := x509.NewCertPool()
	if !roots.AppendCertsFromPEM(ca.rootPEM) {
		t.Fatal("the CA's PEM does not parse")
	}
	if _, err := leaf.Verify(x509.VerifyOptions{DNSName: ip.String(), Roots: roots}); err != nil {
		t.Fatalf("not valid for %v with the CA: %v", ip, err)
	}
}

func TestBlastReportsWhatArrivedOverTheWholeTime(t *testing.T) {
	result := blastResult("10.98.200.10:5201", 1_500_000, 1_250_000, 2)
	if result["mbitPerSecond"] != 5.0 || result["receivedBytes"] != int64(1_250_000) {
		t.Fatalf("blastResult = %v, want 5 Mbit/s from the received bytes", result)
	}
}

func TestSinkAnswersWithTheBytesItReceived(t *testing.T) {
	go runSink([]string{"-port", "45201"})
	var conn net.Conn
	var err error
	for i := 0; i < 50; i++ {
		if conn, err = net.Dial("tcp", "127.0.0.1:45201"); err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	conn.Write(make([]byte, 100_000))
	conn.(*net.TCPConn).CloseWrite()
	answer, _ := io.ReadAll(conn)
	if strings.TrimSpace(string(answer)) != "100000" {
		t.Fatalf("the sink answered %q, want 100000", answer)
	}
}
