package io.github.mikrotiktailscale.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a router reads from the manifest list: each entry's release tag and, when measured, its stored bytes. */
class ImagePublisherAnnotationsTest {

    private static final String LIST = """
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[
            {"mediaType":"m","size":1,"digest":"sha256:a","platform":{"architecture":"arm","os":"linux","variant":"v7"}},
            {"mediaType":"m","size":1,"digest":"sha256:b","platform":{"architecture":"arm64","os":"linux"}},
            {"mediaType":"m","size":1,"digest":"sha256:c","platform":{"architecture":"arm","os":"linux","variant":"v5"}}]}""";

    @Test
    void eachEntryCarriesTheTagAndItsOwnSize() throws Exception {
        var annotated = ImagePublisher.annotate(LIST.getBytes(StandardCharsets.UTF_8), "v1.98.3-mt.1",
                Map.of("armv7", 4_000_000L, "arm64", 4_100_000L, "armv5", 4_050_000L));
        var entries = new ObjectMapper().readTree(annotated).path("manifests");
        assertThat(entries.get(0).path("annotations").path(ImagePublisher.VERSION_ANNOTATION).asText())
                .isEqualTo("v1.98.3-mt.1");
        assertThat(entries.get(0).path("annotations").path(ImagePublisher.STORED_BYTES_ANNOTATION).asText())
                .isEqualTo("4000000");
        assertThat(entries.get(1).path("annotations").path(ImagePublisher.STORED_BYTES_ANNOTATION).asText())
                .isEqualTo("4100000");
        assertThat(entries.get(1).path("digest").asText()).isEqualTo("sha256:b");
        // the ARMv5 entry gets its own size, not armv7's: a router reads only its variant's entry
        assertThat(entries.get(2).path("annotations").path(ImagePublisher.STORED_BYTES_ANNOTATION).asText())
                .isEqualTo("4050000");
    }

    @Test
    void withoutMeasuredSizesOnlyTheTagIsPublishedAndTheResultIsDeterministic() throws Exception {
        var once = ImagePublisher.annotate(LIST.getBytes(StandardCharsets.UTF_8), "v1", Map.of());
        var twice = ImagePublisher.annotate(LIST.getBytes(StandardCharsets.UTF_8), "v1", Map.of());
        assertThat(once).isEqualTo(twice);
        var entry = new ObjectMapper().readTree(once).path("manifests").get(1);
        assertThat(entry.path("annotations").has(ImagePublisher.STORED_BYTES_ANNOTATION)).isFalse();
        assertThat(entry.path("annotations").path(ImagePublisher.VERSION_ANNOTATION).asText()).isEqualTo("v1");
    }
}
