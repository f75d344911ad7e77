//go:build ts_omit_logtail

package main

import (
	"bytes"
	"log"
	"os"
)

// Without logtail, nothing holds back tailscaled's verbose messages ("[v1] ...",
// "[v2] ...", "[v\x00JSON]1{...}") at the default verbosity: every one of them reaches
// stderr, which on a router is the system log. This writer drops them the way logtail
// does for its local output; --verbose=1 (or 2) lets them through again.
func init() {
	log.SetOutput(verbosityFilter{})
}

type verbosityFilter struct{}

func (verbosityFilter) Write(p []byte) (int, error) {
	if messageLevel(p) > args.verbose {
		return len(p), nil
	}
	return os.Stderr.Write(p)
}

// messageLevel reads the verbosity tag the way logtail does; one Write is one message,
// however many lines it has.
func messageLevel(p []byte) int {
	switch {
	case bytes.Contains(p, []byte("[v1] ")):
		return 1
	case bytes.Contains(p, []byte("[v2] ")):
		return 2
	}
	if _, after, ok := bytes.Cut(p, []byte("[v\x00JSON]")); ok && len(after) > 1 && after[0] >= '0' && after[0] <= '9' {
		return int(after[0] - '0')
	}
	return 0
}
