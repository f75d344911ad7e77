package io.github.mikrotiktailscale.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.maven.shared.invoker.DefaultInvocationRequest;
import org.apache.maven.shared.invoker.DefaultInvoker;
import org.apache.maven.shared.invoker.MavenInvocationException;

/**
 * A copy of a fixture project from {@code src/test/e2e/<name>}, run with Maven as a user would:
 * the plugin comes from the repository the invoker ITs install it into.
 */
public final class FixtureProject {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Path directory;
    private String servers = "";

    private FixtureProject(Path directory) {
        this.directory = directory;
    }

    /**
     * Copies the fixture into a fresh directory under target/e2e; {@code @pluginVersion@} is filled
     * in. A fixture without a {@code context/} of its own gets {@code common-context/}: a multi-stage
     * Dockerfile shaped like the real one, shared by the fixtures that only differ in their pom.
     */
    public static FixtureProject copy(String name) throws IOException {
        var source = Path.of("src", "test", "e2e", name);
        var target = Path.of(System.getProperty("e2e.workDirectory", "target/e2e"))
                .resolve(name + "-" + COUNTER.incrementAndGet()).toAbsolutePath();
        Toolchain.delete(target);
        try (Stream<Path> walk = Files.walk(source)) {
            for (var file : walk.toList()) {
                var copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else if (file.getFileName().toString().equals("pom.xml")) {
                    Files.writeString(copy, Files.readString(file, StandardCharsets.UTF_8)
                            .replace("@pluginVersion@", System.getProperty("e2e.pluginVersion")), StandardCharsets.UTF_8);
                } else {
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        var common = Path.of("src", "test", "e2e", "common-context");
        if (!Files.exists(target.resolve("context"))) {
            Files.createDirectories(target.resolve("context"));
            try (Stream<Path> files = Files.list(common)) {
                for (var file : files.toList()) {
                    Files.copy(file, target.resolve("context").resolve(file.getFileName()));
                }
            }
        }
        return new FixtureProject(target);
    }

    /**
     * Makes the copy a git repository with one commit of everything (build output ignored) and,
     * when asked, a bare repository next to it as {@code origin}.
     */
    public FixtureProject initGit(boolean withOrigin) throws IOException {
        Files.writeString(file(".gitignore"), "target/\n*.log\ne2e-settings.xml\n");
        if (withOrigin) {
            var origin = directory.resolveSibling(directory.getFileName() + "-origin.git");
            Toolchain.delete(origin);
            var bare = Toolchain.run(List.of("git", "init", "-q", "--bare", origin.toString()), 60);
            if (bare.code() != 0) {
                throw new IOException("git init --bare: " + bare.output());
            }
        }
        git("init", "-q", "-b", "main");
        git("config", "user.email", "e2e@example.org");
        git("config", "user.name", "E2E");
        if (withOrigin) {
            git("remote", "add", "origin", directory.resolveSibling(directory.getFileName() + "-origin.git").toString());
        }
        git("add", "-A");
        git("commit", "-q", "-m", "fixture");
        return this;
    }

    /**
     * A fresh clone of this repository checked out at {@code ref}, next to it: what someone else
     * rebuilding a release starts from (nothing of this copy's build output comes along).
     */
    public FixtureProject cloneAt(String ref) throws IOException {
        var target = directory.resolveSibling(directory.getFileName() + "-clone-" + COUNTER.incrementAndGet());
        Toolchain.delete(target);
        var clone = Toolchain.run(List.of("git", "clone", "-q", directory.toString(), target.toString()), 60);
        if (clone.code() != 0) {
            throw new IOException("git clone: " + clone.output());
        }
        var copy = new FixtureProject(target);
        copy.git("checkout", "-q", ref);
        copy.servers = servers;
        return copy;
    }

    /** Runs git in the copy; fails on a non-zero exit. Returns the trimmed output. */
    public String git(String... args) throws IOException {
        var command = new java.util.ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(args));
        var result = Toolchain.run(command, 60);
        if (result.code() != 0) {
            throw new IOException("git " + String.join(" ", args) + ": " + result.output());
        }
        return result.output().trim();
    }

    public Path directory() {
        return directory;
    }

    /** Adds a {@code <server>} to the settings the runs use (the password as given: plain or encrypted). */
    public FixtureProject server(String id, String username, String password) {
        servers += "<server><id>" + id + "</id><username>" + username + "</username><password>" + password
                + "</password></server>\n";
        return this;
    }

    /** Forgets the servers added so far. */
    public FixtureProject clearServers() {
        servers = "";
        return this;
    }

    public Path file(String relative) {
        return directory.resolve(relative);
    }

    /** Runs Maven with these goals and -D properties; returns the exit code and the whole log. */
    public Run maven(List<String> goals, Properties properties) throws IOException, MavenInvocationException {
        return maven(goals, properties, java.util.Map.of());
    }

    /** As {@link #maven(List, Properties)}, with extra environment variables for the Maven process. */
    public Run maven(List<String> goals, Properties properties, java.util.Map<String, String> environment)
            throws IOException, MavenInvocationException {
        var log = directory.resolve("build-" + COUNTER.incrementAndGet() + ".log");
        var request = new DefaultInvocationRequest()
                .setBaseDirectory(directory.toFile())
                .setPomFile(directory.resolve("pom.xml").toFile())
                .setGoals(goals)
                .setProperties(properties)
                .setBatchMode(true)
                .setLocalRepositoryDirectory(new File(System.getProperty("e2e.localRepository")))
                .setUserSettingsFile(settings().toFile())
                .addArg("-ntp");
        environment.forEach(request::addShellEnvironment);
        try (var writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            request.setOutputHandler(line -> {
                writer.write(line);
                writer.newLine();
            });
            request.setErrorHandler(line -> {
                writer.write(line);
                writer.newLine();
            });
            var invoker = new DefaultInvoker().setMavenHome(new File(System.getProperty("maven.home")));
            var result = invoker.execute(request);
            writer.flush();
            return new Run(result.getExitCode(), Files.readString(log, StandardCharsets.UTF_8), log);
        }
    }

    public Run maven(String goal, String... properties) throws IOException, MavenInvocationException {
        var props = new Properties();
        for (var property : properties) {
            int eq = property.indexOf('=');
            props.setProperty(property.substring(0, eq), property.substring(eq + 1));
        }
        return maven(List.of(goal), props);
    }

    /** Settings that resolve everything else from the repository the outer build uses. */
    private Path settings() throws IOException {
        var remote = Path.of(System.getProperty("e2e.remoteRepository")).toUri().toString();
        var file = directory.resolve("e2e-settings.xml");
        Files.writeString(file, """
                <settings>
                  <servers>%2$s</servers>
                  <profiles>
                    <profile>
                      <id>outer-repository</id>
                      <activation><activeByDefault>true</activeByDefault></activation>
                      <repositories><repository><id>outer</id><url>%1$s</url></repository></repositories>
                      <pluginRepositories><pluginRepository><id>outer</id><url>%1$s</url></pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <pluginGroups><pluginGroup>io.github.mikrotiktailscale</pluginGroup></pluginGroups>
                </settings>
                """.formatted(remote, servers), StandardCharsets.UTF_8);
        return file;
    }

    /** One Maven run: exit code and log. */
    public record Run(int exitCode, String log, Path logFile) {

        public boolean succeeded() {
            return exitCode == 0;
        }

        @Override
        public String toString() {
            return "Maven exited " + exitCode + "; log " + logFile;
        }
    }
}
