package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarnessOutputTest {

    @Test
    void pingKeepsEveryRoundTripAndTheErrors() {
        var ping = HarnessOutput.ping(List.of(
                "{\"event\":\"ping\",\"ms\":8.2,\"seq\":1}",
                "{\"error\":\"read ip4 0.0.0.0: i/o timeout\",\"event\":\"ping\",\"seq\":2}",
                "{\"event\":\"ping\",\"ms\":1.0,\"seq\":3}",
                "{\"event\":\"ping\",\"ms\":1.2,\"seq\":4}",
                "{\"event\":\"ping-summary\",\"received\":3,\"rttMs\":[8.2,1.0,1.2],\"sent\":4}"));

        assertThat(ping.sent()).isEqualTo(4);
        assertThat(ping.received()).isEqualTo(3);
        assertThat(ping.medianMs()).isEqualTo(1.2);
        assertThat(ping.minMs()).isEqualTo(1.0);
        assertThat(ping.maxMs()).isEqualTo(8.2);
        assertThat(ping.errors()).containsExactly("read ip4 0.0.0.0: i/o timeout");
        assertThat(ping.describe()).isEqualTo("3 of 4 echo replies, round trip median 1.20 ms (1.00..8.20)");
    }

    @Test
    void aPingWithoutRepliesSaysWhy() {
        var ping = HarnessOutput.ping(List.of(
                "{\"error\":\"write ip4 0.0.0.0->198.51.100.10: sendto: network is unreachable\",\"event\":\"ping\",\"seq\":1}",
                "{\"event\":\"ping-summary\",\"received\":0,\"rttMs\":null,\"sent\":1}"));

        assertThat(ping.received()).isZero();
        assertThat(ping.medianMs()).isNaN();
        assertThat(ping.describe()).isEqualTo("0 of 1 echo replies (write ip4 0.0.0.0->198.51.100.10: sendto: network is"
                + " unreachable)");
    }

    @Test
    void resolutionReadsAnswersErrorsAndWhatIsNotTheHarnessAtAll() {
        var answered = HarnessOutput.resolution(List.of("{\"addresses\":[\"100.64.0.1\"],\"event\":\"resolved\","
                + "\"ms\":0.9,\"name\":\"node-a.smoke.test\",\"rcode\":\"NOERROR\",\"server\":\"100.100.100.100\"}"));
        assertThat(answered.answered("100.64.0.1")).isTrue();
        assertThat(answered.answered("100.64.0.2")).isFalse();
        assertThat(answered.describe()).isEqualTo("node-a.smoke.test via 100.100.100.100: NOERROR 100.64.0.1");

        var timeout = HarnessOutput.resolution(List.of("{\"error\":\"read udp 10.98.0.12:41234->100.100.100.100:53:"
                + " i/o timeout\",\"event\":\"resolved\",\"name\":\"x\",\"server\":\"100.100.100.100\"}"));
        assertThat(timeout.answered("100.64.0.1")).isFalse();
        assertThat(timeout.describe()).contains("i/o timeout");

        var nxdomain = HarnessOutput.resolution(List.of("{\"event\":\"resolved\",\"name\":\"x\",\"rcode\":\"NXDOMAIN\","
                + "\"server\":\"100.100.100.100\"}"));
        assertThat(nxdomain.describe()).isEqualTo("x via 100.100.100.100: NXDOMAIN");

        var broken = HarnessOutput.resolution(List.of("OCI runtime exec failed: exec: \"/smoke/tailnet-harness\": not found"));
        assertThat(broken.error()).contains("OCI runtime exec failed");
    }

    @Test
    void watcherEventsAndSnapshotsSkipForeignLines() {
        var lines = List.of(
                "{\"dir\":false,\"event\":\"file-before\",\"mtime\":\"2026-11-24T21:27:59.19Z\",\"path\":\"tailscaled.state\",\"size\":2594}",
                "{\"dir\":\"/state\",\"event\":\"watching\"}",
                "not json at all",
                "{broken json",
                "{\"event\":\"change\",\"op\":\"create\",\"path\":\"tailscaled.state.tmp42\",\"size\":0,\"time\":\"2026-11-24T21:30:00Z\"}",
                "{\"event\":\"change\",\"op\":\"delete\",\"path\":\"gone\",\"time\":\"2026-11-24T21:30:01Z\"}",
                "{\"dir\":true,\"event\":\"file-after\",\"mtime\":\"2026-11-24T21:27:59Z\",\"path\":\"profiles\",\"size\":4096}");

        assertThat(HarnessOutput.changes(lines)).containsExactly(
                new HarnessOutput.Change("create", "tailscaled.state.tmp42", 0, Instant.parse("2026-11-24T21:30:00Z")),
                new HarnessOutput.Change("delete", "gone", -1, Instant.parse("2026-11-24T21:30:01Z")));
        assertThat(HarnessOutput.snapshot(lines, "before")).singleElement()
                .extracting(HarnessOutput.Entry::path, HarnessOutput.Entry::size).containsExactly("tailscaled.state", 2594L);
        assertThat(HarnessOutput.snapshot(lines, "after")).singleElement()
                .extracting(HarnessOutput.Entry::directory).isEqualTo(true);
        assertThat(HarnessOutput.first(lines, "watching")).isPresent();
    }
}
