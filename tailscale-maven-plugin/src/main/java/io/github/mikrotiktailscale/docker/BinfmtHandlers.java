package io.github.mikrotiktailscale.docker;

import io.github.mikrotiktailscale.image.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The kernel's binfmt_misc handlers, read from {@code /proc/sys/fs/binfmt_misc}: whether an
 * enabled handler runs ELF binaries of a platform. buildx lists emulated platforms even after a
 * handler is disabled, so for a local engine the kernel's own table is the reliable answer.
 */
public final class BinfmtHandlers {

    public static final Path DEFAULT_ROOT = Path.of("/proc/sys/fs/binfmt_misc");

    private final Path root;

    public BinfmtHandlers(Path root) {
        this.root = root;
    }

    /**
     * Empty when the table cannot be read (not Linux, not mounted); otherwise whether an enabled
     * handler with the F flag (the interpreter is opened at registration, so it works inside build
     * containers) matches the platform's ELF header.
     */
    public Optional<Boolean> canRun(Platform platform) {
        if (!Files.isDirectory(root) || !Files.isReadable(root.resolve("status"))) {
            return Optional.empty();
        }
        return handler(platform).map(Optional::isPresent);
    }

    /**
     * The interpreter of the enabled handler that runs the platform's binaries
     * ({@code /usr/bin/qemu-arm-static}): a static QEMU, since with the F flag it runs inside
     * containers too. Empty when no handler matches or the table cannot be read.
     */
    public Optional<Path> interpreter(Platform platform) {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        return handler(platform).flatMap(found -> found).flatMap(lines -> lines.stream()
                .filter(l -> l.startsWith("interpreter "))
                .map(l -> Path.of(l.substring("interpreter ".length()).trim())).findFirst());
    }

    /** The lines of the enabled handler for the platform: empty outside, empty inside when none matches. */
    private Optional<Optional<List<String>>> handler(Platform platform) {
        try (Stream<Path> entries = Files.list(root)) {
            for (var entry : entries.toList()) {
                var name = entry.getFileName().toString();
                if (name.equals("status") || name.equals("register") || !Files.isRegularFile(entry)) {
                    continue;
                }
                var lines = Files.readAllLines(entry);
                if (handles(lines, platform)) {
                    return Optional.of(Optional.of(lines));
                }
            }
            return Optional.of(Optional.empty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean handles(List<String> lines, Platform platform) {
        if (lines.isEmpty() || !lines.get(0).trim().equals("enabled")) {
            return false;
        }
        String magic = null;
        String flags = "";
        for (var line : lines) {
            if (line.startsWith("magic ")) {
                magic = line.substring("magic ".length()).trim();
            } else if (line.startsWith("flags:")) {
                flags = line.substring("flags:".length()).trim();
            }
        }
        if (magic == null || magic.length() < 40 || !flags.contains("F")) {
            return false;
        }
        byte[] header;
        try {
            header = HexFormat.of().parseHex(magic.substring(0, 40));
        } catch (IllegalArgumentException e) {
            return false;
        }
        // ELF identification byte 4 is the class (1: 32-bit, 2: 64-bit); bytes 18-19 e_machine, little-endian.
        int elfClass = header[4];
        int machine = (header[18] & 0xff) | (header[19] & 0xff) << 8;
        return switch (platform) {
            case AMD64 -> elfClass == 2 && machine == 0x3e;
            case ARM64 -> elfClass == 2 && machine == 0xb7;
            case ARMV7, ARMV5 -> elfClass == 1 && machine == 0x28;
        };
    }
}
