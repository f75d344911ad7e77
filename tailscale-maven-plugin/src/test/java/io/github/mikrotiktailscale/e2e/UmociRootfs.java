package io.github.mikrotiktailscale.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * An image archive unpacked by tools that share no code with the plugin: skopeo turns the
 * docker-archive into an OCI layout, umoci applies its layers (whiteouts and all) to a directory.
 * Then the regular files on disk are counted, each inode once, as {@code du} would.
 */
record UmociRootfs(long bytes, long files, long symlinks) {

    static UmociRootfs unpack(Path archive, Path work) throws IOException {
        for (var tool : List.of("skopeo", "umoci")) {
            if (Toolchain.run(List.of(tool, "--version"), 30).code() != 0) {
                var why = tool + " is not installed (.ci/setup-docker.sh installs it); cross-check skipped.";
                if (Toolchain.required()) {
                    fail("TAILSCALE_E2E=required, but " + why);
                }
                Assumptions.abort(why);
            }
        }
        Files.createDirectories(work);
        var layout = work.resolve("oci");
        var bundle = work.resolve("bundle");
        run(List.of("skopeo", "--insecure-policy", "copy", "docker-archive:" + archive, "oci:" + layout + ":image"));
        run(List.of("umoci", "unpack", "--rootless", "--image", layout + ":image", bundle.toString()));
        var inodes = new HashSet<Object>();
        long bytes = 0;
        long symlinks = 0;
        try (Stream<Path> walk = Files.walk(bundle.resolve("rootfs"))) {
            for (var path : walk.toList()) {
                if (Files.isSymbolicLink(path)) {
                    symlinks++;
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                        && inodes.add(Files.getAttribute(path, "unix:ino", LinkOption.NOFOLLOW_LINKS))) {
                    bytes += Files.size(path);
                }
            }
        }
        return new UmociRootfs(bytes, inodes.size(), symlinks);
    }

    private static void run(List<String> command) {
        var result = Toolchain.run(command, 300);
        assertThat(result.code()).as("%s:%n%s", String.join(" ", command), result.output()).isZero();
    }
}
