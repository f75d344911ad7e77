package io.github.mikrotiktailscale.release;

import io.github.mikrotiktailscale.docker.Exec;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.process.ProcessLimit;
import io.github.mikrotiktailscale.process.ProcessTimedOut;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The git CLI on one work tree: what release tagging needs, nothing more. */
public final class GitRepository {

    /** Local commands answer in moments; a hung one (a lock, a hook) must not hang the release. */
    static final ProcessLimit LOCAL = ProcessLimit.total(Duration.ofMinutes(1));
    /** A tag push is small: minutes mean a remote or a credential helper that does not answer. */
    static final ProcessLimit NETWORK = ProcessLimit.total(Duration.ofMinutes(3));

    private final Exec exec;
    private final Path directory;
    private final String git;

    public GitRepository(Exec exec, Path directory, String git) {
        this.exec = exec;
        this.directory = directory;
        this.git = git;
    }

    public Path directory() {
        return directory;
    }

    /** The commit HEAD points at; fails when this is not a git work tree. */
    public String head() throws EnvironmentException {
        var out = run("rev-parse", "--verify", "HEAD^{commit}");
        if (out.code() != 0) {
            throw new EnvironmentException(directory + " is not inside a git work tree with a commit ("
                    + out.text() + ").", "Release from a clone of the project's repository.");
        }
        return out.text();
    }

    /**
     * The committer time of HEAD, the reproducible builds' {@code SOURCE_DATE_EPOCH}; empty when this
     * is not a git work tree with a commit (or git cannot be run).
     */
    public java.util.Optional<SourceDate> commitDate() {
        try {
            var out = run("log", "-1", "--format=%ct %H");
            var parts = out.text().split(" ");
            if (out.code() != 0 || parts.length != 2 || !parts[0].matches("[0-9]+")) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new SourceDate(Long.parseLong(parts[0]),
                    "commit " + parts[1].substring(0, Math.min(12, parts[1].length()))));
        } catch (EnvironmentException e) {
            return java.util.Optional.empty();
        }
    }

    /** Files changed or not yet tracked, as {@code git status --porcelain} lists them. */
    public List<String> changes() throws EnvironmentException {
        var out = check(run("status", "--porcelain", "--untracked-files=normal"), "status");
        return out.lines().stream().filter(l -> !l.isBlank()).toList();
    }

    /** Every tag with the commit it points at (annotated tags peeled). */
    public Map<String, String> tags() throws EnvironmentException {
        var out = check(run("for-each-ref", "refs/tags",
                "--format=%(refname:strip=2) %(objectname) %(*objectname)"), "for-each-ref");
        var tags = new LinkedHashMap<String, String>();
        for (var line : out.lines()) {
            var parts = line.trim().split(" ");
            if (parts.length >= 2) {
                tags.put(parts[0], parts.length >= 3 && !parts[2].isEmpty() ? parts[2] : parts[1]);
            }
        }
        return tags;
    }

    public void createAnnotatedTag(String name, String message) throws EnvironmentException {
        check(run("tag", "--annotate", "--message", message, name), "tag " + name);
    }

    public void deleteTag(String name) throws EnvironmentException {
        check(run("tag", "--delete", name), "tag --delete " + name);
    }

    /** Pushes one tag; the remote's credentials are git's business (credential helper, SSH agent). */
    public void pushTag(String remote, String name) throws EnvironmentException {
        var out = run(NETWORK, "push", remote, "refs/tags/" + name);
        if (out.code() != 0) {
            throw new EnvironmentException("git push " + remote + " " + name + " failed: " + out.text(),
                    "Check that the remote '" + remote + "' exists and that git can authenticate to it, then push"
                            + " the tag with 'git push " + remote + " " + name + "'.");
        }
    }

    private Output check(Output out, String what) throws EnvironmentException {
        if (out.code() != 0) {
            throw new EnvironmentException("git " + what + " failed in " + directory + ": " + out.text(),
                    "Run it by hand in that directory to see why.");
        }
        return out;
    }

    private Output run(String... args) throws EnvironmentException {
        return run(LOCAL, args);
    }

    private Output run(ProcessLimit limit, String... args) throws EnvironmentException {
        var command = new ArrayList<String>();
        command.add(git);
        command.addAll(List.of(args));
        var lines = new ArrayList<String>();
        try {
            // A fixed locale keeps git's messages parseable; no pager, no prompts.
            int code = exec.run(command, directory, Map.of("LC_ALL", "C", "GIT_TERMINAL_PROMPT", "0",
                    "GIT_PAGER", "cat"), lines::add, limit);
            return new Output(code, lines);
        } catch (ProcessTimedOut e) {
            throw new EnvironmentException("git " + args[0] + " in " + directory + " " + limit.describe()
                    + " and was stopped.", "Check that the remote answers and that git gets its credentials without"
                            + " asking (a credential helper or SSH agent; it never prompts here), then run 'git "
                            + String.join(" ", args) + "' by hand to see where it hangs.", e);
        } catch (IOException e) {
            throw new EnvironmentException("git cannot be run: " + e.getMessage(),
                    "Install git (Debian: apt-get install git) or name it with -Dtailscale.gitCommand.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while running git.", "", e);
        }
    }

    private record Output(int code, List<String> lines) {
        String text() {
            return String.join("\n", lines).trim();
        }
    }
}
