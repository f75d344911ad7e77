package io.github.mikrotiktailscale.maven;

import io.github.mikrotiktailscale.feature.AcceptedOmission;
import io.github.mikrotiktailscale.feature.FeatureChoice;
import io.github.mikrotiktailscale.image.BusyboxSpec;
import io.github.mikrotiktailscale.image.DaemonOptions;
import io.github.mikrotiktailscale.image.ImageLabels;
import io.github.mikrotiktailscale.image.ImageSpec;
import io.github.mikrotiktailscale.image.SourceFile;
import io.github.mikrotiktailscale.image.SourcePatch;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problem;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/** The parameters that describe the image, shared by every goal that needs its {@link ImageSpec}. */
public abstract class AbstractImageMojo extends AbstractTailscaleMojo {

    /**
     * The Tailscale release to build, as its tag: {@code v1.98.3}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.version", required = true)
    protected String tailscaleVersion;

    /**
     * The Tailscale features the image opts into, each with a one-line reason. Everything else is
     * compiled out; the features these need are pulled in automatically. XML only:
     * {@code <feature><name>dns</name><reason>MagicDNS</reason></feature>}.
     *
     * @since 0.1.0
     */
    @Parameter
    protected List<FeatureEntry> features = new ArrayList<>();

    /**
     * Features to add to {@code features} for this run, comma-separated: for trying a feature out
     * from the command line.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.addFeatures")
    protected List<String> addFeatures = new ArrayList<>();

    /**
     * Features to take out of {@code features} for this run, comma-separated. Fails when a kept
     * feature still needs one of them.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.removeFeatures")
    protected List<String> removeFeatures = new ArrayList<>();

    /**
     * Features the router image normally cannot work without (cli, unixsocketidentity, ipnbus, and
     * others in some combinations) that you accept to leave out anyway, each with a reason. XML only,
     * in the same form as {@code features}.
     *
     * @since 0.1.0
     */
    @Parameter
    protected List<FeatureEntry> acceptMissing = new ArrayList<>();

    /**
     * Features left out on purpose, each with the reason (shown in features.md). Naming a feature
     * here records the decision: a feature a new Tailscale release adds and that no element names
     * is reported as undecided. XML only, in the same form as {@code features}.
     *
     * @since 0.1.0
     */
    @Parameter
    protected List<FeatureEntry> leftOut = new ArrayList<>();

    /**
     * Where the builder gets Tailscale's source: {@code goproxy} (the Go module proxy, checked
     * against the Go checksum database) or {@code git} (a clone of the release tag).
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.source", defaultValue = "goproxy")
    protected String source;

    /**
     * The git repository for {@code source=git}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.gitRepository", defaultValue = ImageSpec.DEFAULT_GIT_REPOSITORY)
    protected String gitRepository;

    /**
     * The image of the builder stage, pinned by digest. It needs Go (new enough for the Tailscale
     * release); git, upx and ca-certificates are added with apk when it is Alpine-based.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.builderImage", required = true)
    protected String builderImage;

    /**
     * The image of the busybox stage, pinned by digest; it runs on the target platform (on the build
     * platform with {@code busyboxCrossCompile}). Alpine-based images get their compiler and tools
     * with apk. A per-platform local image can name buildx's platform arguments:
     * {@code local/stage:$TARGETARCH$TARGETVARIANT} (without braces in a pom, which Maven would expand).
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.busyboxImage", required = true)
    protected String busyboxImage;

    /**
     * Compiles busybox on the build machine's own platform with a cross compiler instead of on the
     * target platform, where foreign platforms run under QEMU and take many times longer. The
     * {@code busyboxImage} then runs on the build platform and needs, per target, a compiler named
     * by its triplet ({@code x86_64-linux-musl-gcc}, {@code aarch64-linux-musl-gcc},
     * {@code arm-linux-musleabihf-gcc}, or the {@code -linux-gnu} / {@code -linux-gnueabihf} ones)
     * and the matching binutils; no QEMU is needed at all.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.busyboxCrossCompile", defaultValue = "false")
    protected boolean busyboxCrossCompile;

    /**
     * Accepts base images without a {@code @sha256:} digest (local images, experiments).
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.allowUnpinnedBaseImages", defaultValue = "false")
    protected boolean allowUnpinnedBaseImages;

    /**
     * The busybox release built into the image.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.busyboxVersion", required = true)
    protected String busyboxVersion;

    /**
     * Where the busybox source tarball is downloaded from; {@code {version}} is replaced.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.busyboxSourceUrl", defaultValue = BusyboxSpec.DEFAULT_SOURCE_URL)
    protected String busyboxSourceUrl;

    /**
     * The SHA-256 of the busybox tarball; when set, a download with another checksum fails the build.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.busyboxSha256")
    protected String busyboxSha256;

    /**
     * A file of busybox Kconfig symbols (one a line, without {@code CONFIG_}) replacing the plugin's
     * curated set of about a hundred applets.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.busyboxConfigFile")
    protected File busyboxConfigFile;

    /**
     * Root certificates: {@code system} (the CA bundle, as most images) or {@code bakedroots} (no
     * bundle; Tailscale's embedded Let's Encrypt roots, about 200 kB smaller, enough for Tailscale's
     * own servers but not for a control server with a certificate from another CA).
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.trustStore", defaultValue = "system")
    protected String trustStore;

    /**
     * Patches applied to Tailscale's source in the builder stage, in order, each with a reason. A
     * patch that no longer applies fails the build, naming the patch and the Tailscale version.
     *
     * @since 0.1.0
     */
    @Parameter
    protected List<PatchEntry> patches = new ArrayList<>();

