package io.github.mikrotiktailscale.archive;

import java.util.List;

/**
 * Where the image's parts live, as absolute paths in the image. An empty path means the image
 * has no such part (no CA bundle with baked-in roots).
 *
 * @param tailscaleBinary the combined tailscale/tailscaled binary
 * @param tailscaleLinks the argv[0] links that select the CLI or the daemon
 * @param busybox the busybox binary; its applets are the symlinks that resolve to it
 */
public record ComponentPaths(
        String tailscaleBinary, List<String> tailscaleLinks, String busybox, String caBundle, String entrypoint) {

    /** The layout the generated Dockerfile produces; also what images of other Dockerfiles are measured against. */
    public static final ComponentPaths STANDARD = new ComponentPaths("/usr/local/bin/tailscale.combined",
            List.of("/usr/local/bin/tailscale", "/usr/local/bin/tailscaled"), "/bin/busybox",
            "/etc/ssl/certs/ca-certificates.crt", "/usr/local/bin/entrypoint.sh");

    public ComponentPaths {
        tailscaleBinary = orEmpty(tailscaleBinary);
        tailscaleLinks = tailscaleLinks == null ? List.of() : List.copyOf(tailscaleLinks);
        busybox = orEmpty(busybox);
        caBundle = orEmpty(caBundle);
        entrypoint = orEmpty(entrypoint);
    }

    public ComponentPaths withCaBundle(String path) {
        return new ComponentPaths(tailscaleBinary, tailscaleLinks, busybox, path, entrypoint);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
