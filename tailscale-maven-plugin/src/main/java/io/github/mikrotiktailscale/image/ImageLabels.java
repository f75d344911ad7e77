package io.github.mikrotiktailscale.image;

/**
 * The OCI labels of the image. The version label is not here: it comes from the build argument
 * {@code OCI_VERSION}, so the same build context serves every release.
 */
public record ImageLabels(String title, String description, String source) {

    public static final String VERSION_LABEL = "org.opencontainers.image.version";
}
