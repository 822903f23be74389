package dev.trackwatch.bench;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fault proxy's modes over real loopback sockets, in front of a line echo server. */
class FaultProxyTest {

    private ServerSocket echo;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread.ofVirtual().start(() -> echoAll(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
        proxy = FaultProxy.start(0, echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void passForwardsBothWays() throws IOException {
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "hello")).isEqualTo("hello");
            assertThat(roundTrip(s, "again")).isEqualTo("again");
        }
        assertThat(proxy.acceptedConnections()).isEqualTo(1);
    }

    @Test
    void refuseClosesOpenConnectionsAndNewOnes() throws IOException {
        try (Socket open = connect()) {
            assertThat(roundTrip(open, "before")).isEqualTo("before");
            proxy.refuse();
            assertThat(readOrEnd(open)).as("the open connection is closed").isEqualTo(-1);
        }
        try (Socket fresh = connect()) {
            assertThat(readOrEnd(fresh)).as("a new connection is closed at once").isEqualTo(-1);
        }
        proxy.pass();
        try (Socket healed = connect()) {
            assertThat(roundTrip(healed, "after")).isEqualTo("after");
        }
    }

    @Test
    void blackholeKeepsConnectionsButForwardsNothingUntilHealed() throws Exception {
        try (Socket open = connect()) {
            assertThat(roundTrip(open, "before")).isEqualTo("before");
            proxy.blackhole();
            write(open, "held");
            open.setSoTimeout(700);
            assertThatThrownBy(() -> open.getInputStream().read()).as("no answer, and no error either")
                    .isInstanceOf(SocketTimeoutException.class);
            try (Socket fresh = connect()) {
                write(fresh, "queued");
                fresh.setSoTimeout(700);
                assertThatThrownBy(() -> fresh.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
                proxy.pass();
                fresh.setSoTimeout(10_000);
                assertThat(readLine(fresh)).as("the held bytes arrive when it heals").isEqualTo("queued");
            }
            open.setSoTimeout(10_000);
            assertThat(readLine(open)).isEqualTo("held");
        }
    }

    @Test
    void delayHoldsEveryChunk() throws IOException {
        proxy.delay(Duration.ofMillis(1500));
        try (Socket s = connect()) {
            write(s, "slow");
            s.setSoTimeout(1000);
            assertThatThrownBy(() -> s.getInputStream().read()).as("not there within the delay")
                    .isInstanceOf(SocketTimeoutException.class);
            s.setSoTimeout(10_000);
            assertThat(readLine(s)).isEqualTo("slow");
        }
        assertThat(proxy.mode()).isEqualTo(FaultProxy.Mode.DELAY);
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static String roundTrip(Socket s, String text) throws IOException {
        write(s, text);
        return readLine(s);
    }

    private static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readLine(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            line.append((char) c);
        }
        return line.toString();
    }

    /** Reads one byte; -1 when the peer closed (a reset counts as closed too). */
    private static int readOrEnd(Socket s) {
        try {
            return s.getInputStream().read();
        } catch (IOException e) {
            return -1;
        }
    }

    private static void echoAll(Socket s) {
        try (s) {
            s.getInputStream().transferTo(s.getOutputStream());
        } catch (IOException e) {
            // The proxy closed the connection.
        }
    }
}
