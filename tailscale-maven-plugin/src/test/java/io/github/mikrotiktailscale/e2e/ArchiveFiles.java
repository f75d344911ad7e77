package io.github.mikrotiktailscale.e2e;

import io.github.mikrotiktailscale.archive.ImageArchive;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** The regular files of an image archive's layers, later layers winning (enough for fixtures). */
final class ArchiveFiles {

    private ArchiveFiles() {}

    static Map<String, String> read(Path archive) throws IOException {
        var files = new TreeMap<String, String>();
        try (var image = ImageArchive.open(archive)) {
            for (var layer : image.layers()) {
                try (var tar = new TarArchiveInputStream(image.openLayer(layer))) {
                    for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                        var name = entry.getName().replaceFirst("^\\./", "");
                        if (entry.isFile()) {
                            files.put(name, new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                        } else if (entry.isSymbolicLink()) {
                            files.put(name, "-> " + entry.getLinkName());
                        }
                    }
                }
            }
        }
        return files;
    }
}
