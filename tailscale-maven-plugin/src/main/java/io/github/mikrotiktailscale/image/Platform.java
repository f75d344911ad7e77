package io.github.mikrotiktailscale.image;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The router platforms the image is built for, with the names each tool uses for them: Docker's
 * platform, Go's GOARCH/GOARM, and the architecture RouterOS reports.
 */
public enum Platform {
    AMD64("linux/amd64", "amd64", "amd64", "", "amd64", "", "x86", List.of("x86_64", "x86-64")),
    ARM64("linux/arm64", "arm64", "arm64", "", "arm64", "", "arm64", List.of("aarch64", "linux/arm64/v8", "arm64/v8")),
    ARMV7("linux/arm/v7", "armv7", "arm", "v7", "arm", "7", "arm", List.of("arm/v7", "arm32v7", "armhf")),
    /**
     * ARMv5TE with soft float (RouterOS reports {@code arm} too; MikroTik calls their images
     * {@code arm32v5}): the routers with an EcoNet EN7562CT, such as the hEX refresh and hAP ax S,
     * whose CPU stops a v7 image with "Illegal instruction".
     */
    ARMV5("linux/arm/v5", "armv5", "arm", "v5", "arm", "5", "arm", List.of("arm/v5", "arm32v5", "armel"));

    /** Platforms that people ask for and cannot have, with the reason. */
    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("linux/arm/v6", "no RouterOS device with the container package has an ARMv6 CPU"),
            Map.entry("arm/v6", "no RouterOS device with the container package has an ARMv6 CPU"),
            Map.entry("armv6", "no RouterOS device with the container package has an ARMv6 CPU"),
            Map.entry("linux/386", "RouterOS 7, which the container package needs, runs on 64-bit x86 only"),
            Map.entry("386", "RouterOS 7, which the container package needs, runs on 64-bit x86 only"),
            Map.entry("i386", "RouterOS 7, which the container package needs, runs on 64-bit x86 only"),
            Map.entry("x86", "ambiguous: RouterOS calls 64-bit x86 'x86'; use amd64"),
            Map.entry("arm", "ambiguous: use armv7 (most 32-bit ARM routers), armv5 (EN7562CT routers such as the"
                    + " hEX refresh and hAP ax S) or arm64"));

    private final String dockerName;
    private final String shortName;
    private final String architecture;
    private final String variant;
    private final String goarch;
    private final String goarm;
    private final String routerOsArchitecture;
    private final List<String> aliases;

    Platform(String dockerName, String shortName, String architecture, String variant, String goarch, String goarm,
            String routerOsArchitecture, List<String> aliases) {
        this.dockerName = dockerName;
        this.shortName = shortName;
        this.architecture = architecture;
        this.variant = variant;
        this.goarch = goarch;
        this.goarm = goarm;
        this.routerOsArchitecture = routerOsArchitecture;
        this.aliases = aliases;
    }

    /** Docker's name: {@code linux/arm/v7}. */
    public String dockerName() {
        return dockerName;
    }

    /** The name used for files and on the command line: {@code armv7}. */
    public String shortName() {
        return shortName;
    }

    public String os() {
        return "linux";
    }

    /** The image config's {@code architecture}: {@code arm}. */
    public String architecture() {
        return architecture;
    }

    /** The image config's {@code variant}, empty where Docker sets none: {@code v7}. */
    public String variant() {
        return variant;
    }

    public String goarch() {
        return goarch;
    }

    /** Go's GOARM, empty unless 32-bit ARM. */
    public String goarm() {
        return goarm;
    }

    /** What RouterOS's {@code /system/resource/print} calls the architecture. */
    public String routerOsArchitecture() {
        return routerOsArchitecture;
    }

    /** Finds a platform by its short, Docker or common alternative name. */
    public static Optional<Platform> find(String name) {
        var wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(p -> p.shortName.equals(wanted) || p.dockerName.equals(wanted) || p.aliases.contains(wanted))
                .findFirst();
    }

    /** Why a name that is not a supported platform cannot be one. */
    public static String whyNot(String name) {
        var wanted = name.trim().toLowerCase(Locale.ROOT);
        var reason = UNSUPPORTED.get(wanted);
        if (reason != null) {
            return reason;
        }
        if (wanted.matches("(linux/)?(mips.*|mmips|smips|ppc.*|powerpc.*|tile|s390x|riscv64)")) {
            return "RouterOS Container runs on arm, arm64 and x86 routers only";
        }
        return "not a platform this image is built for";
    }

    @Override
    public String toString() {
        return dockerName;
    }
}
