package io.github.mikrotiktailscale.release;

import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problem;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the image is published: registry host and repository, as in {@code ghcr.io/owner/name} or
 * {@code localhost:5000/mikrotik-tailscale}. A name without a registry means Docker Hub.
 *
 * @param insecure talk plain HTTP (loopback registries always do, as Docker does)
 */
public record ImageReference(String registry, String repository, boolean insecure) {

    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*");

    public static ImageReference parse(String text, boolean insecure) throws ConfigurationException {
        var value = text == null ? "" : text.trim();
        var lastSegment = value.substring(value.lastIndexOf('/') + 1);
        if (value.contains("@") || (value.contains("/") && lastSegment.contains(":"))
                || (!value.contains("/") && value.contains(":"))) {
            throw problem(value, "it names a tag or digest; give the repository only (tags are the release's)");
        }
        String registry = "docker.io";
        String repository = value;
        int slash = value.indexOf('/');
        if (slash > 0) {
            var first = value.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                repository = value.substring(slash + 1);
            }
        }
        if (registry.equals("docker.io") && !repository.contains("/")) {
            repository = "library/" + repository;
        }
        if (!REPOSITORY.matcher(repository).matches()) {
            throw problem(value, "'" + repository + "' is not a valid repository name");
        }
        var host = registry.toLowerCase(Locale.ROOT);
        boolean loopback = host.startsWith("localhost") || host.startsWith("127.") || host.startsWith("[::1]");
        return new ImageReference(registry, repository, insecure || loopback);
    }

    private static ConfigurationException problem(String value, String why) {
        return new ConfigurationException(new Problem("image", "cannot publish to '" + value + "': " + why + ".",
                "Write it as registry/namespace/name, for example ghcr.io/you/mikrotik-tailscale or"
                        + " localhost:5000/mikrotik-tailscale."));
    }

    /** The API root, {@code https://ghcr.io/v2/owner/name}. */
    public URI api(String path) {
        var host = registry.equals("docker.io") ? "registry-1.docker.io" : registry;
        return URI.create((insecure ? "http" : "https") + "://" + host + "/v2/" + repository + "/" + path);
    }

    /** The reference people pull: {@code ghcr.io/owner/name:tag}. */
    public String withTag(String tag) {
        return (registry.equals("docker.io") ? repository.replaceFirst("^library/", "") : registry + "/" + repository)
                + ":" + tag;
    }

    @Override
    public String toString() {
        return registry + "/" + repository;
    }
}
