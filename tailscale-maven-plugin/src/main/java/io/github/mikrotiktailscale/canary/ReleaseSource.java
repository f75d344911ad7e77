package io.github.mikrotiktailscale.canary;

import io.github.mikrotiktailscale.gomodule.ModuleProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipInputStream;

/** A release's source tree, from the module proxy's zip, unpacked into a directory of the canary's. */
public final class ReleaseSource {

    private ReleaseSource() {}

    /**
     * Unpacks {@code module@version} into {@code directory} (which it empties first).
     *
     * @return the tree, or empty when the proxy does not serve the zip (its status is in {@code refusal})
     */
    public static Optional<Path> fetch(ModuleProxy proxy, String module, String version, Path directory,
            StringBuilder refusal) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        var zip = directory.resolve(version + ".zip");
        int status = proxy.downloadZip(module, version, zip);
        if (status != 200) {
            refusal.append("GET ").append(proxy.zipAddress(module, version)).append(" answered ").append(status);
            return Optional.empty();
        }
        var tree = directory.resolve("source-" + version);
        deleteTree(tree);
        unzip(zip, tree, module + "@" + version + "/");
        Files.delete(zip);
        return Optional.of(tree);
    }

    static void unzip(Path zip, Path tree, String prefix) throws IOException {
        var root = tree.toAbsolutePath().normalize();
        try (var in = new ZipInputStream(Files.newInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                var name = entry.getName();
                if (!name.startsWith(prefix) || entry.isDirectory()) {
                    continue;
                }
                var target = root.resolve(name.substring(prefix.length())).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("the module zip has an entry outside its tree: " + name);
                }
                Files.createDirectories(target.getParent());
                Files.copy(in, target);
            }
        }
    }

    private static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return;
        }
        try (var walk = Files.walk(tree)) {
            for (var p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
