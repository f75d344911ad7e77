// Command tailnet-harness is the smoke test's helper inside the containers it starts: a
// control server with DERP and STUN, the network wiring between the containers' namespaces,
// and the small tools the checks need (ping, DNS lookups, a DNS server, a directory watcher, a
// TCP sink and a sender for sustained load).
// It keeps the checks independent of which busybox applets an image has.
//
// Every subcommand prints what it found as JSON lines on stdout; the smoke goal reads them.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
)

var commands = map[string]func(args []string) error{
	"control":  runControl,
	"wire":     runWire,
	"testhost": runTestHost,
	"ping":     runPing,
	"resolve":  runResolve,
	"connect":  runConnect,
	"watch":    runWatch,
	"visit":    runVisit,
	"cat":      runCat,
	"idle":     runIdle,
	"sink":     runSink,
	"blast":    runBlast,
}

func main() {
	if len(os.Args) < 2 || commands[os.Args[1]] == nil {
		names := make([]string, 0, len(commands))
		for name := range commands {
			names = append(names, name)
		}
		sort.Strings(names)
		fmt.Fprintf(os.Stderr, "usage: tailnet-harness <command> [flags]; commands: %v\n", names)
		os.Exit(2)
	}
	if err := commands[os.Args[1]](os.Args[2:]); err != nil {
		fmt.Fprintf(os.Stderr, "tailnet-harness %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

// emit writes one JSON line to stdout.
func emit(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	os.Stdout.Write(append(b, '\n'))
}
