package io.github.mikrotiktailscale.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.docker.ProcessExec;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceDateTest {

    @TempDir
    Path dir;

    @Test
    void theCommitsTimeUnlessAValueIsGivenAnd1970OutsideGit() throws Exception {
        var commit = Optional.of(new SourceDate(1_795_000_000L, "commit abc"));

        assertThat(SourceDate.resolve(null, commit)).isEqualTo(commit.get());
        assertThat(SourceDate.resolve(" 1700000000 ", commit).epochSeconds()).isEqualTo(1_700_000_000L);
        assertThat(SourceDate.resolve("", Optional.empty())).isEqualTo(SourceDate.UNKNOWN);
        assertThat(SourceDate.UNKNOWN.iso()).isEqualTo("1970-01-01T00:00:00Z");
    }

    @Test
    void aValueThatIsNoTimeIsRefusedByName() {
        assertThatThrownBy(() -> SourceDate.resolve("2026-11-29", Optional.empty()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'2026-11-29' is not a SOURCE_DATE_EPOCH");
    }

    @Test
    void gitGivesTheCommittersTimeAndNothingOutsideARepository() throws Exception {
        var git = new GitRepository(new ProcessExec(), dir, "git");
        assertThat(git.commitDate()).isEmpty();

        run("git", "init", "-q");
        Files.writeString(dir.resolve("a"), "a");
        run("git", "add", "a");
        run("git", "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "a");

        var date = git.commitDate().orElseThrow();
        assertThat(date.epochSeconds()).isEqualTo(1_790_000_000L);
        assertThat(date.origin()).startsWith("commit ");
    }

    private void run(String... command) throws Exception {
        var process = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
        process.environment().putAll(Map.of("GIT_COMMITTER_DATE", "@1790000000 +0000", "GIT_AUTHOR_DATE",
                "@1700000000 +0000"));
        var started = process.start();
        started.getInputStream().readAllBytes();
        assertThat(started.waitFor()).isZero();
    }
}
