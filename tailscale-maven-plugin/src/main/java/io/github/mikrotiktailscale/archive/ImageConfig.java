package io.github.mikrotiktailscale.archive;

import java.util.List;
import java.util.Map;

/** The parts of an image's config blob this plugin checks. */
public record ImageConfig(
        String os,
        String architecture,
        String variant,
        Map<String, String> labels,
        List<String> entrypoint,
        List<String> cmd,
        List<String> volumes,
        List<String> env,
        List<String> diffIds) {

    public ImageConfig {
        variant = variant == null ? "" : variant;
        labels = Map.copyOf(labels);
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        volumes = List.copyOf(volumes);
        env = List.copyOf(env);
        diffIds = List.copyOf(diffIds);
    }

    /** {@code linux/arm/v7}, {@code linux/arm64}: as Docker writes platforms. */
    public String platform() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
}
