package io.github.mikrotiktailscale.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real programs (sh, sleep) under the runner's limits. */
class ProcessRunnerTest {

    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());

    private int run(ProcessLimit limit, byte[] stdin, boolean separate, String script) throws Exception {
        return ProcessRunner.run(List.of("sh", "-c", script), null, Map.of(), stdin, limit, out::add,
                separate ? err::add : null);
    }

    @Test
    void aProgramPastItsTotalLimitIsStoppedAndNamed() {
        long started = System.nanoTime();

        assertThatThrownBy(() -> ProcessRunner.run(List.of("sleep", "30"), null, Map.of(), null,
                ProcessLimit.total(Duration.ofMillis(300)), out::add, null))
                .isInstanceOf(ProcessTimedOut.class)
                .hasMessage("'sleep 30' did not finish within 300 ms and was stopped");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void whatTheProgramStartedIsStoppedWithIt(@TempDir Path dir) throws Exception {
        var pidFile = dir.resolve("child.pid");

        assertThatThrownBy(() -> run(ProcessLimit.total(Duration.ofMillis(500)), null, false,
                "sleep 60 & echo $! > " + pidFile + "; wait"))
                .isInstanceOf(ProcessTimedOut.class)
                .hasMessageStartingWith("'sh' did not finish within 500 ms");
        var child = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        if (child.isPresent()) {
            child.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(child.map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void aSilenceLimitLetsATalkativeProgramRunLongerThanTheLimit() throws Exception {
        long started = System.nanoTime();

        int code = run(ProcessLimit.silence(Duration.ofMillis(700)), null, false,
                "for i in 1 2 3 4 5 6 7 8; do echo step $i; sleep 0.2; done");

        assertThat(code).isZero();
        assertThat(out).hasSize(8);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(1400));
    }

    @Test
    void aSilenceLimitStopsAProgramThatFallsSilent() {
        assertThatThrownBy(() -> run(ProcessLimit.silence(Duration.ofMillis(400)), null, false,
                "echo starting; sleep 30"))
                .isInstanceOf(ProcessTimedOut.class)
                .hasMessage("'sh' printed nothing for 400 ms and was stopped");
        assertThat(out).first().isEqualTo("starting");
    }

    @Test
    void feedsStdinAndKeepsTheStreamsApartWhenAsked() throws Exception {
        int code = run(ProcessLimit.total(Duration.ofSeconds(10)), "ghcr.io\n".getBytes(StandardCharsets.UTF_8), true,
                "read server; echo noise >&2; echo \"{\\\"server\\\":\\\"$server\\\"}\"; exit 3");

        assertThat(code).isEqualTo(3);
        assertThat(out).containsExactly("{\"server\":\"ghcr.io\"}");
        assertThat(err).containsExactly("noise");
    }

    @Test
    void mergesTheStreamsByDefault() throws Exception {
        run(ProcessLimit.total(Duration.ofSeconds(10)), null, false, "echo one; echo two >&2");

        assertThat(out).containsExactlyInAnyOrder("one", "two");
    }

    @Test
    void aConsumerThatThrowsDoesNotLeaveTheProgramBlockedOnAFullPipe() {
        // 200 kB of output: far more than a pipe holds, so the program needs its reader to go on
        assertThatThrownBy(() -> ProcessRunner.run(List.of("sh", "-c", "yes line | head -c 200000"), null, Map.of(),
                null, ProcessLimit.total(Duration.ofSeconds(20)), line -> {
                    throw new IllegalStateException("stop reading");
                }, null))
                .isInstanceOf(IllegalStateException.class).hasMessage("stop reading");
    }

    @Test
    void namesTheProgramAndItsSubcommandOnly() {
        assertThat(ProcessTimedOut.name(List.of("/usr/bin/git", "push", "origin", "refs/tags/v1"))).isEqualTo("git push origin");
        assertThat(ProcessTimedOut.name(List.of("docker", "buildx", "build", "--platform", "x"))).isEqualTo("docker buildx build");
        assertThat(ProcessTimedOut.name(List.of("git", "--no-pager", "log"))).isEqualTo("git");
        assertThat(ProcessLimit.human(Duration.ofHours(2))).isEqualTo("2 h");
        assertThat(ProcessLimit.human(Duration.ofSeconds(90))).isEqualTo("90 s");
    }
}
