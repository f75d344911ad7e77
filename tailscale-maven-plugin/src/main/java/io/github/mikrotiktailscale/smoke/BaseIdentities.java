package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which bases the tested images were built from, as the smoke report records it: per base image
 * reference, the identity label .ci/bases/build-local-bases.sh puts on the bases it makes (a hash
 * of their exact package versions, Go and busybox), {@link #UNLABELLED} for an image without one
 * (a Docker Hub image, or a base made before the label existed) and {@link #ABSENT} for one the
 * engine does not have. Publish compares them with the pinned bases CI tested.
 */
final class BaseIdentities {

    static final String LABEL = "io.github.mikrotiktailscale.base.identity";
    static final String UNLABELLED = "unlabelled";
    static final String ABSENT = "absent";

    private BaseIdentities() {}

    static Map<String, String> read(DockerCli docker, List<String> references, Collection<Platform> platforms)
            throws EnvironmentException, InterruptedException {
        var identities = new TreeMap<String, String>();
        for (var reference : references) {
            for (var platform : platforms) {
                var concrete = expand(reference, platform);
                if (!concrete.isBlank() && !identities.containsKey(concrete)) {
                    identities.put(concrete, identity(docker, concrete));
                }
            }
        }
        return identities;
    }

    /** A per-platform reference ({@code local/stage:$TARGETARCH$TARGETVARIANT}) for one platform. */
    static String expand(String reference, Platform platform) {
        return reference.trim().replace("${TARGETARCH}", platform.architecture())
                .replace("$TARGETARCH", platform.architecture())
                .replace("${TARGETVARIANT}", platform.variant()).replace("$TARGETVARIANT", platform.variant())
                .replace("${TARGETOS}", platform.os()).replace("$TARGETOS", platform.os());
    }

    private static String identity(DockerCli docker, String reference) throws EnvironmentException, InterruptedException {
        var result = docker.run("image", "inspect", "--format", "{{ index .Config.Labels \"" + LABEL + "\" }}",
                reference);
        if (!result.ok()) {
            return ABSENT;
        }
        var value = result.text().trim();
        return value.isEmpty() || value.equals("<no value>") ? UNLABELLED : value;
    }
}
