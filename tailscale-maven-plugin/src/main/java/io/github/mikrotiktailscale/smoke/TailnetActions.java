package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the tailnet scenario does to its routers and reads from them: {@link Tailnet} does it with
 * containers on a real engine; the scenario's unit test with a fake.
 */
interface TailnetActions {

    ImageLayout layout();

    /** Starts a router from the image under test. */
    Tailnet.Node node(String name, int host, Map<String, String> environment, boolean stateVolume, boolean subnetRouter)
            throws EnvironmentException, InterruptedException;

    Duration stop(Tailnet.Node node, int graceSeconds) throws EnvironmentException, InterruptedException;

    void startAgain(Tailnet.Node node) throws EnvironmentException, InterruptedException;

    void remove(Tailnet.Node node) throws EnvironmentException, InterruptedException;

    DockerCli.Result tailscale(Tailnet.Node node, String... command) throws EnvironmentException, InterruptedException;

    /** Runs the smoke harness in a container's network namespace ({@code ping}, {@code resolve}, {@code visit}, {@code cat}). */
    DockerCli.Result harness(String container, String... command) throws EnvironmentException, InterruptedException;

    Tailnet.StatusReading status(Tailnet.Node node) throws EnvironmentException, InterruptedException;

    /** A container's log lines, all or between two instants (either may be null). */
    List<String> logs(String container, Instant since, Instant until) throws EnvironmentException, InterruptedException;

    /** Starts watching a node's state volume; the handle goes to {@link #stopWatching}. */
    String watch(String node) throws EnvironmentException, InterruptedException;

    /** The watcher's output: changes and before/after snapshots, as harness events. */
    List<String> stopWatching(String watcher) throws EnvironmentException, InterruptedException;

    /** {@code "<running> <exit code> <restarts>"}. */
    String state(String container) throws EnvironmentException, InterruptedException;

    /** The container of the test host behind node A. */
    String testHost();

    /** Runs a command in a container. */
    DockerCli.Result exec(String container, String... command) throws EnvironmentException, InterruptedException;

    /** The control server's container (on the LAN with every node; it routes 100.100.100.100 to node B). */
    String control();

    /** A volume of this run holding one file from the host. */
    String volumeWith(String role, java.nio.file.Path file, String name) throws EnvironmentException,
            InterruptedException;

    /** Starts a router as {@link #node}, with further {@code -v} mounts. */
    Tailnet.Node node(String name, int host, Map<String, String> environment, boolean stateVolume, boolean subnetRouter,
            String... mounts) throws EnvironmentException, InterruptedException;
}
