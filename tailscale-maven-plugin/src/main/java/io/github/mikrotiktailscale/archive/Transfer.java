package io.github.mikrotiktailscale.archive;

/**
 * What pulling the image moves over the network.
 *
 * @param bytes layers, config and manifest
 * @param estimated whether some layer was stored uncompressed and its gzip size was computed here
 * @param note how the figure came about, for the report
 */
public record Transfer(long bytes, long layerBytes, long configBytes, long manifestBytes, boolean estimated, String note) {}
