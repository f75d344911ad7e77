package io.github.mikrotiktailscale.release;

import java.util.List;

/**
 * What a publish put where.
 *
 * @param indexDigest the digest of the manifest list, the same under {@code :<tag>} and {@code :stable}
 * @param previousStable the digest {@code :stable} had before, empty when it did not exist
 * @param stableMoved false in a dry run or when {@code :stable} already pointed at this release
 */
public record PublishResult(
        String tag,
        ImageReference image,
        String indexDigest,
        String indexMediaType,
        String previousStable,
        boolean stableMoved,
        boolean dryRun,
        List<PreparedImage> platforms) {

    public PublishResult {
        platforms = List.copyOf(platforms);
    }
}
