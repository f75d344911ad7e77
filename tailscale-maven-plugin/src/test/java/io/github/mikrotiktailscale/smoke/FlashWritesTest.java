package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mikrotiktailscale.smoke.HarnessOutput.Change;
import io.github.mikrotiktailscale.smoke.HarnessOutput.Entry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlashWritesTest {

    private static final Instant FROM = Instant.parse("2026-11-24T12:00:00Z");
    private static final Instant TO = FROM.plusSeconds(120);
    private static final String STATE = "tailscaled.state";

    private static Change at(int second, String op, String path, long size) {
        return new Change(op, path, size, FROM.plusSeconds(second));
    }

    /** How tailscaled rewrites a file: a temporary file beside it, written, closed, renamed over it. */
    private static List<Change> atomicWrite(int second, String file, long size) {
        var temporary = file + ".tmp" + (1000 + second);
        return List.of(at(second, "create", temporary, 0), at(second, "modify", temporary, size),
                at(second, "close-write", temporary, size), at(second, "moved-from", temporary, -1),
                at(second, "moved-to", file, size));
    }

    @Test
    void nothingWrittenPasses() {
        var writes = FlashWrites.assess(STATE, FROM, TO, List.of(), List.of(new Entry(STATE, 2594, false, FROM)));

        assertThat(writes.passed()).isTrue();
        assertThat(writes.bytes()).isZero();
        assertThat(writes.bytesPerMinute()).isZero();
        assertThat(writes.describe(STATE)).isEqualTo("nothing written in 120 s");
        assertThat(writes.otherFiles(STATE)).isEmpty();
    }

    @Test
    void stateFileRewritesThroughTemporaryFilesPassAndAreCounted() {
        var changes = new java.util.ArrayList<Change>();
        changes.addAll(atomicWrite(10, STATE, 2600));
        changes.addAll(atomicWrite(70, STATE, 2700));

        var writes = FlashWrites.assess(STATE, FROM, TO, changes, List.of());

        assertThat(writes.passed()).isTrue();
        assertThat(writes.fileWrites()).isEqualTo(2);
        assertThat(writes.bytes()).isEqualTo(5300);
        assertThat(writes.bytesPerMinute()).isEqualTo(2650.0);
        assertThat(writes.describe(STATE)).isEqualTo("2 writes, 5300 bytes in 120 s (tailscaled.state: 2x, 5300 bytes)");
    }

    @Test
    void anyOtherFileInTheWindowFails() {
        var changes = new java.util.ArrayList<Change>();
        changes.addAll(atomicWrite(5, STATE, 2600));
        changes.addAll(atomicWrite(30, "profile-1234/netmap-cache", 90_000));
        changes.add(at(40, "create", "logs", 0));

        var writes = FlashWrites.assess(STATE, FROM, TO, changes, List.of());

        assertThat(writes.passed()).isFalse();
        assertThat(writes.unexpected()).containsExactly("logs", "profile-1234/netmap-cache");
        assertThat(writes.describe(STATE)).endsWith("; besides tailscaled.state: logs, profile-1234/netmap-cache");
    }

    @Test
    void writesBeforeTheWindowAreListedButDoNotFail() {
        var changes = new java.util.ArrayList<Change>();
        changes.addAll(atomicWrite(-60, STATE, 2500));
        changes.addAll(atomicWrite(-59, "derpmap.cached.json", 253));
        changes.add(at(121, "close-write", "after-the-window", 10));

        var writes = FlashWrites.assess(STATE, FROM, TO, changes, List.of(new Entry(STATE, 2500, false, FROM),
                new Entry("derpmap.cached.json", 253, false, FROM), new Entry("profiles", 4096, true, FROM)));

        assertThat(writes.passed()).isTrue();
        assertThat(writes.beforeWindow()).containsExactly("derpmap.cached.json", STATE);
        assertThat(writes.otherFiles(STATE)).containsExactly("derpmap.cached.json (253 bytes)");
        assertThat(writes.writes()).isEmpty();
    }

    @Test
    void temporaryNamesBecomeTheirTarget() {
        assertThat(FlashWrites.target("tailscaled.state.tmp2582761138")).isEqualTo(STATE);
        assertThat(FlashWrites.target("derpmap.cached.json.tmp1")).isEqualTo("derpmap.cached.json");
        assertThat(FlashWrites.target("notes.tmpfile")).isEqualTo("notes.tmpfile");
    }
}
