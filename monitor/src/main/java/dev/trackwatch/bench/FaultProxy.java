package dev.trackwatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of one upstream port that can be told to misbehave, the way a
 * network or a server does: {@link Mode#PASS} forwards, {@link Mode#REFUSE} closes every existing
 * connection and every new one at once (a server that went away), {@link Mode#BLACKHOLE} keeps
 * connections open but forwards nothing (a partition: the peer hears silence, not an error), and
 * {@link Mode#DELAY} waits {@link #delay()} before forwarding each chunk (a server that crawls).
 * Bytes held by a black hole are forwarded when it heals, as TCP's retransmissions would deliver them.
 * Hand-written: the fault proxies on offer (toxiproxy and similar) are separate servers, not a library.
 */
public final class FaultProxy implements AutoCloseable {

    /** What the proxy does with connections and bytes. */
    public enum Mode {
        PASS, REFUSE, BLACKHOLE, DELAY
    }

    private static final long HOLD_POLL_MS = 20;

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private volatile Mode mode = Mode.PASS;
    private volatile Duration delay = Duration.ZERO;
    private volatile boolean closed;

    private FaultProxy(ServerSocket listener, InetSocketAddress upstream) {
        this.listener = listener;
        this.upstream = upstream;
        Thread.ofPlatform().daemon().name("fault-proxy-" + listener.getLocalPort()).start(this::acceptLoop);
    }

    /** Starts a proxy on {@code port} (0: any free one) of the loopback address, forwarding to {@code upstreamPort}. */
    public static FaultProxy start(int port, int upstreamPort) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return new FaultProxy(listener, new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort));
    }

    /** The port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** The current mode. */
    public Mode mode() {
        return mode;
    }

    /** The per-chunk delay of {@link Mode#DELAY}. */
    public Duration delay() {
        return delay;
    }

    /** How many client connections were accepted so far. */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** Forwards everything again. */
    public void pass() {
        mode = Mode.PASS;
    }

    /** Closes every open connection and, until told otherwise, every new one. */
    public void refuse() {
        mode = Mode.REFUSE;
        sockets.forEach(FaultProxy::closeQuietly);
    }

    /** Keeps connections open (new ones too) but forwards no byte until told otherwise. */
    public void blackhole() {
        mode = Mode.BLACKHOLE;
    }

    /** Forwards each chunk, in either direction, {@code perChunk} late. */
    public void delay(Duration perChunk) {
        delay = perChunk;
        mode = Mode.DELAY;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        sockets.forEach(FaultProxy::closeQuietly);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            accepted.incrementAndGet();
            if (mode == Mode.REFUSE) {
                closeQuietly(client);
                continue;
            }
            sockets.add(client);
            Thread.ofVirtual().start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            // A connection that arrives in a black hole waits, as a SYN to a partitioned host would.
            if (!holdWhileBlackholed()) {
                closeQuietly(client);
                return;
            }
            server.connect(upstream, 10_000);
            sockets.add(server);
            Thread.ofVirtual().start(() -> pump(server, client));
            pump(client, server);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    /** Copies {@code from} to {@code to} chunk by chunk as the mode says; closes both when either ends. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!holdWhileBlackholed()) {
                    return;
                }
                if (mode == Mode.DELAY) {
                    Thread.sleep(delay);
                }
                if (mode == Mode.REFUSE) {
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // One side went away (or REFUSE closed it); try-with-resources closes the other.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    /** Waits while the proxy is a black hole; returns false when it was closed or refuses instead. */
    private boolean holdWhileBlackholed() {
        while (mode == Mode.BLACKHOLE && !closed) {
            try {
                Thread.sleep(HOLD_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !closed && mode != Mode.REFUSE;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Closing is best effort: the peer may be gone already.
        }
    }
}
