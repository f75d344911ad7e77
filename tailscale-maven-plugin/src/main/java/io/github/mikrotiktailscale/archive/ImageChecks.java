package io.github.mikrotiktailscale.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks the built image against what the configuration asked for: packed binaries, links that
 * lead somewhere, an executable entrypoint, and the config's entrypoint, command, volumes and
 * version label.
 */
final class ImageChecks {

    /** The label the router's update check reads back. */
    static final String VERSION_LABEL = "org.opencontainers.image.version";
    private static final int LISTED = 10;

    private ImageChecks() {}

    static List<CheckResult> run(RootfsTree tree, ImageConfig config, ImageExpectations expected, String version) {
        var paths = expected.components();
        var checks = new ArrayList<CheckResult>();
        checks.add(binary(tree, "Tailscale binary", paths.tailscaleBinary(), expected.upxPacked()));
        checks.add(binary(tree, "busybox", paths.busybox(), expected.upxPacked()));
        checks.add(tailscaleLinks(tree, paths));
        checks.add(symlinks(tree, paths));
        checks.add(entrypoint(tree, paths.entrypoint()));
        if (!paths.caBundle().isEmpty()) {
            var bundle = Components.file(tree, paths.caBundle());
            checks.add(bundle != null && bundle.size() > 0
                    ? CheckResult.pass("CA bundle", paths.caBundle() + ", " + bundle.size() + " bytes")
                    : CheckResult.fail("CA bundle", paths.caBundle() + " is missing or empty"));
        }
        checks.add(same("config entrypoint", expected.entrypoint(), config.entrypoint()));
        checks.add(same("config cmd", expected.cmd(), config.cmd()));
        checks.add(sameSet("config volumes", expected.volumes(), config.volumes()));
        checks.add(label(config.labels(), version));
        return checks;
    }

    private static CheckResult binary(RootfsTree tree, String name, String path, boolean upx) {
        var check = upx ? name + " UPX-packed" : name + " present";
        var file = Components.file(tree, path);
        if (file == null) {
            return CheckResult.fail(check, path + " is not in the image");
        }
        if (upx && !file.content().upxPacked()) {
            return CheckResult.fail(check, path + " (" + file.size() + " bytes) has no UPX header in its first "
                    + ContentScanner.UPX_WINDOW + " bytes: it was not packed, or was changed after packing");
        }
        return CheckResult.pass(check, path + ", " + file.size() + " bytes" + (upx ? ", UPX header found" : ""));
    }

    private static CheckResult tailscaleLinks(RootfsTree tree, ComponentPaths paths) {
        var binary = Components.file(tree, paths.tailscaleBinary());
        var broken = new ArrayList<String>();
        for (var link : paths.tailscaleLinks()) {
            var resolution = tree.resolve(link);
            if (!resolution.resolved()) {
                broken.add(link + " (" + resolution.problem() + ")");
            } else if (binary == null || Components.file(tree, link) != binary) {
                broken.add(link + " (leads to /" + resolution.path() + ", not " + paths.tailscaleBinary() + ")");
            }
        }
        return broken.isEmpty()
                ? CheckResult.pass("tailscale links", String.join(", ", paths.tailscaleLinks()) + " lead to "
                        + paths.tailscaleBinary())
                : CheckResult.fail("tailscale links", String.join("; ", broken));
    }

    /** Every symlink must lead to something inside the image, busybox's applet links above all. */
    private static CheckResult symlinks(RootfsTree tree, ComponentPaths paths) {
        var busybox = Components.file(tree, paths.busybox());
        long total = 0;
        long applets = 0;
        var broken = new ArrayList<String>();
        for (var entry : tree.nodes().entrySet()) {
            if (entry.getValue() instanceof RootfsTree.Symlink link) {
                total++;
                var resolution = tree.resolve(entry.getKey());
                if (!resolution.resolved()) {
                    broken.add("/" + entry.getKey() + " -> " + link.target() + " (" + resolution.problem() + ")");
                } else if (busybox != null && Components.file(tree, entry.getKey()) == busybox) {
                    applets++;
                }
            }
        }
        if (!broken.isEmpty()) {
            var shown = broken.subList(0, Math.min(LISTED, broken.size()));
            return CheckResult.fail("links resolve", broken.size() + " of " + total + " symlinks lead nowhere: "
                    + String.join("; ", shown) + (broken.size() > LISTED ? "; ..." : ""));
        }
        return CheckResult.pass("links resolve", "all " + total + " symlinks, " + applets + " of them busybox applets");
    }

    private static CheckResult entrypoint(RootfsTree tree, String path) {
        var file = Components.file(tree, path);
        if (file == null) {
            return CheckResult.fail("entrypoint executable", path + " is not in the image");
        }
        return (file.mode() & 0111) != 0
                ? CheckResult.pass("entrypoint executable", path + ", mode " + String.format("%04o", file.mode()))
                : CheckResult.fail("entrypoint executable", path + " has mode " + String.format("%04o", file.mode())
                        + ", no execute bit");
    }

    private static CheckResult same(String name, List<String> expected, List<String> actual) {
        return expected.equals(actual)
                ? CheckResult.pass(name, String.valueOf(actual))
                : CheckResult.fail(name, "expected " + expected + ", the image has " + actual);
    }

    private static CheckResult sameSet(String name, List<String> expected, List<String> actual) {
        return new TreeSet<>(expected).equals(new TreeSet<>(actual))
                ? CheckResult.pass(name, String.valueOf(new TreeSet<>(actual)))
                : CheckResult.fail(name, "expected " + new TreeSet<>(expected) + ", the image has " + new TreeSet<>(actual));
    }

    private static CheckResult label(Map<String, String> labels, String version) {
        var actual = labels.get(VERSION_LABEL);
        return version.equals(actual)
                ? CheckResult.pass("version label", VERSION_LABEL + "=" + actual)
                : CheckResult.fail("version label", "expected " + VERSION_LABEL + "=" + version + ", the image has "
                        + (actual == null ? "no such label" : actual));
    }
}
