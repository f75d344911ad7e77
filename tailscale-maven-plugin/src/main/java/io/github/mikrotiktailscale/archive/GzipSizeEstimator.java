package io.github.mikrotiktailscale.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Deflater;

/**
 * Passes a stream through unchanged while deflating every byte that goes by, to learn what the
 * stream would weigh gzip-compressed (as a registry push sends an uncompressed layer) without a
 * second read. Skipped bytes are read and deflated too.
 */
final class GzipSizeEstimator extends FilterInputStream {

    /** gzip's 10-byte header and 8-byte trailer around the deflate stream. */
    private static final int GZIP_FRAMING = 18;

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final byte[] output = new byte[1 << 16];
    private final byte[] skipBuffer = new byte[1 << 13];
    private long compressed;

    GzipSizeEstimator(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            deflate(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            deflate(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n) {
            int r = read(skipBuffer, 0, (int) Math.min(skipBuffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Reads what is left of the stream and returns the gzip size of everything it carried. */
    long finish() throws IOException {
        while (read(skipBuffer, 0, skipBuffer.length) >= 0) {
            // deflated as it is read
        }
        deflater.finish();
        while (!deflater.finished()) {
            compressed += deflater.deflate(output);
        }
        deflater.end();
        return compressed + GZIP_FRAMING;
    }

    private void deflate(byte[] b, int off, int len) {
        deflater.setInput(b, off, len);
        while (!deflater.needsInput()) {
            compressed += deflater.deflate(output);
        }
    }
}
