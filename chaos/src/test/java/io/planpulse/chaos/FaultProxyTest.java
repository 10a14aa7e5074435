package io.planpulse.chaos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultProxyTest {

    private ServerSocket echo;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread t = new Thread(() -> {
                        try (s) {
                            s.getInputStream().transferTo(s.getOutputStream());
                        } catch (IOException e) {
                            // the peer went away
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        server.setDaemon(true);
        server.start();
        proxy = FaultProxy.start("test", 0, new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort()));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void passesBytesBothWays() throws IOException {
        try (Socket s = connect()) {
            assertArrayEquals(bytes("hello"), roundTrip(s, "hello"));
            assertEquals(1, proxy.connections());
        }
    }

    @Test
    void delaysEveryChunk() throws IOException {
        proxy.delay(Duration.ofMillis(150));
        try (Socket s = connect()) {
            long start = System.nanoTime();
            assertArrayEquals(bytes("slow"), roundTrip(s, "slow"));
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos(), "150 ms each way");
        }
    }

    @Test
    void aBlackholeSwallowsEverythingAndHealingResetsTheConnectionsThatLostBytes() throws IOException {
        try (Socket s = connect()) {
            assertArrayEquals(bytes("before"), roundTrip(s, "before"));
            proxy.blackhole();
            s.getOutputStream().write(bytes("lost"));
            s.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
            proxy.heal();
            s.setSoTimeout(5_000);
            assertThrows(SocketException.class, () -> s.getInputStream().read(), "reset, not closed in order");
        }
        try (Socket s = connect()) {
            assertArrayEquals(bytes("after"), roundTrip(s, "after"));
        }
    }

    @Test
    void resetEndsEveryOpenConnectionAndLetsNewOnesThrough() throws IOException {
        try (Socket s = connect()) {
            assertArrayEquals(bytes("one"), roundTrip(s, "one"));
            proxy.resetAll();
            s.setSoTimeout(5_000);
            assertThrows(SocketException.class, () -> s.getInputStream().read(), "reset, not closed in order");
            assertEquals(1, proxy.resets());
        }
        try (Socket s = connect()) {
            assertArrayEquals(bytes("two"), roundTrip(s, "two"));
        }
    }

    private Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), proxy.port());
    }

    private static byte[] roundTrip(Socket s, String text) throws IOException {
        s.getOutputStream().write(bytes(text));
        s.setSoTimeout(5_000);
        return s.getInputStream().readNBytes(text.length());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
