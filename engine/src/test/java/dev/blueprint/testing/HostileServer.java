package dev.blueprint.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A provider that misbehaves on purpose, written on raw sockets so that it can do what well-behaved servers cannot:
 * trickle a body a byte a second, stream without end, declare gigabytes, echo what it was sent. One request per
 * connection ({@code Connection: close}); a thread per connection, daemon, ended by {@link #close()}.
 */
public final class HostileServer implements AutoCloseable {
    /** A request as received; header names lower case. */
    public record Request(String method, String target, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        @Override
        public String toString() {
            return method + " " + target;
        }
    }

    /** How the server answers one request. */
    @FunctionalInterface
    public interface Behaviour {
        void answer(Request request, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket socket;
    private final Behaviour behaviour;
    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public HostileServer(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "hostile-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    public List<Request> received() {
        return List.copyOf(received);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = socket.accept();
                open.add(client);
                Thread handler = new Thread(() -> serve(client), "hostile-conn");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = new BufferedInputStream(client.getInputStream());
            Request request = read(in);
            received.add(request);
            OutputStream out = client.getOutputStream();
            behaviour.answer(request, out);
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the client hung up, which is what the engine should do to a hostile provider
        } finally {
            open.remove(client);
        }
    }

    private static Request read(InputStream in) throws IOException {
        String requestLine = line(in);
        String[] parts = requestLine.split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(Math.min(length, 1 << 20));
        return new Request(parts[0], parts.length > 1 ? parts[1] : "/", Map.copyOf(headers), new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.write(c);
            }
            if (line.size() > 64 << 10) {
                throw new IOException("header line too long");
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    // ---- answers ---------------------------------------------------------------------------------------------

    /** Writes a complete response with {@code Connection: close}. */
    public static void respond(OutputStream out, int status, String contentType, String body, String... headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(bytes.length).append("\r\n")
                .append("Connection: close\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
    }

    /** Headers at once, then the body a byte every {@code pauseMillis}, for as long as the client listens. */
    public static void trickle(OutputStream out, int declaredLength, long pauseMillis) throws IOException, InterruptedException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + declaredLength
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        for (int i = 0; i < declaredLength; i++) {
            out.write('x');
            out.flush();
            Thread.sleep(pauseMillis); // the hostile peer's pace, not the test's synchronisation
        }
    }

    /** A chunked body that never ends, 64 KiB a chunk, for as long as the client reads. */
    public static void endless(OutputStream out, int status) throws IOException {
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        byte[] chunk = new byte[64 << 10];
        java.util.Arrays.fill(chunk, (byte) 'a');
        byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        while (true) {
            out.write(size);
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    /** Declares {@code declaredLength} bytes and sends them, for as long as the client reads. */
    public static void huge(OutputStream out, long declaredLength) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + declaredLength
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        byte[] chunk = new byte[64 << 10];
        for (long sent = 0; sent < declaredLength; sent += chunk.length) {
            out.write(chunk);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket client : open) {
            try {
                client.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Whether the failure means the client went away (what a bounded reader does). */
    public static boolean hungUp(Throwable failure) {
        return failure instanceof SocketException;
    }
}
