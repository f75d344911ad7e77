package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TopologyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theBridgeLivesInTheControlServersNamespace() throws Exception {
        var wiring = JSON.readTree(Topology.bridge(4711));

        assertThat(wiring.path("bridges").get(0).path("pid").asInt()).isEqualTo(4711);
        assertThat(wiring.path("bridges").get(0).path("addrs").get(0).asText()).isEqualTo("10.98.0.1/24");
        assertThat(wiring.path("links")).isEmpty();
    }

    @Test
    void aNodeGetsALanLinkAndTheSubnetRouterAlsoTheTestHostBehindIt() throws Exception {
        var plain = JSON.readTree(Topology.node(10, 20, 12, "3", 0));
        assertThat(plain.path("links")).hasSize(1);
        var lan = plain.path("links").get(0);
        assertThat(lan.path("a").path("bridge").asText()).isEqualTo("br0");
        assertThat(lan.path("a").path("name").asText()).isEqualTo("v3");
        assertThat(lan.path("b").path("addrs").get(0).asText()).isEqualTo("10.98.0.12/24");

        var router = JSON.readTree(Topology.node(10, 21, 11, "4", 30));
        var subnet = router.path("links").get(1);
        assertThat(subnet.path("a").path("pid").asInt()).isEqualTo(21);
        assertThat(subnet.path("a").path("addrs").get(0).asText()).isEqualTo("10.98.200.1/24");
        assertThat(subnet.path("a").path("routes").get(0).path("via").asText()).isEqualTo(Topology.TEST_HOST);
        assertThat(subnet.path("b").path("pid").asInt()).isEqualTo(30);
        assertThat(subnet.path("b").path("addrs")).extracting(n -> n.asText())
                .containsExactly("10.98.200.10/24", "198.51.100.10/32");
    }

    @Test
    void theInternetHostIsOutsideTheAdvertisedSubnet() {
        // or node B would reach it through the subnet route and the exit-node check would prove nothing
        assertThat(Topology.INTERNET_HOST).doesNotStartWith("10.98.200.");
        assertThat(Topology.controlUrl()).isEqualTo("http://10.98.0.1:8080");
    }
}
