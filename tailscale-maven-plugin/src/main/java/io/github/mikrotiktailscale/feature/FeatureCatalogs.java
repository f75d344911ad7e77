package io.github.mikrotiktailscale.feature;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The feature catalogues bundled with the plugin, one per Tailscale minor line. They are read
 * from Tailscale's own source by {@code src/tools/feature-catalog/generate.sh}, never typed in.
 */
public final class FeatureCatalogs {

    private static final String DIRECTORY = "/io/github/mikrotiktailscale/feature/catalog/";

    private FeatureCatalogs() {}

    /**
     * The catalogue for a Tailscale version. A version without its own catalogue gets the nearest
     * older one and a warning naming both; a version older than every catalogue has none.
     */
    public static Optional<CatalogChoice> forVersion(TailscaleVersion version) {
        var lines = available();
        var exact = lines.stream().filter(l -> l.equals(version.minorLine())).findFirst();
        if (exact.isPresent()) {
            return Optional.of(new CatalogChoice(load(exact.get()), version, Optional.empty()));
        }
        return lines.stream()
                .filter(l -> compareLines(l, version.minorLine()) < 0)
                .max(FeatureCatalogs::compareLines)
                .map(FeatureCatalogs::load)
                .map(catalog -> new CatalogChoice(catalog, version, Optional.of(
                        "The plugin has no feature catalogue for Tailscale " + version.minorLine()
                                + "; using the one for " + catalog.minorLine() + " (read from " + catalog.readFrom()
                                + "). Features new in " + version + " are unknown to it and stay left out.")));
    }

    /** The catalogue of the minor line before this one, when the plugin has one. */
    public static Optional<FeatureCatalog> previous(FeatureCatalog catalog) {
        return available().stream()
                .filter(l -> compareLines(l, catalog.minorLine()) < 0)
                .max(FeatureCatalogs::compareLines)
                .map(FeatureCatalogs::load);
    }

    /** The minor lines that have a catalogue, oldest first. */
    public static List<String> available() {
        try (var in = resource("catalogs.txt");
                var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            var lines = new ArrayList<String>();
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    lines.add(line.trim());
                }
            }
            lines.sort(FeatureCatalogs::compareLines);
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the catalogue of one minor line, such as {@code 1.98}. */
    public static FeatureCatalog load(String minorLine) {
        try (var in = resource(minorLine + ".json")) {
            return read(in, minorLine);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read feature catalogue " + minorLine, e);
        }
    }

    /** Reads a catalogue in the plugin's format. */
    public static FeatureCatalog read(InputStream in, String minorLine) throws IOException {
        var file = new ObjectMapper().readValue(in, CatalogFile.class);
        var features = file.features.stream()
                .map(e -> new Feature(e.name, e.description, e.requires == null ? List.of() : e.requires, e.implementationDetail))
                .toList();
        return new FeatureCatalog(minorLine, file.tailscaleVersion, features);
    }

    private static InputStream resource(String name) throws IOException {
        var in = FeatureCatalogs.class.getResourceAsStream(DIRECTORY + name);
        if (in == null) {
            throw new IOException("missing plugin resource " + DIRECTORY + name);
        }
        return in;
    }

    private static int compareLines(String a, String b) {
        return Comparator.<String>comparingInt(l -> part(l, 0)).thenComparingInt(l -> part(l, 1)).compare(a, b);
    }

    private static int part(String line, int index) {
        return Integer.parseInt(line.split("\\.")[index]);
    }

    /** The catalogue used for a version, and the warning to show when it is not its own. */
    public record CatalogChoice(FeatureCatalog catalog, TailscaleVersion version, Optional<String> warning) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    private static final class CatalogFile {
        public String tailscaleVersion;
        public List<Entry> features = List.of();
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private static final class Entry {
        public String name;
        public String description;
        public List<String> requires;
        public boolean implementationDetail;
    }
}
