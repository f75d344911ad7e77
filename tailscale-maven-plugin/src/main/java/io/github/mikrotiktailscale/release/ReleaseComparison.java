package io.github.mikrotiktailscale.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.problem.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a release rebuilt here with what the registry serves under its tag: the manifest list,
 * then per platform the manifest, and where that differs, the config and each layer, so a
 * difference is named down to the blob. Sends nothing.
 */
public final class ReleaseComparison {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistryClient registry;

    public ReleaseComparison(RegistryClient registry) {
        this.registry = registry;
    }

    /** One platform's outcome; {@code differences} is empty when it matches. */
    public record PlatformResult(String platform, String localManifest, String registryManifest,
            List<String> differences) {

        public boolean matches() {
            return differences.isEmpty();
        }

        public String describe() {
            return matches() ? platform + ": match (" + localManifest + ")"
                    : platform + ": differs: " + String.join("; ", differences);
        }
    }

    /** The whole comparison: the manifest lists' digests and each platform's result. */
    public record Result(String tag, String localIndex, String registryIndex, List<PlatformResult> platforms) {

        public boolean matches() {
            return localIndex.equals(registryIndex) && platforms.stream().allMatch(PlatformResult::matches);
        }
    }

    public Result compare(String tag, PreparedRelease local) throws EnvironmentException, ConfigurationException {
        var served = registry.getManifest(tag, RegistryClient.MANIFEST_LIST).orElseThrow(() ->
                new ConfigurationException(new Problem("imageVersion", registry.image().withTag(tag)
                        + " does not exist in the registry, so there is nothing to compare with.",
                        "Name a published release tag (-Dtailscale.imageVersion) and the image it was published as"
                                + " (-Dtailscale.image).")));
        var entries = read(served.body()).path("manifests");
        var results = new ArrayList<PlatformResult>();
        for (var image : local.images()) {
            results.add(comparePlatform(image, entries));
        }
        for (var entry : entries) {
            var name = platformOf(entry.path("platform"));
            if (local.images().stream().noneMatch(i -> i.platform().dockerName().equals(name))) {
                results.add(new PlatformResult(name, "", entry.path("digest").asText(),
                        List.of("the registry lists it, the rebuild did not make it (add it to -Dtailscale.platforms)")));
            }
        }
        return new Result(tag, local.indexDigest(), served.digest(), results);
    }

    private PlatformResult comparePlatform(PreparedImage image, JsonNode entries) throws EnvironmentException {
        var name = image.platform().dockerName();
        JsonNode entry = null;
        for (var candidate : entries) {
            if (platformOf(candidate.path("platform")).equals(name)) {
                entry = candidate;
            }
        }
        if (entry == null) {
            return new PlatformResult(name, image.manifestDigest(), "", List.of("the registry's list has no " + name));
        }
        var remoteDigest = entry.path("digest").asText();
        if (remoteDigest.equals(image.manifestDigest())) {
            return new PlatformResult(name, image.manifestDigest(), remoteDigest, List.of());
        }
        var differences = new ArrayList<String>();
        differences.add("manifest " + image.manifestDigest() + " here, " + remoteDigest + " in the registry");
        var manifest = registry.getManifest(remoteDigest, RegistryClient.MANIFEST);
        if (manifest.isEmpty()) {
            differences.add("the registry does not serve " + remoteDigest);
            return new PlatformResult(name, image.manifestDigest(), remoteDigest, differences);
        }
        var remote = read(manifest.get().body());
        var remoteConfig = remote.path("config").path("digest").asText();
        if (!remoteConfig.equals(image.configDigest())) {
            differences.add("config " + image.configDigest() + " here, " + remoteConfig + " in the registry");
        }
        var remoteLayers = remote.path("layers");
        if (remoteLayers.size() != image.layers().size()) {
            differences.add(image.layers().size() + " layers here, " + remoteLayers.size() + " in the registry");
        }
        for (int i = 0; i < Math.min(remoteLayers.size(), image.layers().size()); i++) {
            var here = image.layers().get(i).digest();
            var there = remoteLayers.get(i).path("digest").asText();
            if (!here.equals(there)) {
                differences.add("layer " + (i + 1) + " " + here + " here, " + there + " in the registry");
            }
        }
        return new PlatformResult(name, image.manifestDigest(), remoteDigest, differences);
    }

    private static String platformOf(JsonNode platform) {
        var variant = platform.path("variant").asText("");
        return platform.path("os").asText() + "/" + platform.path("architecture").asText()
                + (variant.isEmpty() ? "" : "/" + variant);
    }

    private static JsonNode read(byte[] body) throws EnvironmentException {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new EnvironmentException("The registry returned something that is not JSON: " + e.getMessage(), "", e);
        }
    }
}
