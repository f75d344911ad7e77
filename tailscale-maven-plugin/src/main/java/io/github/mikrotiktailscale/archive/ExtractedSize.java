package io.github.mikrotiktailscale.archive;

/**
 * The flattened filesystem in numbers.
 *
 * @param bytes regular-file bytes, each inode once
 * @param files regular files (inodes)
 * @param hardLinks further paths to a file already counted
 */
public record ExtractedSize(long bytes, long files, long hardLinks, long symlinks, long directories, long special) {}
