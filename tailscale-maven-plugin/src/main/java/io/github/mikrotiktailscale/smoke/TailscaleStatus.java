package io.github.mikrotiktailscale.smoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code tailscale status --json} says, as far as the smoke checks need it.
 *
 * @param backendState {@code NeedsLogin}, {@code Starting}, {@code Running}, ...
 * @param health the daemon's health warnings
 */
public record TailscaleStatus(String backendState, Node self, List<Node> peers, List<String> health,
        String magicDnsSuffix, String authUrl) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A node as the status shows it.
     *
     * @param id the stable node id; the same id after a restart means the same node, no new login
     * @param dnsName the MagicDNS name with its trailing dot
     * @param primaryRoutes the subnet routes the control server gave this node
     * @param exitNode true when this peer is the exit node in use
     * @param exitNodeOption true when this peer offers itself as an exit node
     */
    public record Node(String id, String publicKey, String hostName, String dnsName, List<String> addresses,
            List<String> primaryRoutes, boolean exitNode, boolean exitNodeOption, boolean online) {

        /** The first IPv4 address, or empty. */
        public String ipv4() {
            return addresses.stream().filter(a -> a.indexOf(':') < 0).findFirst().orElse("");
        }
    }

    /** Reads the output of {@code tailscale status --json}; everything before the first brace is ignored. */
    public static TailscaleStatus parse(String output) {
        int start = output.indexOf('{');
        if (start < 0) {
            throw new IllegalArgumentException("no JSON in the status output: " + firstLine(output));
        }
        JsonNode root;
        try {
            root = JSON.readTree(output.substring(start));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the status output is not JSON: " + e.getOriginalMessage(), e);
        }
        var peers = new ArrayList<Node>();
        root.path("Peer").forEach(peer -> peers.add(node(peer)));
        var health = new ArrayList<String>();
        root.path("Health").forEach(h -> health.add(h.asText()));
        return new TailscaleStatus(root.path("BackendState").asText(""),
                root.hasNonNull("Self") ? node(root.path("Self")) : null, List.copyOf(peers), List.copyOf(health),
                root.path("MagicDNSSuffix").asText(""), root.path("AuthURL").asText(""));
    }

    private static Node node(JsonNode n) {
        return new Node(n.path("ID").asText(""), n.path("PublicKey").asText(""), n.path("HostName").asText(""),
                n.path("DNSName").asText(""), strings(n.path("TailscaleIPs")), strings(n.path("PrimaryRoutes")),
                n.path("ExitNode").asBoolean(false), n.path("ExitNodeOption").asBoolean(false),
                n.path("Online").asBoolean(false));
    }

    private static List<String> strings(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(v -> values.add(v.asText()));
        return List.copyOf(values);
    }

    private static String firstLine(String text) {
        var line = text.strip().lines().findFirst().orElse("");
        return line.isEmpty() ? "(nothing)" : line;
    }

    public boolean running() {
        return "Running".equals(backendState);
    }

    /** The peer with this host name. */
    public Optional<Node> peer(String hostName) {
        return peers.stream().filter(p -> p.hostName().equals(hostName)).findFirst();
    }
}
