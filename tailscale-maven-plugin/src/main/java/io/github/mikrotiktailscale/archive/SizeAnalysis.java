package io.github.mikrotiktailscale.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures an image archive the way a router pays for it: one streaming pass over the layers
 * builds the flattened filesystem's metadata (never file contents), from which come the extracted,
 * stored, flash and transfer sizes, the duplicates, the components and the checks.
 */
public final class SizeAnalysis {

    private final boolean estimateTransfer;

    /**
     * @param estimateTransfer compute the gzip size of layers stored uncompressed (docker save's
     *     format), as a registry push sends them; costs a compression pass over those layers
     */
    public SizeAnalysis(boolean estimateTransfer) {
        this.estimateTransfer = estimateTransfer;
    }

    public SizeAnalysis() {
        this(true);
    }

    /**
     * @param name the platform's short name
     * @param expectations what the configuration asked for, or null: then only sizes and duplicates
     *     are measured and the checks are skipped
     * @param expectedVersion the version label the image should carry
     */
    public ImageSize analyse(String name, Path archive, ImageExpectations expectations, String expectedVersion)
            throws IOException {
        try (var image = ImageArchive.open(archive)) {
            var tree = new RootfsTree();
            var stored = new StoredCopies();
            var walker = new LayerWalker(estimateTransfer);
            var layers = new ArrayList<LayerSummary>();
            var diffIds = image.config().diffIds();
            var blobs = image.layers();
            for (int i = 0; i < blobs.size(); i++) {
                var diffId = i < diffIds.size() ? diffIds.get(i) : "";
                layers.add(walker.walk(image, i + 1, blobs.get(i), diffId, (layer, entry) -> {
                    if (entry.kind() == LayerEntry.Kind.REGULAR) {
                        stored.add(layer, entry.path(), entry.content(), entry.mode());
                    }
                    tree.apply(layer, entry);
                }));
            }
            var extracted = tree.extractedSize();
            var paths = expectations == null ? ComponentPaths.STANDARD : expectations.components();
            var checks = expectations == null ? List.<CheckResult>of()
                    : ImageChecks.run(tree, image.config(), expectations, expectedVersion);
            return new ImageSize(name, image.config().platform(), archive.getFileName().toString(), image.format(),
                    Files.size(archive), extracted,
                    layers.stream().mapToLong(LayerSummary::fileBytes).sum(),
                    layers.stream().mapToLong(LayerSummary::files).sum(),
                    stored.removedBytes(tree),
                    layers.stream().mapToLong(LayerSummary::flashBytes).sum(),
                    transfer(image, layers),
                    Components.measure(tree, extracted, paths),
                    layers,
                    stored.duplicates(tree),
                    IdenticalContent.find(tree),
                    checks,
                    expectations == null ? "no " + ImageExpectations.FILE + " from the generate goal (an image of your"
                            + " own Dockerfile): only the budget and duplicate checks apply" : "");
        }
    }

    private static Transfer transfer(ImageArchive image, List<LayerSummary> layers) {
        long layerBytes = layers.stream().mapToLong(LayerSummary::transferBytes).sum();
        boolean estimated = layers.stream().anyMatch(LayerSummary::transferEstimated);
        var note = estimated
                ? "layers are stored uncompressed in this " + image.format() + "; their gzip size is computed here,"
                        + " as a registry push would send them"
                : layers.isEmpty() ? "no layers" : "layers as stored: " + layers.stream()
                        .map(l -> l.compression().displayName()).distinct().reduce((a, b) -> a + ", " + b).orElse("");
        if (image.format().equals("docker-archive")) {
            note += "; docker save's manifest.json stands in for the registry manifest";
        }
        return new Transfer(layerBytes + image.configSize() + image.manifestSize(), layerBytes, image.configSize(),
                image.manifestSize(), estimated, note);
    }
}
