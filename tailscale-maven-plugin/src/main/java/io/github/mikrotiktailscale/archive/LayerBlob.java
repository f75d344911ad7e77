package io.github.mikrotiktailscale.archive;

/**
 * One layer as the archive stores it.
 *
 * @param entry the tar entry holding it
 * @param digest the digest the manifest gives (of the stored, possibly compressed bytes), or empty
 * @param storedSize bytes in the archive, compressed or not
 */
public record LayerBlob(String entry, String digest, long storedSize) {}
