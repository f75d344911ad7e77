package io.github.mikrotiktailscale.docker;

import io.github.mikrotiktailscale.image.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One {@code docker buildx build} for one platform.
 *
 * @param dockerfile the Dockerfile, or null for {@code Dockerfile} in the context
 * @param network buildx {@code --network}, empty for the builder's default
 * @param builder buildx {@code --builder}, empty for the active one
 * @param loadTag for builders without an archive exporter: {@code --load} under this tag; empty
 *     to export the archive directly to {@code archive}
 * @param metadataFile where buildx writes what it built and on which node ({@code --metadata-file}),
 *     or null
 */
public record BuildxRequest(
        Platform platform,
        Path context,
        Path dockerfile,
        SortedMap<String, String> buildArgs,
        String network,
        String builder,
        boolean noCache,
        boolean pull,
        String loadTag,
        Path archive,
        Path metadataFile) {

    public BuildxRequest {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(context, "context");
        buildArgs = new TreeMap<>(buildArgs);
        network = network == null ? "" : network;
        builder = builder == null ? "" : builder;
        loadTag = loadTag == null ? "" : loadTag;
    }

    /** The command line, as a list: nothing is interpreted by a shell. */
    public List<String> commandLine(String docker) {
        var args = new java.util.ArrayList<>(List.of(docker, "buildx", "build", "--progress=plain",
                "--platform", platform.dockerName()));
        if (!builder.isEmpty()) {
            args.addAll(List.of("--builder", builder));
        }
        if (dockerfile != null) {
            args.addAll(List.of("--file", dockerfile.toString()));
        }
        buildArgs.forEach((name, value) -> args.addAll(List.of("--build-arg", name + "=" + value)));
        if (!network.isEmpty()) {
            args.addAll(List.of("--network", network));
        }
        if (noCache) {
            args.add("--no-cache");
        }
        if (pull) {
            args.add("--pull");
        }
        if (metadataFile != null) {
            args.addAll(List.of("--metadata-file", metadataFile.toString()));
        }
        if (loadTag.isEmpty()) {
            args.addAll(List.of("--output", "type=docker,dest=" + archive));
        } else {
            args.addAll(List.of("--load", "--tag", loadTag));
        }
        args.add(context.toString());
        return List.copyOf(args);
    }
}
