package io.github.mikrotiktailscale.archive;

/**
 * One part of the image in the flattened filesystem.
 *
 * @param name {@code tailscale}, {@code busybox}, {@code caBundle}, {@code entrypoint} or {@code other}
 * @param path where it lives; empty for {@code other}
 * @param present whether the image has it
 * @param bytes its regular-file bytes
 * @param files regular files it counts
 * @param links symlinks that lead to it (argv[0] links, busybox applets)
 */
public record ComponentSize(String name, String path, boolean present, long bytes, long files, long links) {

    public static final String TAILSCALE = "tailscale";
    public static final String BUSYBOX = "busybox";
    public static final String CA_BUNDLE = "caBundle";
    public static final String ENTRYPOINT = "entrypoint";
    public static final String OTHER = "other";

    /** Column headings, in table order. */
    public static String label(String name) {
        return switch (name) {
            case TAILSCALE -> "tailscale";
            case BUSYBOX -> "busybox";
            case CA_BUNDLE -> "CA bundle";
            case ENTRYPOINT -> "entrypoint";
            default -> "other";
        };
    }
}
