package io.planpulse.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy between a service and PostgreSQL or Kafka that can hurt the connections through it:
 * delay every chunk, swallow everything (a network partition: the connections stay open and
 * nothing arrives), or reset them all. It listens on 127.0.0.1 and keeps its port for its life.
 */
public final class FaultProxy implements AutoCloseable {

    private enum Mode { PASS, DELAY, BLACKHOLE }

    private final String name;
    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private volatile Mode mode = Mode.PASS;
    private volatile long delayMillis;

    private FaultProxy(String name, InetSocketAddress target, ServerSocket server) {
        this.name = name;
        this.target = target;
        this.server = server;
    }

    /** A proxy to {@code target} on a free port (0) or the given one. */
    public static FaultProxy start(String name, int port, InetSocketAddress target) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            FaultProxy proxy = new FaultProxy(name, target, server);
            daemon(name + "-accept", proxy::accept).start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("the fault proxy " + name + " could not listen", e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    public String name() {
        return name;
    }

    /** Connections accepted so far. */
    public long connections() {
        return connections.get();
    }

    /** Connections this proxy reset so far. */
    public long resets() {
        return resets.get();
    }

    /** Every chunk in either direction waits this long before it is passed on. */
    public void delay(Duration delay) {
        delayMillis = delay.toMillis();
        mode = Mode.DELAY;
    }

    /** Nothing passes any more, in either direction, and the connections stay open. */
    public void blackhole() {
        mode = Mode.BLACKHOLE;
    }

    /**
     * Back to passing everything on; a connection that lost bytes to the blackhole cannot be
     * trusted any more and is reset, as the peer's TCP stack would end it after a partition.
     */
    public void heal() {
        mode = Mode.PASS;
        for (Link link : links) {
            if (link.lostBytes.get()) {
                link.reset();
            }
        }
    }

    /** Resets every open connection now (RST to both sides); new ones pass as before. */
    public void resetAll() {
        for (Link link : links) {
            link.reset();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        resetAll();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            connections.incrementAndGet();
            try {
                Socket upstream = new Socket();
                upstream.connect(target, 5_000);
                Link link = new Link(client, upstream);
                links.add(link);
                daemon(name + "-up", () -> link.pump(client, upstream)).start();
                daemon(name + "-down", () -> link.pump(upstream, client)).start();
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /** One proxied connection: the client's socket and ours to the target. */
    private final class Link {
        private final Socket client;
        private final Socket upstream;
        private final AtomicBoolean lostBytes = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();

        Link(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void pump(Socket from, Socket to) {
            byte[] buffer = new byte[64 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    Mode now = mode;
                    if (now == Mode.BLACKHOLE) {
                        lostBytes.set(true);
                        continue;
                    }
                    if (now == Mode.DELAY) {
                        Thread.sleep(delayMillis);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
                close();
            } catch (IOException e) {
                close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
            }
        }

        void reset() {
            if (closed.compareAndSet(false, true)) {
                resets.incrementAndGet();
                for (Socket s : new Socket[] {client, upstream}) {
                    try {
                        s.setSoLinger(true, 0);
                    } catch (SocketException e) {
                        // already gone
                    }
                    closeQuietly(s);
                }
                links.remove(this);
            }
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                closeQuietly(client);
                closeQuietly(upstream);
                links.remove(this);
            }
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }
}
