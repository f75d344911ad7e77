package io.github.mikrotiktailscale.build;

import io.github.mikrotiktailscale.docker.DockerfileFacts;
import io.github.mikrotiktailscale.image.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one run of the build goal does.
 *
 * @param dockerfile the Dockerfile, or null for the one in {@code context}
 * @param network buildx {@code --network}; {@code auto} picks {@code host} when the engine has no
 *     bridge network (an engine started with {@code --bridge=none}) and the default otherwise
 * @param imagesDirectory where {@code <platform>.tar} and {@code images.json} go
 * @param imageName the local repository the built images are tagged with, as {@code <name>:<version>-<platform>}
 * @param imageVersion the release version ({@code dev} when not releasing); the {@code OCI_VERSION} build argument
 * @param dockerfileFacts what the Dockerfile runs where and which images it starts from
 * @param baseImageFallback the project's own way to build when its base images cannot be pulled
 *     (shown first when they cannot), or empty
 */
public record BuildSettings(
        Path context,
        Path dockerfile,
        List<Platform> platforms,
        SortedMap<String, String> buildArgs,
        String network,
        String builder,
        boolean noCache,
        boolean pull,
        boolean force,
        boolean parallel,
        Path imagesDirectory,
        String imageName,
        String imageVersion,
        DockerfileFacts dockerfileFacts,
        String baseImageFallback) {

    public static final String AUTO_NETWORK = "auto";

    public BuildSettings {
        platforms = List.copyOf(platforms);
        buildArgs = new TreeMap<>(buildArgs);
        network = network == null ? "" : network.trim();
        builder = builder == null ? "" : builder.trim();
        baseImageFallback = baseImageFallback == null ? "" : baseImageFallback.trim();
    }

    /** Whether some stage runs commands on the target platform (needs QEMU for foreign ones). */
    public boolean targetStagesRun() {
        return dockerfileFacts.runsOnTarget();
    }

    public Path archive(Platform platform) {
        return imagesDirectory.resolve(platform.shortName() + ".tar");
    }

    /** Where the context is mirrored without the goal's outputs when it holds them. */
    public Path engineContextDirectory() {
        return imagesDirectory.resolveSibling(imagesDirectory.getFileName() + "-context");
    }

    /** What this goal writes: never an input of the next build. */
    public List<Path> outputs() {
        return List.of(imagesDirectory.toAbsolutePath().normalize(), engineContextDirectory().toAbsolutePath().normalize());
    }

    public String localTag(Platform platform) {
        return imageName + ":" + imageVersion + "-" + platform.shortName();
    }
}
