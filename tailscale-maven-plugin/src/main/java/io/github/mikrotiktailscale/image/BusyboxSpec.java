package io.github.mikrotiktailscale.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The busybox built for the image: which release, where its source comes from, which Kconfig
 * symbols are switched on after {@code make allnoconfig}, and where it is compiled.
 *
 * @param sourceUrl where the release tarball is downloaded; {@code {version}} is replaced
 * @param sha256 the tarball's expected SHA-256, empty to skip the check
 * @param config Kconfig symbols without the {@code CONFIG_} prefix, switched on; {@code SYMBOL=NUMBER}
 *     sets a numeric option
 * @param crossCompile compile on the build platform with a cross compiler for the target (fast);
 *     false compiles on the target platform itself (under QEMU when it is foreign)
 */
public record BusyboxSpec(String version, String sourceUrl, String sha256, List<String> config, boolean crossCompile) {

    public static final String DEFAULT_SOURCE_URL = "https://busybox.net/downloads/busybox-{version}.tar.bz2";

    /**
     * Symbols that make ash run applets in-process or by re-executing {@code /proc/self/exe}; both
     * break under UPX, so the image never has them.
     */
    public static final Set<String> FORBIDDEN = Set.of("FEATURE_SH_STANDALONE", "FEATURE_SH_NOFORK", "FEATURE_PREFER_APPLETS");

    public BusyboxSpec {
        config = List.copyOf(config);
        sha256 = sha256 == null ? "" : sha256.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public String resolvedSourceUrl() {
        return sourceUrl.replace("{version}", version);
    }

    /** The curated set of the plugin (about a hundred applets). */
    public static List<String> curatedConfig() {
        try (InputStream in = BusyboxSpec.class.getResourceAsStream("busybox-applets.config")) {
            if (in == null) {
                throw new IOException("missing plugin resource busybox-applets.config");
            }
            return parseConfig(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One symbol a line; blank lines and {@code #} comments ignored; a {@code CONFIG_} prefix dropped. */
    public static List<String> parseConfig(String text) {
        return text.lines()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.startsWith("CONFIG_") ? l.substring("CONFIG_".length()) : l)
                .map(l -> l.endsWith("=y") ? l.substring(0, l.length() - 2) : l)
                .toList();
    }
}
