package io.github.mikrotiktailscale.docker;

import io.github.mikrotiktailscale.image.Platform;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What {@code docker buildx inspect} says about a builder: its driver and the platforms it can
 * build (the host's own plus those QEMU emulates).
 */
public record BuilderInfo(String name, String driver, String buildkit, List<String> platforms) {

    /** Drivers that can write an image archive themselves ({@code --output type=docker,dest=...}). */
    private static final Set<String> EXPORTING_DRIVERS = Set.of("docker-container", "kubernetes", "remote");

    public BuilderInfo {
        platforms = List.copyOf(platforms);
    }

    /** Parses the plain-text output of {@code docker buildx inspect}. */
    public static BuilderInfo parse(List<String> lines) {
        String name = "";
        String driver = "";
        String buildkit = "";
        List<String> platforms = List.of();
        for (var line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            var key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            var value = line.substring(colon + 1).trim();
            switch (key) {
                case "name" -> name = name.isEmpty() ? value : name;
                case "driver" -> driver = driver.isEmpty() ? value : driver;
                case "buildkit", "buildkit version" -> buildkit = buildkit.isEmpty() ? value : buildkit;
                case "platforms" -> platforms = platforms.isEmpty() ? Arrays.stream(value.split(","))
                        .map(p -> p.trim().replace("*", "")).filter(p -> !p.isEmpty()).toList() : platforms;
                default -> { }
            }
        }
        return new BuilderInfo(name, driver, buildkit, platforms);
    }

    /** Whether the builder writes archives itself, so no {@code --load} and save is needed. */
    public boolean exportsArchives() {
        return EXPORTING_DRIVERS.contains(driver);
    }

    /**
     * Whether the builder can run the platform's binaries. An empty list (an old buildx that prints
     * none) is taken as yes: the build itself will then say so.
     */
    public boolean canRun(Platform platform) {
        return platforms.isEmpty() || platforms.contains(platform.dockerName())
                || (platform == Platform.ARM64 && platforms.contains("linux/arm64/v8"))
                // buildx lists QEMU's 32-bit ARM as v7 and v6 only; the same emulator runs v5 code.
                || (platform == Platform.ARMV5 && (platforms.contains("linux/arm/v7") || platforms.contains("linux/arm/v6")));
    }
}