    /**
     * Files added to Tailscale's source tree in the builder stage, each with its target path and a
     * reason.
     *
     * @since 0.1.0
     */
    @Parameter
    protected List<SourceFileEntry> sourceFiles = new ArrayList<>();

    /**
     * The daemon's state directory: the image's only volume, the one path that belongs on flash.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.stateDirectory", defaultValue = DaemonOptions.DEFAULT_STATE_DIRECTORY)
    protected String stateDirectory;

    /**
     * The daemon's LocalAPI socket; mount its directory as tmpfs on the router.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.socket", defaultValue = DaemonOptions.DEFAULT_SOCKET)
    protected String socket;

    /**
     * Starts the daemon with {@code --no-logs-no-support}: no log uploads and no log files.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.noLogsNoSupport", defaultValue = "true")
    protected boolean noLogsNoSupport;

    /**
     * Further tailscaled flags for the image's default command, comma-separated on the command line.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.daemonArguments")
    protected List<String> daemonArguments = new ArrayList<>();

    /**
     * The image's {@code org.opencontainers.image.title} label.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.imageTitle", defaultValue = "mikrotik-tailscale")
    protected String imageTitle;

    /**
     * The image's {@code org.opencontainers.image.description} label.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.imageDescription",
            defaultValue = "Minimal Tailscale for MikroTik RouterOS Container")
    protected String imageDescription;

    /**
     * The image's {@code org.opencontainers.image.source} label: where its source lives.
     *
     * @since 0.1.0
     */
    @Parameter(property = "tailscale.imageSource", defaultValue = "${project.scm.url}")
    protected String imageSource;

    /** Builds and validates the image specification from the parameters. */
    protected ImageSpec imageSpec() throws ConfigurationException {
        var builder = ImageSpec.builder()
                .tailscaleVersion(tailscaleVersion)
                .features(choices(features))
                .features(addFeatures.stream().flatMap(AbstractImageMojo::splitList)
                        .map(n -> new FeatureChoice(n, "added on the command line (tailscale.addFeatures)"))
                        .toList())
                .removeFeatures(removeFeatures.stream().flatMap(AbstractImageMojo::splitList).toList())
                .acceptMissing(acceptMissing.stream().map(e -> new AcceptedOmission(nullToEmpty(e.getName()),
                        e.getReason())).toList())
                .leftOut(choices(leftOut))
                .source(source)
                .gitRepository(gitRepository)
                .builderImage(builderImage)
                .busyboxImage(busyboxImage)
                .allowUnpinnedBaseImages(allowUnpinnedBaseImages)
                .busyboxVersion(busyboxVersion)
                .busyboxSourceUrl(busyboxSourceUrl)
                .busyboxSha256(busyboxSha256)
                .busyboxCrossCompile(busyboxCrossCompile)
                .trustStore(trustStore)
                .daemon(new DaemonOptions(stateDirectory, socket, noLogsNoSupport, daemonArguments))
                .labels(new ImageLabels(imageTitle, imageDescription, imageSource == null ? "" : imageSource));
        if (busyboxConfigFile != null) {
            builder.busyboxConfig(readBusyboxConfig());
        }
        for (var patch : patches) {
            builder.patch(new SourcePatch(requireFile(patch.getFile(), "patches"), patch.getReason(), patch.getProvides()));
        }
        for (var file : sourceFiles) {
            builder.sourceFile(new SourceFile(requireFile(file.getFile(), "sourceFiles"), file.getTarget(), file.getReason(),
                    file.getProvides()));
        }
        var spec = builder.build();
        spec.warnings().forEach(getLog()::warn);
        return spec;
    }

    private List<String> readBusyboxConfig() throws ConfigurationException {
        try {
            return BusyboxSpec.parseConfig(Files.readString(busyboxConfigFile.toPath(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurationException(new Problem("busyboxConfigFile",
                    "cannot read " + busyboxConfigFile + ": " + e.getMessage() + ".",
                    "Point it at a readable file, or leave it out for the curated applet set."));
        }
    }

    private static java.nio.file.Path requireFile(File file, String element) throws ConfigurationException {
        if (file == null) {
            throw new ConfigurationException(new Problem(element, "an entry has no <file>.",
                    "Give the path of the file, relative to the project directory."));
        }
        return file.toPath();
    }

    private static List<FeatureChoice> choices(List<FeatureEntry> entries) {
        return entries.stream().map(e -> new FeatureChoice(nullToEmpty(e.getName()), e.getReason())).toList();
    }

    private static java.util.stream.Stream<String> splitList(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
