package io.github.mikrotiktailscale.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.docker.Exec;
import io.github.mikrotiktailscale.problem.EnvironmentException;
import io.github.mikrotiktailscale.process.ProcessLimit;
import io.github.mikrotiktailscale.process.ProcessTimedOut;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every git call has a limit; one that runs past it fails with the command named. */
class GitRepositoryTest {

    /** Records the limits git is run with; the push "hangs" past its limit. */
    private static final class LimitedGit implements Exec {
        final List<ProcessLimit> limits = new ArrayList<>();

        @Override
        public int run(List<String> command, Path directory, Map<String, String> environment, Consumer<String> lines) {
            throw new AssertionError("git must always be run with a limit: " + command);
        }

        @Override
        public int run(List<String> command, Path directory, Map<String, String> environment, Consumer<String> lines,
                ProcessLimit limit) throws ProcessTimedOut {
            limits.add(limit);
            if (command.get(1).equals("push")) {
                throw new ProcessTimedOut(command, limit);
            }
            lines.accept("0123456789abcdef0123456789abcdef01234567");
            return 0;
        }
    }

    @Test
    void localCommandsGetAMinuteAndAHangingPushIsStoppedWithItsCommandNamed() throws Exception {
        var exec = new LimitedGit();
        var git = new GitRepository(exec, Path.of("/work/tree"), "git");

        git.head();
        assertThatThrownBy(() -> git.pushTag("origin", "v1.98.3-mt.1"))
                .isInstanceOf(EnvironmentException.class)
                .hasMessage("git push in /work/tree did not finish within 3 min and was stopped.")
                .satisfies(e -> assertThat(((EnvironmentException) e).suggestion())
                        .contains("git push origin refs/tags/v1.98.3-mt.1"));
        assertThat(exec.limits).containsExactly(ProcessLimit.total(Duration.ofMinutes(1)),
                ProcessLimit.total(Duration.ofMinutes(3)));
    }
}
