package io.github.mikrotiktailscale.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Reads a file's bytes once, through a reused buffer: counts them, digests them and looks for the
 * UPX magic in the first block. Memory stays one buffer whatever the file's size.
 */
final class ContentScanner {

    /** UPX writes its {@code l_info} header, magic included, within the first few hundred bytes. */
    static final int UPX_WINDOW = 4096;
    private static final byte[] UPX_MAGIC = "UPX!".getBytes(StandardCharsets.US_ASCII);

    private final byte[] buffer = new byte[1 << 16];
    private final byte[] head = new byte[UPX_WINDOW];
    private final MessageDigest digest = Digests.newSha256();

    FileContent scan(InputStream in) throws IOException {
        digest.reset();
        long size = 0;
        int headLength = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (headLength < head.length) {
                int copy = Math.min(n, head.length - headLength);
                System.arraycopy(buffer, 0, head, headLength, copy);
                headLength += copy;
            }
            digest.update(buffer, 0, n);
            size += n;
        }
        return new FileContent(size, digest.digest(), contains(head, headLength, UPX_MAGIC));
    }

    static boolean contains(byte[] data, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
