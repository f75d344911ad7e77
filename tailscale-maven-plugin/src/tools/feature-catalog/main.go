// Command feature-catalog prints Tailscale's build-feature table
// (tailscale.com/feature/featuretags) in the plugin's catalogue format.
//
// It is run by generate.sh against a chosen Tailscale release fetched through
// the Go module proxy, so a catalogue is always read from Tailscale's own code
// and never typed in by hand.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime/debug"
	"sort"

	"tailscale.com/feature/featuretags"
)

type entry struct {
	Name                 string   `json:"name"`
	Requires             []string `json:"requires"`
	ImplementationDetail bool     `json:"implementationDetail"`
	Description          string   `json:"description"`
}

func main() {
	version := "unknown"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, dep := range info.Deps {
			if dep.Path == "tailscale.com" {
				version = dep.Version
			}
		}
	}
	names := make([]string, 0, len(featuretags.Features))
	for tag := range featuretags.Features {
		names = append(names, string(tag))
	}
	sort.Strings(names)

	out := os.Stdout
	fmt.Fprintf(out, "{\n  \"tailscaleVersion\": %q,\n  \"source\": \"tailscale.com/feature/featuretags\",\n  \"features\": [\n", version)
	for i, name := range names {
		meta := featuretags.Features[featuretags.FeatureTag(name)]
		deps := make([]string, 0, len(meta.Deps))
		for _, d := range meta.Deps {
			deps = append(deps, string(d))
		}
		line, err := json.Marshal(entry{name, deps, meta.ImplementationDetail, meta.Desc})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		sep := ","
		if i == len(names)-1 {
			sep = ""
		}
		fmt.Fprintf(out, "    %s%s\n", line, sep)
	}
	fmt.Fprintln(out, "  ]\n}")
}
