package io.github.mikrotiktailscale.canary;

import io.github.mikrotiktailscale.build.GoToolchainCheck;
import io.github.mikrotiktailscale.docker.DockerEngine;
import io.github.mikrotiktailscale.gomodule.GoVersion;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.util.List;
import java.util.Optional;

/**
 * The Go of the builder image, read as the build goal reads it (its GOLANG_VERSION, else a
 * {@code golang:1.26.8-…} tag), or else the Go the project says the image is made with: on a
 * fresh machine the local builder image does not exist yet, and the canary builds nothing first.
 */
public final class BuilderGo {

    private BuilderGo() {}

    public static GoToolchains toolchains(String builderImage, Optional<GoVersion> declared, String declaredBy,
            List<GoVersion> obtainable) throws InterruptedException {
        Optional<List<String>> environment = Optional.empty();
        try (var engine = DockerEngine.connect()) {
            environment = engine.imageEnvironment(builderImage);
        } catch (EnvironmentException | RuntimeException e) {
            // no engine, or it cannot be asked: the tag or the declared Go will do
        }
        var seen = environment;
        Optional<GoVersion> found;
        try {
            found = GoToolchainCheck.builderGo(builderImage, new GoToolchainCheck.Sources() {
                @Override
                public Optional<String> goMod(String version) {
                    return Optional.empty();
                }

                @Override
                public Optional<List<String>> imageEnvironment(String image) {
                    return seen;
                }
            });
        } catch (EnvironmentException e) {
            found = Optional.empty();
        }
        if (found.isPresent()) {
            var from = seen.isPresent() && seen.get().stream().anyMatch(l -> l.startsWith("GOLANG_VERSION="))
                    ? "GOLANG_VERSION of " + builderImage : "the tag of " + builderImage;
            return new GoToolchains(found, from, obtainable);
        }
        return new GoToolchains(declared, declaredBy + "; " + builderImage + " is not on this engine", obtainable);
    }
}
