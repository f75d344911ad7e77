package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.docker.Exec;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The docker command line, as the smoke run uses it: every call through the {@link Exec} seam. */
final class DockerCli {

    private final Exec exec;
    private final String docker;

    DockerCli(Exec exec, String docker) {
        this.exec = exec;
        this.docker = docker;
    }

    /** One finished command: exit code and its output lines (stdout and stderr merged). */
    record Result(int exitCode, List<String> lines) {

        boolean ok() {
            return exitCode == 0;
        }

        String text() {
            return String.join("\n", lines);
        }

        /** The last lines, for an error message. */
        String tail(int count) {
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        }
    }

    Result run(String... args) throws EnvironmentException, InterruptedException {
        return run(List.of(args));
    }

    Result run(List<String> args) throws EnvironmentException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(docker);
        command.addAll(args);
        var lines = Collections.synchronizedList(new ArrayList<String>());
        try {
            int code = exec.run(command, null, Map.of(), lines::add);
            return new Result(code, List.copyOf(lines));
        } catch (IOException e) {
            throw new EnvironmentException("Cannot run '" + docker + "': " + e.getMessage() + ".",
                    "Install Docker, or point -Dtailscale.dockerCommand at the docker executable.", e);
        }
    }

    /** Runs and fails with the command's output unless it succeeds. */
    Result require(String what, List<String> args) throws EnvironmentException, InterruptedException {
        var result = run(args);
        if (!result.ok()) {
            throw new EnvironmentException("Cannot " + what + ": 'docker " + String.join(" ", shorten(args))
                    + "' exited with " + result.exitCode() + ":\n" + result.tail(20),
                    "Check that the Docker engine is running and allows what the smoke test needs (see the"
                            + " smoke goal's documentation).");
        }
        return result;
    }

    Result require(String what, String... args) throws EnvironmentException, InterruptedException {
        return require(what, List.of(args));
    }

    /** Long arguments (a wiring description) shortened for messages. */
    private static List<String> shorten(List<String> args) {
        return args.stream().map(a -> a.length() > 120 ? a.substring(0, 117) + "..." : a).toList();
    }
}
