package io.github.mikrotiktailscale.build;

import io.github.mikrotiktailscale.docker.DockerEngine;
import io.github.mikrotiktailscale.docker.DockerfileFacts;
import io.github.mikrotiktailscale.gomodule.GoModFile;
import io.github.mikrotiktailscale.gomodule.GoVersion;
import io.github.mikrotiktailscale.gomodule.ModuleProxy;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Before any build of the generated Dockerfile: the Go the chosen Tailscale release needs (its
 * go.mod, from the module proxy the build fetches it from) against the Go of the builder image.
 * A mismatch fails in seconds naming both, instead of a compile error minutes into the build.
 */
public final class GoToolchainCheck {

    /** The stage of the generated Dockerfile that compiles Tailscale. */
    static final String STAGE = "tailscale";
    static final String MODULE = "tailscale.com";

    /** What the check found; empty fields where it could not tell. */
    public record Finding(String tailscaleVersion, Optional<GoVersion> required, String builderImage,
            Optional<GoVersion> builderGo, String note) {

        /** One line for the log: the Go the release needs and the Go the builder has. */
        public String describe() {
            return "Tailscale " + tailscaleVersion + " needs Go " + required.map(Object::toString).orElse("(unknown)")
                    + "; the builder " + builderImage + " has Go " + builderGo.map(Object::toString).orElse("(unknown)")
                    + (note.isEmpty() ? "" : " (" + note + ")");
        }

        public boolean mismatch() {
            return required.isPresent() && builderGo.isPresent() && !builderGo.get().satisfies(required.get());
        }
    }

    /** Where the check reads the two sides; an interface so it can be tested without an engine or proxy. */
    public interface Sources {
        Optional<String> goMod(String version) throws IOException, InterruptedException;

        Optional<List<String>> imageEnvironment(String image) throws EnvironmentException;
    }

    public static Sources sources(ModuleProxy proxy, DockerEngine engine) {
        return new Sources() {
            @Override
            public Optional<String> goMod(String version) throws IOException, InterruptedException {
                return proxy.goMod(MODULE, version);
            }

            @Override
            public Optional<List<String>> imageEnvironment(String image) throws EnvironmentException {
                return engine.imageEnvironment(image);
            }
        };
    }

    private GoToolchainCheck() {}

    /** Checks, and fails with what to change when the builder's Go is too old; empty for other Dockerfiles. */
    public static Optional<Finding> verify(DockerfileFacts facts, Sources sources) throws EnvironmentException {
        var finding = inspect(facts, sources);
        if (finding.isPresent() && finding.get().mismatch()) {
            var f = finding.get();
            throw new EnvironmentException("Tailscale " + f.tailscaleVersion() + " needs Go " + f.required().get()
                    + " or newer (its go.mod), but the builder image " + f.builderImage() + " has Go "
                    + f.builderGo().get() + ".",
                    "Use a builder with Go " + f.required().get() + " or newer: builderImage (-Dbuilder.image in"
                            + " image-project) golang:" + f.required().get() + "-alpine@sha256:<digest>, or for the"
                            + " local bases GO_VERSION=" + f.required().get() + " .ci/bases/build-local-bases.sh builder"
                            + " (the script's GO_VERSION default follows image-project's Tailscale pin).");
        }
        return finding;
    }

    static Optional<Finding> inspect(DockerfileFacts facts, Sources sources) throws EnvironmentException {
        var version = facts.argDefault("TAILSCALE_VERSION");
        var image = facts.stageImage(STAGE);
        if (version.isEmpty() || image.isEmpty()) {
            return Optional.empty();
        }
        var notes = new StringBuilder();
        Optional<GoVersion> required = Optional.empty();
        try {
            required = sources.goMod(version.get()).flatMap(text -> GoModFile.parse(text).go());
            if (required.isEmpty()) {
                notes.append("the module proxy has no go.mod for ").append(MODULE).append('@').append(version.get());
            }
        } catch (IOException e) {
            notes.append("cannot ask the module proxy for its go.mod (").append(e.getMessage()).append(')');
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notes.append("interrupted while asking the module proxy");
        }
        var builderGo = builderGo(image.get(), sources);
        if (builderGo.isEmpty()) {
            notes.append(notes.length() == 0 ? "" : "; ").append("cannot tell the Go release of ").append(image.get());
        }
        return Optional.of(new Finding(version.get(), required, image.get(), builderGo, notes.toString()));
    }

    /**
     * The builder's Go: the {@code GOLANG_VERSION} its environment sets (the official golang images
     * and this project's local builder both set it), else the version in a {@code golang:1.26.8-…} tag.
     */
    public static Optional<GoVersion> builderGo(String image, Sources sources) throws EnvironmentException {
        var env = sources.imageEnvironment(image);
        if (env.isPresent()) {
            for (var line : env.get()) {
                if (line.startsWith("GOLANG_VERSION=")) {
                    return GoVersion.parse(line.substring("GOLANG_VERSION=".length()));
                }
            }
        }
        var name = image.replaceAll("@sha256:.*$", "");
        int colon = name.lastIndexOf(':');
        if (colon > 0 && name.substring(0, colon).matches("(.*/)?golang")) {
            return GoVersion.parse(name.substring(colon + 1));
        }
        return Optional.empty();
    }
}
