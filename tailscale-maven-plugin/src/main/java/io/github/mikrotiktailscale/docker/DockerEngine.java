package io.github.mikrotiktailscale.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The Docker engine's API through docker-java. No API version is pinned: requests go without a
 * version prefix and the engine answers in its own, so engines from 20.10 (API 1.41) to current
 * ones (which refuse anything below 1.44) all work. {@code DOCKER_HOST}, the docker-java
 * properties and Docker contexts decide which engine that is.
 */
public final class DockerEngine implements BuildEngine, AutoCloseable {

    private final DockerClient client;
    private final String host;

    private DockerEngine(DockerClient client, String host) {
        this.client = client;
        this.host = host;
    }

    /** Connects lazily: nothing is sent until the first call. */
    public static DockerEngine connect() {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        var http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(10))
                .build();
        return new DockerEngine(DockerClientImpl.getInstance(config, http), config.getDockerHost().toString());
    }

    /** The engine address in use, for messages. */
    public String host() {
        return host;
    }

    public EngineVersion version() throws EnvironmentException {
        try {
            var v = client.versionCmd().exec();
            return new EngineVersion(nullToEmpty(v.getVersion()), nullToEmpty(v.getApiVersion()),
                    nullToEmpty(v.getMinAPIVersion()), nullToEmpty(v.getOperatingSystem()), nullToEmpty(v.getArch()));
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /** The image's id, or empty when the engine has no such image. */
    @Override
    public Optional<String> imageId(String reference) throws EnvironmentException {
        try {
            return Optional.ofNullable(client.inspectImageCmd(reference).exec().getId());
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /** The image's environment ({@code NAME=value} lines), or empty when the engine has no such image. */
    public Optional<List<String>> imageEnvironment(String reference) throws EnvironmentException {
        try {
            var config = client.inspectImageCmd(reference).exec().getConfig();
            var env = config == null ? null : config.getEnv();
            return Optional.of(env == null ? List.of() : List.of(env));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /** Writes {@code docker save} of the image to {@code archive}, via a temporary file next to it. */
    @Override
    public void save(String reference, Path archive) throws EnvironmentException {
        var partial = archive.resolveSibling(archive.getFileName() + ".partial");
        try (InputStream in = client.saveImageCmd(reference).exec()) {
            Files.createDirectories(archive.toAbsolutePath().getParent());
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw DiskProblems.whileWriting(archive, e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw unreachable(e);
        }
    }

    @Override
    public void tag(String reference, String repository, String tag) throws EnvironmentException {
        try {
            client.tagImageCmd(reference, repository, tag).withForce(true).exec();
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /** Removes a tag (the image stays when another tag still names it). Absent tags are fine. */
    @Override
    public void untag(String reference) throws EnvironmentException {
        try {
            client.removeImageCmd(reference).withNoPrune(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    @Override
    public boolean hasNetwork(String name) throws EnvironmentException {
        try {
            return client.listNetworksCmd().exec().stream().anyMatch(n -> name.equals(n.getName()));
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /** For callers that need more of the API (running containers, say). */
    public DockerClient client() {
        return client;
    }

    private EnvironmentException unreachable(RuntimeException e) {
        var cause = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        return new EnvironmentException("The Docker engine at " + host + " did not answer: " + cause,
                "Start the engine (systemctl start docker; on this project's CI machines .ci/setup-docker.sh),"
                        + " or point DOCKER_HOST or the Docker context at a running one.", e);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: a partial file is cleaned up on the next run anyway
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
