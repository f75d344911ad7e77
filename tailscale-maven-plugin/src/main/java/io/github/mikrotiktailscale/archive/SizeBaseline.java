package io.github.mikrotiktailscale.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** The figures of an earlier {@code size-report.json}, to show what changed per platform and component. */
public final class SizeBaseline {

    private final String source;
    private final Map<String, Map<String, Long>> metrics;

    private SizeBaseline(String source, Map<String, Map<String, Long>> metrics) {
        this.source = source;
        this.metrics = metrics;
    }

    public static SizeBaseline read(Path file) throws IOException {
        var root = new ObjectMapper().readTree(file.toFile());
        var images = root.path("images");
        if (!images.isArray()) {
            throw new IOException(file + " is not a size report: it has no \"images\" list.");
        }
        var metrics = new HashMap<String, Map<String, Long>>();
        for (var image : images) {
            var values = new LinkedHashMap<String, Long>();
            image.path("metrics").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asLong()));
            metrics.put(image.path("name").asText(), values);
        }
        var version = root.path("imageVersion").asText("");
        return new SizeBaseline(file.getFileName() + (version.isEmpty() ? "" : " (" + version + ")"), metrics);
    }

    /** The file and version the figures come from. */
    public String source() {
        return source;
    }

    public OptionalLong value(String platform, String metric) {
        var values = metrics.get(platform);
        var value = values == null ? null : values.get(metric);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
