package io.github.mikrotiktailscale.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.mikrotiktailscale.archive.Digests;
import io.github.mikrotiktailscale.build.PlatformBuild;
import io.github.mikrotiktailscale.build.TestImages;
import io.github.mikrotiktailscale.image.ImageLabels;
import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.progress.Progress;
import io.github.mikrotiktailscale.release.RecordingHttpServer.Reply;
import io.github.mikrotiktailscale.release.RecordingHttpServer.Request;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher's orchestration against an in-memory registry over real loopback HTTP: what it
 * pushes, in which order the tags move, and what it refuses.
 */
class ImagePublisherTest {

    private static final Pattern PATH = Pattern.compile("/v2/team/app/(blobs|manifests)/(.+)");

    @TempDir
    Path dir;

    private RecordingHttpServer server;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    private final Map<String, String> tags = new ConcurrentHashMap<>();
    private final List<String> lines = new ArrayList<>();

    /** Just enough of the registry API v2 for one repository. */
    private Reply registry(Request request) {
        if (request.method().equals("POST") && request.path().equals("/v2/team/app/blobs/uploads/")) {
            return Reply.of(202, "", "Location", "/upload/1");
        }
        if (request.method().equals("PUT") && request.path().startsWith("/upload/")) {
            var digest = request.query().replaceAll(".*digest=", "").replace("%3A", ":");
            blobs.put(digest, request.body());
            return Reply.of(201);
        }
        var matcher = PATH.matcher(request.path());
        if (!matcher.matches()) {
            return Reply.of(404);
        }
        var reference = matcher.group(2);
        if (matcher.group(1).equals("blobs")) {
            var blob = blobs.get(reference);
            return blob == null ? Reply.of(404) : new Reply(200, Map.of(), blob);
        }
        if (request.method().equals("PUT")) {
            var digest = "sha256:" + Digests.sha256(request.body());
            manifests.put(digest, request.body());
            tags.put(reference, digest);
            return new Reply(201, Map.of("Docker-Content-Digest", digest), new byte[0]);
        }
        var digest = reference.startsWith("sha256:") ? reference : tags.get(reference);
        if (digest == null || !manifests.containsKey(digest)) {
            return Reply.of(404);
        }
        var body = manifests.get(digest);
        var type = new String(body).contains("manifest.list") ? RegistryClient.MANIFEST_LIST : RegistryClient.MANIFEST;
        return new Reply(200, Map.of("Content-Type", type, "Docker-Content-Digest", digest), body);
    }

    @BeforeEach
    void start() throws Exception {
        server = new RecordingHttpServer().handle(this::registry);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ImagePublisher publisher() throws ConfigurationException {
        var image = ImageReference.parse("127.0.0.1:" + server.port() + "/team/app", true);
        var client = new RegistryClient(image, server.uri(), Optional.empty(),
                new RegistryRetries(1, Duration.ofMillis(10), Duration.ofMillis(10), d -> { }), Progress.to(lines::add));
        return new ImagePublisher(client, dir.resolve("publish"), Progress.to(lines::add), new SourceDate(1_700_000_000L, "test"));
    }

    private List<PlatformBuild> builds(String tag) throws Exception {
        var images = Files.createDirectories(dir.resolve("images-" + tag));
        var builds = new ArrayList<PlatformBuild>();
        for (var platform : List.of(Platform.AMD64, Platform.ARMV7)) {
            var archive = images.resolve(platform.shortName() + ".tar");
            TestImages.writeArchive(archive, platform, Map.of(ImageLabels.VERSION_LABEL, tag));
            builds.add(new PlatformBuild(platform, "sha256:x", archive, Files.size(archive), 1, false, "h", "", ""));
        }
        return builds;
    }

    private long uploads() {
        return server.requests().stream().filter(r -> r.method().equals("POST")).count();
    }

    @Test
    void publishesTheTagChecksItThenMovesStableAndPushesNothingTwice() throws Exception {
        var release = ReleaseVersion.parse("v1.98.3-mt.1").orElseThrow();
        var builds = builds("v1.98.3-mt.1");

        var result = publisher().publish(release, builds, false, false);

        assertThat(tags.get("v1.98.3-mt.1")).isEqualTo(result.indexDigest());
        assertThat(tags.get("stable")).isEqualTo(result.indexDigest());
        var manifestPuts = server.requests().stream().filter(r -> r.method().equals("PUT") && r.path().contains(
                "/manifests/")).map(r -> r.path().replaceAll(".*/manifests/", "")).toList();
        // the platforms' manifests, then the release tag, and only then :stable
        assertThat(manifestPuts.subList(manifestPuts.size() - 2, manifestPuts.size()))
                .containsExactly("v1.98.3-mt.1", "stable");
        assertThat(lines).anyMatch(l -> l.startsWith("checked ") && l.contains("linux/amd64, linux/arm/v7"));
        long first = uploads();
        assertThat(first).as("the layer both platforms share once, a config each").isEqualTo(3);

        var again = publisher().publish(release, builds, false, false);

        assertThat(again.indexDigest()).isEqualTo(result.indexDigest());
        assertThat(uploads()).as("nothing uploaded twice").isEqualTo(first);
    }

    @Test
    void stableNeverMovesBackwardsUnlessARollbackIsAskedFor() throws Exception {
        var newer = ReleaseVersion.parse("v1.98.3-mt.2").orElseThrow();
        var older = ReleaseVersion.parse("v1.98.3-mt.1").orElseThrow();
        var newerDigest = publisher().publish(newer, builds("v1.98.3-mt.2"), false, false).indexDigest();

        assertThatThrownBy(() -> publisher().publish(older, builds("v1.98.3-mt.1"), false, false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("<rollbackStable>:").hasMessageContaining("carries v1.98.3-mt.2, which is newer")
                .hasMessageContaining("-Dtailscale.rollbackStable=true");
        assertThat(tags.get("stable")).isEqualTo(newerDigest);

        var rolledBack = publisher().publish(older, builds("v1.98.3-mt.1"), true, false);

        assertThat(tags.get("stable")).isEqualTo(rolledBack.indexDigest()).isNotEqualTo(newerDigest);
    }

    @Test
    void aDryRunSendsNothingButReads() throws Exception {
        publisher().publish(ReleaseVersion.parse("v1.98.3-mt.1").orElseThrow(), builds("v1.98.3-mt.1"), false, true);

        assertThat(server.requests()).isEmpty();
        assertThat(lines).anyMatch(l -> l.startsWith("dry run: nothing is sent to"));
    }
}
