package io.github.mikrotiktailscale.archive;

/**
 * One layer's share of the image.
 *
 * @param index position, bottom layer first, from 1
 * @param digest the blob digest the manifest names (the diff id when the archive names none)
 * @param compression how the archive stores the layer
 * @param blobBytes bytes the archive spends on the layer
 * @param transferBytes bytes a registry push sends: the blob, or its gzip size when stored uncompressed
 * @param transferEstimated whether {@code transferBytes} was computed by compressing the layer here
 * @param files regular files the layer stores
 * @param fileBytes their bytes: what a runtime that extracts the layer keeps
 * @param flashBytes the same with every file rounded up to whole 4 KiB blocks
 */
public record LayerSummary(
        int index,
        String digest,
        LayerCompression compression,
        long blobBytes,
        long transferBytes,
        boolean transferEstimated,
        long files,
        long fileBytes,
        long flashBytes) {}
