package io.github.mikrotiktailscale.docker;

import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The engine as the image build uses it: its networks, its images, saving one to an archive.
 * {@link DockerEngine} is the real one; the build's unit tests use a fake.
 */
public interface BuildEngine {

    boolean hasNetwork(String name) throws EnvironmentException;

    /** The image id of a local image, empty when the engine has none by that reference. */
    Optional<String> imageId(String reference) throws EnvironmentException;

    /** Writes the image as a docker-archive, as {@code docker save} does. */
    void save(String reference, Path archive) throws EnvironmentException;

    void tag(String reference, String repository, String tag) throws EnvironmentException;

    void untag(String reference) throws EnvironmentException;
}
