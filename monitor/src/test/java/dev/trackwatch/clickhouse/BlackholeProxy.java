package dev.trackwatch.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a loopback port that forwards to a target, and can black-hole: while it does,
 * connections are still accepted but no byte moves in either direction, the way a dropped route
 * behaves (nothing is refused, nothing is reset; TCP just waits). Bytes held back flow once it
 * passes traffic again, as retransmissions would deliver them. Hand-written: the test needs only
 * this one behaviour, which no proxy library offers in-process.
 */
final class BlackholeProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile boolean blackholed;
    private volatile boolean closed;

    private BlackholeProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("blackhole-proxy-accept").start(this::accept);
    }

    /** Starts a proxy to {@code 127.0.0.1:targetPort}, passing traffic. */
    static BlackholeProxy start(int targetPort) throws IOException {
        return new BlackholeProxy(targetPort);
    }

    /** Returns the proxy's own port. */
    int port() {
        return server.getLocalPort();
    }

    /** Stops moving bytes (true) or moves them again (false). */
    void blackhole(boolean on) {
        synchronized (gate) {
            blackholed = on;
            gate.notifyAll();
        }
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofPlatform().daemon().name("blackhole-proxy-pump").start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    awaitPassing();
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // One side closed or the proxy stopped: close both, as a real connection would end.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private void awaitPassing() throws InterruptedException {
        synchronized (gate) {
            while (blackholed && !closed) {
                gate.wait();
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        blackhole(false);
        server.close();
        sockets.forEach(BlackholeProxy::closeQuietly);
    }
}
