package dev.genqueue.stack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Loopback port helpers: free ports for tests, and checks before binding the fixed local-run ports. */
public final class Ports {

    private Ports() {
    }

    /** {@code count} distinct ports that were free a moment ago on 127.0.0.1. */
    public static int[] free(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            // hold every socket until all are chosen so the same port is not handed out twice
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                held.add(socket);
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        } finally {
            held.forEach(Ports::closeQuietly);
        }
    }

    /** Whether something accepts connections on {@code host:port}. */
    public static boolean isOpen(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a hint naming the setting to change when the port is taken. */
    public static void requireFree(int port, String what, String setting) {
        if (isOpen("127.0.0.1", port)) {
            throw new IllegalStateException("port " + port + " for " + what + " is in use; stop whatever holds it"
                    + " (a running stack: ./genqueue stop) or set " + setting + " to another port");
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // the port is released either way
        }
    }
}
