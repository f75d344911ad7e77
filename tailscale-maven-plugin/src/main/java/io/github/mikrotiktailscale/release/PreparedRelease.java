package io.github.mikrotiktailscale.release;

import java.util.List;

/** A release made ready for a registry: each platform's image and the manifest list that names them. */
public record PreparedRelease(List<PreparedImage> images, byte[] index, String indexDigest) {

    public PreparedRelease {
        images = List.copyOf(images);
    }
}
