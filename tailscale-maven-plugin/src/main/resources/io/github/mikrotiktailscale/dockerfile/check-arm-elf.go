// check-arm-elf checks, before UPX packs them, that 32-bit ARM binaries run on an
// ARMv5 CPU: EABI version 5, the soft-float calling convention, and nothing in
// the ARM attributes that asks for ARMv6 or later, VFP or NEON. A Go binary
// carries no attributes section; for it the Go build setting GOARM must be 5.
// Written in Go because every build stage that packs a binary has Go, while
// readelf would have to be installed first.
//
// Usage: go run check-arm-elf.go v5 BINARY...
package main

import (
	"debug/buildinfo"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"os"
	"strings"
)

const (
	efArmEABIMask   = 0xff000000
	efArmEABIVer5   = 0x05000000
	efArmABIFloatHF = 0x00000400
	efArmABIFloatSF = 0x00000200

	tagFile             = 1
	tagCPUArch          = 6
	tagFPArch           = 10
	tagAdvancedSIMDArch = 12
	tagABIVFPArgs       = 28
)

// Tag_CPU_arch values of the ARM ABI; everything above 5 (v5TEJ) is ARMv6 or later.
var cpuArchNames = []string{"pre-v4", "v4", "v4T", "v5T", "v5TE", "v5TEJ", "v6", "v6KZ", "v6T2",
	"v6K", "v7", "v6-M", "v6S-M", "v7E-M", "v8-A", "v8-R", "v8-M.baseline", "v8-M.mainline"}

func main() {
	if len(os.Args) < 3 || os.Args[1] != "v5" {
		fmt.Fprintln(os.Stderr, "usage: check-arm-elf v5 BINARY...")
		os.Exit(2)
	}
	failed := false
	for _, path := range os.Args[2:] {
		facts, err := check(path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "error: %s is not an ARMv5 soft-float binary: %v\n", path, err)
			failed = true
			continue
		}
		fmt.Printf("%s: %s\n", path, facts)
	}
	if failed {
		fmt.Fprintln(os.Stderr, "error: an ARMv5 router (RouterOS arm32v5) would stop it with \"Illegal instruction\";"+
			" build with GOARM=5 and an armel (arm-linux-musleabi) compiler")
		os.Exit(1)
	}
}

func check(path string) (string, error) {
	file, err := elf.Open(path)
	if err != nil {
		return "", err
	}
	defer file.Close()
	if file.Class != elf.ELFCLASS32 || file.Machine != elf.EM_ARM || file.Data != elf.ELFDATA2LSB {
		return "", fmt.Errorf("it is %v %v %v, not a 32-bit little-endian ARM ELF", file.Class, file.Data, file.Machine)
	}
	flags := headerFlags(path, file)
	if flags&efArmEABIMask != efArmEABIVer5 {
		return "", fmt.Errorf("e_flags 0x%08x: EABI version %d, not 5", flags, flags>>24)
	}
	if flags&efArmABIFloatHF != 0 {
		return "", fmt.Errorf("e_flags 0x%08x: hard-float ABI (arguments in VFP registers)", flags)
	}
	facts := []string{"ELF32 ARM", "EABI5", fmt.Sprintf("e_flags 0x%08x", flags)}
	if flags&efArmABIFloatSF != 0 {
		facts = append(facts, "soft-float ABI flag")
	}
	if section := file.Section(".ARM.attributes"); section != nil {
		data, err := section.Data()
		if err != nil {
			return "", err
		}
		attributes, err := parseAttributes(data)
		if err != nil {
			return "", fmt.Errorf(".ARM.attributes: %v", err)
		}
		described, err := judgeAttributes(attributes)
		if err != nil {
			return "", err
		}
		facts = append(facts, described...)
	} else {
		facts = append(facts, "no .ARM.attributes")
	}
	if info, err := buildinfo.ReadFile(path); err == nil {
		goarm := ""
		for _, setting := range info.Settings {
			if setting.Key == "GOARM" {
				goarm = setting.Value
			}
		}
		if goarm != "5" && !strings.HasPrefix(goarm, "5,") {
			return "", fmt.Errorf("a Go binary built with GOARM=%q, not 5 (%s)", goarm, info.GoVersion)
		}
		facts = append(facts, "Go "+strings.TrimPrefix(info.GoVersion, "go")+" GOARM="+goarm+" (software floating point)")
	} else if file.Section(".ARM.attributes") == nil {
		return "", fmt.Errorf("neither ARM attributes nor Go build information say which CPU it is for")
	}
	return strings.Join(facts, ", "), nil
}

