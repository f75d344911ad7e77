package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"time"
)

// runSink accepts TCP connections and swallows what they send; when the sender closes its
// half, it answers with the number of bytes it received. The blast's figure is then what
// arrived, not what sat in a socket buffer.
func runSink(args []string) error {
	fs := flag.NewFlagSet("sink", flag.ContinueOnError)
	port := fs.Int("port", 5201, "TCP port")
	if err := fs.Parse(args); err != nil {
		return err
	}
	listener, err := net.Listen("tcp", fmt.Sprintf(":%d", *port))
	if err != nil {
		return err
	}
	emit(map[string]any{"event": "ready", "port": *port})
	for {
		conn, err := listener.Accept()
		if err != nil {
			return err
		}
		go func() {
			defer conn.Close()
			received, _ := io.Copy(io.Discard, conn)
			fmt.Fprintf(conn, "%d\n", received)
			emit(map[string]any{"event": "sunk", "from": conn.RemoteAddr().String(), "bytes": received})
		}()
	}
}

// runBlast sends as fast as it can to a sink for a fixed time and reports what the sink
// says arrived: sustained traffic through a subnet route or an exit node.
func runBlast(args []string) error {
	fs := flag.NewFlagSet("blast", flag.ContinueOnError)
	duration := fs.Duration("duration", 10*time.Second, "how long to send")
	timeout := fs.Duration("timeout", 5*time.Second, "connect timeout, and how long to wait for the sink's count")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("blast takes one host:port")
	}
	conn, err := net.DialTimeout("tcp", fs.Arg(0), *timeout)
	if err != nil {
		return err
	}
	defer conn.Close()
	buffer := make([]byte, 64<<10)
	start := time.Now()
	conn.SetWriteDeadline(start.Add(*duration))
	var sent int64
	for {
		n, err := conn.Write(buffer)
		sent += int64(n)
		if err != nil {
			break // the deadline (or the path broke: the sink's count says how much arrived)
		}
	}
	conn.SetWriteDeadline(time.Time{})
	if err := conn.(*net.TCPConn).CloseWrite(); err != nil {
		return err
	}
	conn.SetReadDeadline(time.Now().Add(*timeout))
	line, err := bufio.NewReader(conn).ReadString('\n')
	seconds := time.Since(start).Seconds()
	if err != nil {
		return fmt.Errorf("sent %d bytes in %.1f s, but the sink gave no count: %v", sent, seconds, err)
	}
	received, err := strconv.ParseInt(strings.TrimSpace(line), 10, 64)
	if err != nil {
		return fmt.Errorf("the sink answered %q, not a count", line)
	}
	emit(blastResult(fs.Arg(0), sent, received, seconds))
	return nil
}

// blastResult is what a blast reports: the rate is what arrived over the whole time.
func blastResult(to string, sent, received int64, seconds float64) map[string]any {
	mbps := 0.0
	if seconds > 0 {
		mbps = float64(received) * 8 / seconds / 1e6
	}
	return map[string]any{"event": "blast", "to": to, "sentBytes": sent, "receivedBytes": received,
		"seconds": seconds, "mbitPerSecond": mbps}
}
