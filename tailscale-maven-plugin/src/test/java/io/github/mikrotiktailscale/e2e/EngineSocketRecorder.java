package io.github.mikrotiktailscale.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Unix socket in front of the real engine's socket that passes every byte through and keeps a
 * copy of what clients send (up to a limit), so a test can tell which engine address a client
 * really used and which API requests went there. Upgraded connections (BuildKit's session and
 * gRPC) pass through unchanged, like any other bytes.
 */
final class EngineSocketRecorder implements AutoCloseable {

    private static final int RECORD_LIMIT = 16 << 20;

    private final Path socket;
    private final Path engine;
    private final ServerSocketChannel server;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        var thread = new Thread(r, "engine-socket-recorder");
        thread.setDaemon(true);
        return thread;
    });
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

    EngineSocketRecorder(Path socket, Path engine) throws IOException {
        this.socket = socket;
        this.engine = engine;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        pumps.submit(this::accept);
    }

    /** The address to give DOCKER_HOST or a Docker context. */
    String dockerHost() {
        return "unix://" + socket;
    }

    /** What clients have sent so far, as text (request lines and headers are ASCII). */
    String requests() {
        synchronized (sent) {
            return sent.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                var client = server.accept();
                var upstream = SocketChannel.open(UnixDomainSocketAddress.of(engine));
                var open = new AtomicInteger(2);
                pumps.submit(() -> pump(client, upstream, true, open));
                pumps.submit(() -> pump(upstream, client, false, open));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to, boolean record, AtomicInteger open) {
        var buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                if (record) {
                    synchronized (sent) {
                        sent.write(buffer.array(), 0, Math.min(buffer.limit(), Math.max(0, RECORD_LIMIT - sent.size())));
                    }
                }
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
            if (open.decrementAndGet() > 0) {
                return; // the other direction is still talking
            }
        } catch (IOException e) {
            // a side went away: end both directions
        }
        closeQuietly(from);
        closeQuietly(to);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the other pump may have closed it already
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        pumps.shutdownNow();
        Files.deleteIfExists(socket);
    }
}