// headerFlags reads e_flags (offset 36 of an ELF32 header); debug/elf does not expose it.
func headerFlags(path string, file *elf.File) uint32 {
	header := make([]byte, 52)
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	if _, err := f.ReadAt(header, 0); err != nil {
		return 0
	}
	return file.ByteOrder.Uint32(header[36:40])
}

func judgeAttributes(attributes map[uint64]uint64) ([]string, error) {
	var facts []string
	if arch, ok := attributes[tagCPUArch]; ok {
		name := fmt.Sprintf("%d", arch)
		if arch < uint64(len(cpuArchNames)) {
			name = cpuArchNames[arch]
		}
		if arch > 5 {
			return nil, fmt.Errorf("Tag_CPU_arch %s: ARMv6 or later", name)
		}
		facts = append(facts, "Tag_CPU_arch "+name)
	} else {
		return nil, fmt.Errorf("the attributes name no Tag_CPU_arch")
	}
	if v := attributes[tagABIVFPArgs]; v == 1 {
		return nil, fmt.Errorf("Tag_ABI_VFP_args: arguments in VFP registers (hard float)")
	}
	if v := attributes[tagFPArch]; v != 0 {
		return nil, fmt.Errorf("Tag_FP_arch %d: uses VFP instructions", v)
	}
	if v := attributes[tagAdvancedSIMDArch]; v != 0 {
		return nil, fmt.Errorf("Tag_Advanced_SIMD_arch %d: uses NEON", v)
	}
	return append(facts, "no VFP or NEON tags"), nil
}

// parseAttributes reads the file-scope attributes of the "aeabi" vendor subsection.
func parseAttributes(data []byte) (map[uint64]uint64, error) {
	if len(data) < 1 || data[0] != 'A' {
		return nil, fmt.Errorf("unknown format")
	}
	attributes := map[uint64]uint64{}
	rest := data[1:]
	for len(rest) >= 4 {
		length := binary.LittleEndian.Uint32(rest)
		if length < 4 || int(length) > len(rest) {
			return nil, fmt.Errorf("bad subsection length %d", length)
		}
		sub := rest[4:length]
		rest = rest[length:]
		nul := strings.IndexByte(string(sub), 0)
		if nul < 0 {
			return nil, fmt.Errorf("unterminated vendor name")
		}
		if string(sub[:nul]) != "aeabi" {
			continue
		}
		sub = sub[nul+1:]
		for len(sub) >= 5 {
			tag := sub[0]
			size := binary.LittleEndian.Uint32(sub[1:])
			if size < 5 || int(size) > len(sub) {
				return nil, fmt.Errorf("bad attribute block size %d", size)
			}
			block := sub[5:size]
			sub = sub[size:]
			if tag != tagFile {
				continue
			}
			if err := readFileAttributes(block, attributes); err != nil {
				return nil, err
			}
		}
	}
	return attributes, nil
}

func readFileAttributes(block []byte, attributes map[uint64]uint64) error {
	for len(block) > 0 {
		tag, n := binary.Uvarint(block)
		if n <= 0 {
			return fmt.Errorf("bad tag")
		}
		block = block[n:]
		switch {
		case tag == 4 || tag == 5 || tag == 67 || tag == 65 || (tag > 32 && tag%2 == 1):
			block = skipString(block)
		case tag == 32:
			_, n = binary.Uvarint(block)
			if n <= 0 {
				return fmt.Errorf("bad Tag_compatibility")
			}
			block = skipString(block[n:])
		default:
			value, n := binary.Uvarint(block)
			if n <= 0 {
				return fmt.Errorf("bad value of tag %d", tag)
			}
			attributes[tag] = value
			block = block[n:]
		}
	}
	return nil
}

func skipString(block []byte) []byte {
	nul := strings.IndexByte(string(block), 0)
	if nul < 0 {
		return nil
	}
	return block[nul+1:]
}
