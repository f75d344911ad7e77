package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each platform's Tailscale binary, packed and unpacked: UPX unpacks all of it into anonymous
 * memory at every start (and again for every CLI call), so the unpacked size is RAM the daemon
 * pins before its first allocation. For platforms that run under QEMU, whose RSS cannot be read,
 * the daemon's memory is derived from it: the native daemon's figure minus its own unpacked
 * binary plus theirs.
 */
final class UnpackedBinaries {

    /** The daemon's argv[0] link; {@code docker cp -L} follows it to the binary. */
    static final String BINARY = "/usr/local/bin/tailscaled";

    /** The states whose RSS is carried over to the foreign platforms. */
    private static final List<MemoryState> DERIVED = List.of(MemoryState.LOGGED_OUT, MemoryState.UNDER_LOAD);

    /** A binary's size in the image and what UPX's header says it unpacks to. */
    record Sizes(long packed, long unpacked) {}

    private final DockerCli docker;
    private final String label;
    private final Map<Platform, Sizes> sizes = new LinkedHashMap<>();

    UnpackedBinaries(DockerCli docker, String label) {
        this.docker = docker;
        this.label = label;
    }

    /** UPX's {@code l_info} starts with the magic; {@code p_info}'s original file size follows it, little-endian. */
    static Optional<Sizes> parse(byte[] file) {
        var magic = "UPX!".getBytes(StandardCharsets.US_ASCII);
        int limit = Math.min(file.length - 20, 4096);
        for (int i = 4; i <= limit; i++) {
            if (file[i] == magic[0] && file[i + 1] == magic[1] && file[i + 2] == magic[2] && file[i + 3] == magic[3]) {
                long unpacked = Integer.toUnsignedLong(ByteBuffer.wrap(file, i + 12, 4).order(ByteOrder.LITTLE_ENDIAN)
                        .getInt());
                return unpacked > file.length ? Optional.of(new Sizes(file.length, unpacked)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Copies the binary out of the image and reads its header; an unpacked binary is left out. */
    void read(Platform platform, String image) throws EnvironmentException, InterruptedException {
        var created = docker.run("create", "--label", label, "--platform", platform.dockerName(), image);
        if (!created.ok()) {
            return;
        }
        var container = created.lines().get(created.lines().size() - 1).strip();
        try {
            var file = Files.createTempFile("tailscale-smoke-binary", ".bin");
            try {
                if (docker.run("cp", "-L", container + ":" + BINARY, file.toString()).ok()) {
                    parse(Files.readAllBytes(file)).ifPresent(s -> sizes.put(platform, s));
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // the figures are only missing then
        } finally {
            docker.run("rm", "-f", container);
        }
    }

    /** The binaries' sizes, and the derived memory of the platforms that were not measured. */
    List<Figure> figures(Optional<Platform> nativePlatform, List<Figure> measured) {
        var figures = new ArrayList<Figure>();
        sizes.forEach((platform, s) -> {
            figures.add(new Figure("binary.packed." + platform.shortName(), s.packed() / 1e6, "MB",
                    "the Tailscale binary as stored (UPX-packed)"));
            figures.add(new Figure("binary.unpacked." + platform.shortName(), s.unpacked() / 1e6, "MB",
                    "what UPX unpacks it to: anonymous memory at every start, and again for every CLI call"));
        });
        var reference = nativePlatform.map(sizes::get);
        if (reference.isEmpty()) {
            return figures;
        }
        for (var state : DERIVED) {
            var nativeRss = measured.stream().filter(f -> f.name().startsWith("memory." + state.key() + ".rss."))
                    .mapToDouble(Figure::value).max();
            if (nativeRss.isEmpty()) {
                continue;
            }
            double heap = nativeRss.getAsDouble() - reference.get().unpacked() / 1e6;
            sizes.forEach((platform, s) -> {
                if (platform != nativePlatform.get()) {
                    figures.add(new Figure("memory." + state.key() + ".rssDerived." + platform.shortName(),
                            heap + s.unpacked() / 1e6, "MB", "derived, not measured (QEMU): its unpacked binary plus"
                            + " what the " + nativePlatform.get().shortName() + " daemon held beyond its own ("
                            + String.format(java.util.Locale.ROOT, "%.1f MB", heap) + ", " + state.key() + ")"));
                }
            });
        }
        return figures;
    }
}
