package io.github.mikrotiktailscale.smoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads what the harness program prints: one JSON object a line, {@code "event"} saying which.
 * Other lines (the harness's errors, docker's) are skipped here and kept by the caller.
 */
public final class HarnessOutput {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HarnessOutput() {}

    /** Every JSON event in the lines, in order. */
    public static List<JsonNode> events(List<String> lines) {
        var events = new ArrayList<JsonNode>();
        for (var line : lines) {
            var text = line.strip();
            if (!text.startsWith("{")) {
                continue;
            }
            try {
                var node = JSON.readTree(text);
                if (node.hasNonNull("event")) {
                    events.add(node);
                }
            } catch (JsonProcessingException e) {
                // a line of someone else's output that happens to start with a brace
            }
        }
        return events;
    }

    /** The first event of this kind. */
    public static Optional<JsonNode> first(List<String> lines, String event) {
        return events(lines).stream().filter(e -> e.path("event").asText().equals(event)).findFirst();
    }

    /** The outcome of {@code ping}: every round trip and the errors. */
    public record Ping(int sent, int received, List<Double> rttMs, List<String> errors) {

        public double averageMs() {
            return rttMs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }

        /** The middle round trip: the first echo of a path pays for route and ARP setup. */
        public double medianMs() {
            if (rttMs.isEmpty()) {
                return Double.NaN;
            }
            var sorted = rttMs.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        public double minMs() {
            return rttMs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        public double maxMs() {
            return rttMs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        public String describe() {
            if (received == 0) {
                return "0 of " + sent + " echo replies" + (errors.isEmpty() ? "" : " (" + errors.get(0) + ")");
            }
            return received + " of " + sent + " echo replies, round trip median "
                    + String.format(java.util.Locale.ROOT, "%.2f ms (%.2f..%.2f)", medianMs(), minMs(), maxMs());
        }
    }

    public static Ping ping(List<String> lines) {
        var errors = new ArrayList<String>();
        int sent = 0;
        int received = 0;
        var rtts = new ArrayList<Double>();
        for (var event : events(lines)) {
            switch (event.path("event").asText()) {
                case "ping" -> {
                    if (event.has("error")) {
                        errors.add(event.path("error").asText());
                    }
                }
                case "ping-summary" -> {
                    sent = event.path("sent").asInt();
                    received = event.path("received").asInt();
                    event.path("rttMs").forEach(r -> rtts.add(r.asDouble()));
                }
                default -> { }
            }
        }
        return new Ping(sent, received, List.copyOf(rtts), List.copyOf(errors));
    }

    /** The outcome of {@code resolve}: the A records, or the DNS error, or the transport error. */
    public record Resolution(String name, String server, String rcode, List<String> addresses, String error) {

        public boolean answered(String address) {
            return error.isEmpty() && "NOERROR".equals(rcode) && addresses.contains(address);
        }

        public String describe() {
            if (!error.isEmpty()) {
                return name + " via " + server + ": " + error;
            }
            return name + " via " + server + ": " + rcode + (addresses.isEmpty() ? "" : " " + String.join(", ", addresses));
        }
    }

    public static Resolution resolution(List<String> lines) {
        var event = first(lines, "resolved").orElse(null);
        if (event == null) {
            var output = String.join(" ", lines).strip();
            return new Resolution("", "", "", List.of(), output.isEmpty() ? "no answer from the harness" : output);
        }
        var addresses = new ArrayList<String>();
        event.path("addresses").forEach(a -> addresses.add(a.asText()));
        return new Resolution(event.path("name").asText(), event.path("server").asText(), event.path("rcode").asText(""),
                List.copyOf(addresses), event.path("error").asText(""));
    }

    /** The outcome of {@code connect}: connected, refused, timeout or error. */
    public record Connection(String to, String outcome, double ms, String error) {

        public String describe() {
            return to + ": " + outcome + (error.isEmpty() ? "" : " (" + error + ")")
                    + String.format(java.util.Locale.ROOT, " after %.1f ms", ms);
        }
    }

    public static Connection connection(List<String> lines) {
        var event = first(lines, "connected").orElse(null);
        if (event == null) {
            var output = String.join(" ", lines).strip();
            return new Connection("", "error", 0, output.isEmpty() ? "no answer from the harness" : output);
        }
        return new Connection(event.path("to").asText(), event.path("outcome").asText(), event.path("ms").asDouble(),
                event.path("error").asText(""));
    }

    /**
     * One change the directory watcher saw.
     *
     * @param op {@code create}, {@code modify}, {@code close-write}, {@code moved-to}, {@code moved-from},
     *     {@code delete}, {@code attrib}
     * @param size the file's size right after the change, -1 when it was gone already
     */
    public record Change(String op, String path, long size, Instant time) {}

    public static List<Change> changes(List<String> lines) {
        var changes = new ArrayList<Change>();
        for (var event : events(lines)) {
            if (event.path("event").asText().equals("change")) {
                changes.add(new Change(event.path("op").asText(), event.path("path").asText(),
                        event.has("size") ? event.path("size").asLong() : -1, instant(event.path("time").asText())));
            }
        }
        return changes;
    }

    /** A file of the watched directory when the watcher started ({@code before}) or stopped ({@code after}). */
    public record Entry(String path, long size, boolean directory, Instant modified) {}

    public static List<Entry> snapshot(List<String> lines, String when) {
        var entries = new ArrayList<Entry>();
        for (var event : events(lines)) {
            if (event.path("event").asText().equals("file-" + when)) {
                entries.add(new Entry(event.path("path").asText(), event.path("size").asLong(),
                        event.path("dir").asBoolean(), instant(event.path("mtime").asText())));
            }
        }
        return entries;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
