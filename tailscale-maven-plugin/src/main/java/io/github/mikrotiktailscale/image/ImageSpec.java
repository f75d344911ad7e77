package io.github.mikrotiktailscale.image;

import io.github.mikrotiktailscale.feature.AcceptedOmission;
import io.github.mikrotiktailscale.feature.Capability;
import io.github.mikrotiktailscale.feature.FeatureCatalog;
import io.github.mikrotiktailscale.feature.FeatureCatalogs;
import io.github.mikrotiktailscale.feature.FeatureChoice;
import io.github.mikrotiktailscale.feature.FeatureSelection;
import io.github.mikrotiktailscale.feature.ResolvedFeatures;
import io.github.mikrotiktailscale.feature.TailscaleVersion;
import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problems;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Everything the image is made of, validated once: the Tailscale release and its resolved
 * features, where the source comes from, the base images, busybox, the trust store, source
 * changes, the daemon's options and the labels. Build it with {@link #builder()}.
 */
public record ImageSpec(
        TailscaleVersion tailscaleVersion,
        ResolvedFeatures features,
        TailscaleSource source,
        String gitRepository,
        BaseImage builderImage,
        BaseImage busyboxImage,
        BusyboxSpec busybox,
        TrustStore trustStore,
        List<SourcePatch> patches,
        List<SourceFile> sourceFiles,
        DaemonOptions daemon,
        ImageLabels labels,
        List<String> warnings) {

    public static final String DEFAULT_GIT_REPOSITORY = "https://github.com/tailscale/tailscale.git";

    public ImageSpec {
        patches = List.copyOf(patches);
        sourceFiles = List.copyOf(sourceFiles);
        warnings = List.copyOf(warnings);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the configuration as the user gave it; {@link #build()} validates all of it at once. */
    public static final class Builder {
        private String tailscaleVersion;
        private final List<FeatureChoice> features = new ArrayList<>();
        private final List<String> removedFeatures = new ArrayList<>();
        private final List<AcceptedOmission> acceptedOmissions = new ArrayList<>();
        private final List<FeatureChoice> leftOut = new ArrayList<>();
        private String source = TailscaleSource.GOPROXY.configName();
        private String gitRepository = DEFAULT_GIT_REPOSITORY;
        private String builderImage;
        private String busyboxImage;
        private boolean allowUnpinnedBaseImages;
        private String busyboxVersion;
        private String busyboxSourceUrl = BusyboxSpec.DEFAULT_SOURCE_URL;
        private String busyboxSha256 = "";
        private List<String> busyboxConfig = BusyboxSpec.curatedConfig();
        private boolean busyboxCrossCompile;
        private String trustStore = TrustStore.SYSTEM.configName();
        private final List<SourcePatch> patches = new ArrayList<>();
        private final List<SourceFile> sourceFiles = new ArrayList<>();
        private DaemonOptions daemon = DaemonOptions.defaults();
        private ImageLabels labels = new ImageLabels("mikrotik-tailscale",
                "Minimal Tailscale for MikroTik RouterOS Container", "");

        private Builder() {}

        public Builder tailscaleVersion(String version) {
            this.tailscaleVersion = version;
            return this;
        }

        public Builder feature(String name, String reason) {
            features.add(new FeatureChoice(name, reason));
            return this;
        }

        public Builder features(List<FeatureChoice> choices) {
            features.addAll(choices);
            return this;
        }

        public Builder removeFeatures(List<String> names) {
            removedFeatures.addAll(names);
            return this;
        }

        public Builder acceptMissing(String name, String reason) {
            acceptedOmissions.add(new AcceptedOmission(name, reason));
            return this;
        }

        public Builder acceptMissing(List<AcceptedOmission> omissions) {
            acceptedOmissions.addAll(omissions);
            return this;
        }

        /** Features left out on purpose, each with its reason (shown in features.md). */
        public Builder leftOut(List<FeatureChoice> omissions) {
            leftOut.addAll(omissions);
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder gitRepository(String url) {
            this.gitRepository = url;
            return this;
        }

        public Builder builderImage(String reference) {
            this.builderImage = reference;
            return this;
        }

        public Builder busyboxImage(String reference) {
            this.busyboxImage = reference;
            return this;
        }

        public Builder allowUnpinnedBaseImages(boolean allow) {
            this.allowUnpinnedBaseImages = allow;
            return this;
        }

        public Builder busyboxVersion(String version) {
            this.busyboxVersion = version;
            return this;
        }

        public Builder busyboxSourceUrl(String url) {
            this.busyboxSourceUrl = url;
            return this;
        }

        public Builder busyboxSha256(String sha256) {
            this.busyboxSha256 = sha256;
            return this;
        }

        public Builder busyboxCrossCompile(boolean crossCompile) {
            this.busyboxCrossCompile = crossCompile;
            return this;
        }

        public Builder busyboxConfig(List<String> symbols) {
            this.busyboxConfig = List.copyOf(symbols);
            return this;
        }

        public Builder trustStore(String trustStore) {
            this.trustStore = trustStore;
            return this;
        }

        public Builder patch(SourcePatch patch) {
            patches.add(patch);
            return this;
        }

        public Builder sourceFile(SourceFile file) {
            sourceFiles.add(file);
            return this;
        }

        public Builder daemon(DaemonOptions options) {
            this.daemon = options;
            return this;
        }

        public Builder labels(ImageLabels labels) {
            this.labels = labels;
            return this;
        }

        /** Validates everything and reports every problem at once. */
        public ImageSpec build() throws ConfigurationException {
            var problems = new Problems();
            var warnings = new ArrayList<String>();

            var version = TailscaleVersion.parse(tailscaleVersion);
            if (version.isEmpty()) {
                problems.add("tailscaleVersion", "'" + tailscaleVersion + "' is not a Tailscale release version.",
                        "Give a release tag such as v1.98.3 (vMAJOR.MINOR.PATCH, as on Tailscale's releases page).");
            } else if (!version.get().isStable()) {
                warnings.add("Tailscale " + version.get() + " is an unstable release (odd minor number);"
                        + " stable releases have even minor numbers.");
            }

            var sourceKind = TailscaleSource.find(source);
            if (sourceKind.isEmpty()) {
                problems.add("source", "unknown Tailscale source '" + source + "'.",
                        "Use one of: " + TailscaleSource.names() + ".");
            } else if (sourceKind.get() == TailscaleSource.GIT && (gitRepository == null || gitRepository.isBlank())) {
                problems.add("gitRepository", "the git source needs a repository URL.",
                        "Leave it out for " + DEFAULT_GIT_REPOSITORY + ", or give your mirror's URL.");
            }

            var builder = checkBaseImage("builderImage", builderImage, problems);
            var busyboxBase = checkBaseImage("busyboxImage", busyboxImage, problems);

            var trust = TrustStore.find(trustStore);
            if (trust.isEmpty()) {
                problems.add("trustStore", "unknown trust store '" + trustStore + "'.",
                        "Use one of: " + TrustStore.names() + ".");
            }

            var busyboxSpec = checkBusybox(problems);
            checkSourceChanges(problems);
            checkDaemon(problems);

            ResolvedFeatures resolved = null;
            if (version.isPresent()) {
                var choice = FeatureCatalogs.forVersion(version.get());
                if (choice.isEmpty()) {
                    problems.add("tailscaleVersion", "Tailscale " + version.get()
                                    + " is older than every feature catalogue of this plugin.",
                            "Use Tailscale " + FeatureCatalogs.available().get(0) + ".0 or newer.");
                } else {
                    choice.get().warning().ifPresent(warnings::add);
                    var selection = new FeatureSelection(withTrustStoreFeature(trust.orElse(TrustStore.SYSTEM)),
                            removedFeatures, acceptedOmissions, leftOut, SourceCapabilities.of(patches, sourceFiles));
                    try {
                        resolved = selection.resolve(choice.get().catalog());
                        warnings.addAll(resolved.warnings());
                        undecidedWarning(selection, choice.get().catalog()).ifPresent(warnings::add);
                    } catch (ConfigurationException e) {
                        problems.addAll(e.problems());
                    }
                }
            }
            problems.throwIfAny();
            if (!builder.digestPinned() || !busyboxBase.digestPinned()) {
                warnings.add("Base images without a digest are allowed: the same configuration may build"
                        + " different images as their tags move.");
            }
            return new ImageSpec(version.get(), resolved, sourceKind.get(), gitRepository, builder, busyboxBase,
                    busyboxSpec, trust.get(), patches, sourceFiles, daemon, labels, warnings);
        }

        /** Features new in this catalogue's line that the project has not decided on. */
        private static java.util.Optional<String> undecidedWarning(FeatureSelection selection, FeatureCatalog catalog) {
            var previous = FeatureCatalogs.previous(catalog);
            if (previous.isEmpty()) {
                return java.util.Optional.empty();
            }
            var undecided = selection.undecided(previous.get(), catalog);
            if (undecided.isEmpty()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of("Tailscale " + catalog.minorLine() + " added features the project has not"
                    + " decided on: " + String.join(", ", undecided) + " (new since " + previous.get().minorLine()
                    + "). They stay out of the image; choose them in <" + FeatureSelection.FEATURES + "> or say why"
                    + " not in <" + FeatureSelection.LEFT_OUT + ">.");
        }

        private List<FeatureChoice> withTrustStoreFeature(TrustStore trust) {
            var choices = new ArrayList<>(features);
            if (trust == TrustStore.BAKED_ROOTS && choices.stream().noneMatch(c -> c.name().equals("bakedroots"))) {
                choices.add(new FeatureChoice("bakedroots",
                        "trust store 'bakedroots': the image ships no CA bundle, so the daemon trusts the"
                                + " Let's Encrypt roots built into it"));
            }
            return choices;
        }

        private BaseImage checkBaseImage(String element, String reference, Problems problems) {
            if (reference == null || reference.isBlank()) {
                problems.add(element, "no image given.", "Name the image with its digest: name:tag@sha256:<digest>.");
                return new BaseImage("");
            }
            var image = new BaseImage(reference);
            if (!image.wellFormed()) {
                problems.add(element, "'" + reference + "' is not an image reference.",
                        "Write it as name:tag@sha256:<digest>, for example golang:1.26.3-alpine@sha256:<64 hex digits>.");
            } else if (!image.digestPinned() && !allowUnpinnedBaseImages) {
                problems.add(element, "'" + reference + "' is not pinned by digest, so the same build can give"
                                + " different images as the tag moves.",
                        "Pin it: " + image.withoutDigest() + "@sha256:<digest> (`docker buildx imagetools inspect "
                                + image.withoutDigest() + "` prints the digest), or set"
                                + " <allowUnpinnedBaseImages>true</allowUnpinnedBaseImages> for local or"
                                + " experimental images.");
            }
            return image;
        }

        private BusyboxSpec checkBusybox(Problems problems) {
            if (busyboxVersion == null || !busyboxVersion.trim().matches("\\d+\\.\\d+\\.\\d+")) {
                problems.add("busyboxVersion", "'" + busyboxVersion + "' is not a busybox release version.",
                        "Give a version such as 1.37.0.");
            }
            if (busyboxSourceUrl == null || busyboxSourceUrl.isBlank()) {
                problems.add("busyboxSourceUrl", "no download address for the busybox source.",
                        "Leave it out for " + BusyboxSpec.DEFAULT_SOURCE_URL + ".");
            }
            if (busyboxSha256 != null && !busyboxSha256.isBlank() && !busyboxSha256.trim().matches("(?i)[0-9a-f]{64}")) {
                problems.add("busyboxSha256", "'" + busyboxSha256 + "' is not a SHA-256 checksum.",
                        "Give the 64 hex digits of the tarball's SHA-256, or leave it out.");
            }
            var forbidden = busyboxConfig.stream().filter(BusyboxSpec.FORBIDDEN::contains).toList();
            if (!forbidden.isEmpty()) {
                problems.add("busyboxConfigFile", "busybox config switches on " + String.join(", ", forbidden)
                                + ": the shell would then run applets through /proc/self/exe, which fails once"
                                + " the binary is UPX-packed.",
                        "Remove them; every applet is reached through its /bin symlink instead.");
            }
            var bad = busyboxConfig.stream().filter(s -> !s.matches("[A-Z][A-Za-z0-9_]*(=[0-9]+)?")).toList();
            if (!bad.isEmpty()) {
                problems.add("busyboxConfigFile", "not Kconfig symbols: " + String.join(", ", bad) + ".",
                        "Write one symbol a line in capitals, without CONFIG_, for example PING; a numeric"
                                + " option with its value, for example FEATURE_EDITING_HISTORY=100.");
            }
            return new BusyboxSpec(busyboxVersion == null ? "" : busyboxVersion.trim(),
                    busyboxSourceUrl == null ? "" : busyboxSourceUrl.trim(), busyboxSha256, busyboxConfig,
                    busyboxCrossCompile);
        }

        private void checkProvides(Problems problems, String element, String change, String provides) {
            if (!provides.isEmpty() && Capability.of(provides).isEmpty()) {
                problems.add(element, change + " provides '" + provides + "', which the plugin does not know.",
                        "Use one of: " + Capability.names() + " (or leave <provides> out).");
            }
        }

        private void checkSourceChanges(Problems problems) {
            var names = new HashSet<String>();
            patches.forEach(p -> checkProvides(problems, "patches", "patch " + p.fileName(), p.provides()));
            sourceFiles.forEach(f -> checkProvides(problems, "sourceFiles", "source file " + f.target(), f.provides()));
            for (var patch : patches) {
                if (!Files.isRegularFile(patch.file())) {
                    problems.add("patches", "patch file " + patch.file() + " does not exist.",
                            "Check the <file> path; relative paths start at the project directory.");
                }
                if (!names.add(patch.fileName())) {
                    problems.add("patches", "two patches are named " + patch.fileName() + ".",
                            "Give every patch its own file name: they are applied in the order listed.");
                }
                if (patch.reason().isEmpty()) {
                    problems.add("patches", "patch " + patch.fileName() + " has no <reason>.",
                            "Say in one line what it fixes, so whoever updates Tailscale knows whether it can go.");
                }
            }
            var targets = new HashSet<String>();
            for (var file : sourceFiles) {
                if (!Files.isRegularFile(file.file())) {
                    problems.add("sourceFiles", "source file " + file.file() + " does not exist.",
                            "Check the <file> path; relative paths start at the project directory.");
                }
                if (!file.target().matches("[A-Za-z0-9._\\-]+(/[A-Za-z0-9._\\-]+)*") || file.target().contains("..")) {
                    problems.add("sourceFiles", "target '" + file.target() + "' of " + file.file().getFileName()
                                    + " is not a relative path inside the Tailscale tree.",
                            "Give a path such as cmd/tailscaled/logfilter.go.");
                } else if (!targets.add(file.target())) {
                    problems.add("sourceFiles", "two source files go to " + file.target() + ".",
                            "Give every added file its own target.");
                }
                if (file.reason().isEmpty()) {
                    problems.add("sourceFiles", "source file " + file.file().getFileName() + " has no <reason>.",
                            "Say in one line why the image needs it.");
                }
            }
        }

        private void checkDaemon(Problems problems) {
            if (!daemon.stateDirectory().startsWith("/")) {
                problems.add("stateDirectory", "'" + daemon.stateDirectory() + "' is not an absolute path.",
                        "Use an absolute path such as " + DaemonOptions.DEFAULT_STATE_DIRECTORY + ".");
            }
            if (!daemon.socket().startsWith("/")) {
                problems.add("socket", "'" + daemon.socket() + "' is not an absolute path.",
                        "Use an absolute path such as " + DaemonOptions.DEFAULT_SOCKET + ".");
            }
        }
    }
}
