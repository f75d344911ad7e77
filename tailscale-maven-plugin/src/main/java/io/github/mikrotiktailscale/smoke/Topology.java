package io.github.mikrotiktailscale.smoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The smoke tailnet's network, all of it inside namespaces the run creates:
 *
 * <pre>
 *   control (10.98.0.1, bridge)
 *     ├── node A 10.98.0.11 ── eth1 10.98.200.1 ── test host 10.98.200.10 (+ 198.51.100.10, "the internet")
 *     ├── node B 10.98.0.12
 *     └── node C, D ... 10.98.0.13 and up (interactive login, peers coming and going, private CA)
 * </pre>
 *
 * Node A advertises 10.98.200.0/24 and the exit node role; its default route leads to the test
 * host, which also holds 198.51.100.10: an address B reaches only through the exit node. The
 * control servers (HTTP, and HTTPS with a private CA), DERP and STUN listen on 10.98.0.1;
 * nothing touches the host's network.
 */
final class Topology {

    static final String CONTROL_ADDRESS = "10.98.0.1";
    static final String LAN_PREFIX = "/24";
    static final String SUBNET = "10.98.200.0/24";
    static final String SUBNET_ROUTER_ADDRESS = "10.98.200.1";
    static final String TEST_HOST = "10.98.200.10";
    static final String INTERNET_HOST = "198.51.100.10";
    /** A name only the DNS server on node A's side knows; it answers with the "internet" host. */
    static final String PRIVATE_NAME = "secret.behind-a.test";
    static final String MAGIC_DNS_DOMAIN = "smoke.test";
    static final String MAGIC_DNS_ADDRESS = "100.100.100.100";
    /** Node B's host number: the control host's MagicDNS route leads to it. */
    static final int NODE_B = 12;
    static final String BRIDGE = "br0";
    static final int CONTROL_PORT = 8080;
    static final int INTERACTIVE_PORT = 8081;
    /** The control server over HTTPS with a private CA (a self-hosted one with its own CA). */
    static final int PRIVATE_CA_PORT = 8444;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A route through a gateway on the link. */
    record Route(String destination, String gateway) {}

    private Topology() {}

    static String controlUrl() {
        return "http://" + CONTROL_ADDRESS + ":" + CONTROL_PORT;
    }

    static String interactiveUrl() {
        return "http://" + CONTROL_ADDRESS + ":" + INTERACTIVE_PORT;
    }

    static String privateCaUrl() {
        return "https://" + CONTROL_ADDRESS + ":" + PRIVATE_CA_PORT;
    }

    /** The LAN address of the node with this number (A is 11, B 12, and so on). */
    static String lanAddress(int host) {
        return "10.98.0." + host;
    }

    /** The bridge in the control container's namespace. */
    static String bridge(int controlPid) {
        var root = JSON.createObjectNode();
        var bridge = root.putArray("bridges").addObject();
        bridge.put("pid", controlPid);
        bridge.put("name", BRIDGE);
        bridge.putArray("addrs").add(CONTROL_ADDRESS + LAN_PREFIX);
        // the control host also plays a router behind node B: its MagicDNS questions go to node B,
        // as RouterOS sends *.ts.net to the container (the answer comes from B's resolver)
        var route = bridge.putArray("routes").addObject();
        route.put("dst", MAGIC_DNS_ADDRESS + "/32");
        route.put("via", lanAddress(NODE_B));
        return root.toString();
    }

    /**
     * A node's LAN link to the bridge; with {@code testHostPid > 0} also the subnet link to the
     * test host (node A). {@code tag} keeps the bridge-side names unique across restarts.
     */
    static String node(int controlPid, int nodePid, int host, String tag, int testHostPid) {
        var root = JSON.createObjectNode();
        root.putArray("bridges");
        var links = root.putArray("links");
        var lan = links.addObject();
        end(lan.putObject("a"), controlPid, "v" + tag, List.of(), BRIDGE, List.of());
        end(lan.putObject("b"), nodePid, "eth0", List.of(lanAddress(host) + LAN_PREFIX), "", List.of());
        if (testHostPid > 0) {
            var subnet = links.addObject();
            end(subnet.putObject("a"), nodePid, "eth1", List.of(SUBNET_ROUTER_ADDRESS + "/24"), "",
                    List.of(new Route("0.0.0.0/0", TEST_HOST)));
            // as a RouterOS router routes its *.ts.net queries to the container
            end(subnet.putObject("b"), testHostPid, "eth0", List.of(TEST_HOST + "/24", INTERNET_HOST + "/32"), "",
                    List.of(new Route(MAGIC_DNS_ADDRESS + "/32", SUBNET_ROUTER_ADDRESS)));
        }
        return root.toString();
    }

    private static void end(ObjectNode end, int pid, String name, List<String> addresses, String bridge,
            List<Route> routes) {
        end.put("pid", pid);
        end.put("name", name);
        ArrayNode addrs = end.putArray("addrs");
        addresses.forEach(addrs::add);
        if (!bridge.isEmpty()) {
            end.put("bridge", bridge);
        }
        var routeArray = end.putArray("routes");
        for (var route : routes) {
            var r = routeArray.addObject();
            r.put("dst", route.destination());
            r.put("via", route.gateway());
        }
    }
}
