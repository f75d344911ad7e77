package io.github.mikrotiktailscale.docker;

import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The {@code docker buildx} command line: version, builder inspection and builds. */
public final class Buildx {

    private final Exec exec;
    private final String docker;

    public Buildx(Exec exec, String docker) {
        this.exec = exec;
        this.docker = docker;
    }

    public String docker() {
        return docker;
    }

    /**
     * {@code docker buildx inspect [builder]}: the builder's driver and platforms. Fails with how to
     * install buildx when the docker CLI does not know the command.
     */
    public BuilderInfo inspect(String builder) throws EnvironmentException {
        var command = new ArrayList<>(List.of(docker, "buildx", "inspect"));
        if (!builder.isEmpty()) {
            command.add(builder);
        }
        var out = new ArrayList<String>();
        int code = run(command, out::add);
        var said = String.join(" ", out).trim();
        if (code != 0 && (said.contains("unknown command") || said.contains("is not a docker command"))) {
            throw new EnvironmentException("docker buildx is not installed: '" + docker + " buildx' said: " + said,
                    "Install the buildx plugin: on Debian/Ubuntu 'apt-get install docker-buildx' (trixie and later) or"
                            + " 'docker-buildx-plugin' from Docker's repository; elsewhere put the buildx binary in"
                            + " ~/.docker/cli-plugins/docker-buildx. This project's .ci/setup-docker.sh does it on CI.");
        }
        if (code != 0) {
            throw new EnvironmentException("docker buildx cannot use builder '" + (builder.isEmpty() ? "(active)" : builder)
                    + "': " + String.join(" ", out).trim(),
                    "List the builders with 'docker buildx ls' and name one in -Dtailscale.builder, or leave it"
                            + " empty for the active one.");
        }
        return BuilderInfo.parse(out);
    }

    /** Runs the build; every output line goes to {@code lines}. */
    public int build(BuildxRequest request, Map<String, String> environment, Consumer<String> lines)
            throws EnvironmentException, InterruptedException {
        try {
            return exec.run(request.commandLine(docker), request.context(), environment, lines);
        } catch (IOException e) {
            throw missingDocker(e);
        }
    }

    private int run(List<String> command, Consumer<String> lines) throws EnvironmentException {
        try {
            return exec.run(command, (Path) null, Map.of(), lines);
        } catch (IOException e) {
            throw missingDocker(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while running " + String.join(" ", command), "", e);
        }
    }

    private EnvironmentException missingDocker(IOException e) {
        return new EnvironmentException("The docker command '" + docker + "' cannot be run: " + e.getMessage(),
                "Install the Docker CLI and engine (https://docs.docker.com/engine/install/; on Debian"
                        + " 'apt-get install docker.io docker-buildx'), or name the docker executable with"
                        + " -Dtailscale.dockerCommand=/path/to/docker.", e);
    }
}
