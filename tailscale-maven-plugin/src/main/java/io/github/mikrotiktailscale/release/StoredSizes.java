package io.github.mikrotiktailscale.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mikrotiktailscale.build.PlatformBuild;
import io.github.mikrotiktailscale.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What verify-size measured per platform, for the manifest list's stored-bytes annotations. */
final class StoredSizes {

    private static final String SIZE_REPORT = "size-report.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredSizes() {}

    /** storedBytes per platform short name from verify-size's report next to the archives, if it is this release's. */
    static Map<String, Long> read(List<PlatformBuild> builds, String tag, Progress progress) {
        var sizes = new HashMap<String, Long>();
        var report = builds.isEmpty() ? null : builds.get(0).archive().resolveSibling(SIZE_REPORT);
        if (report == null || !Files.isRegularFile(report)) {
            progress.info("no " + SIZE_REPORT + " next to the images: routers fall back to their fixed free-space minimum"
                    + " (run tailscale:verify-size before publishing)");
            return sizes;
        }
        try {
            var root = JSON.readTree(report.toFile());
            var version = root.path("imageVersion").asText("");
            if (!version.equals(tag)) {
                progress.info(report + " measured '" + version + "', not " + tag + ": no sizes published");
                return sizes;
            }
            for (var image : root.path("images")) {
                if (image.path("storedBytes").canConvertToLong()) {
                    sizes.put(image.path("name").asText(), image.path("storedBytes").asLong());
                }
            }
        } catch (IOException e) {
            progress.info("cannot read " + report + " (" + e.getMessage() + "): no sizes published");
        }
        return sizes;
    }
}
