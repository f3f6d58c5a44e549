package dev.trellis.systest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately plain HTTP/1.1 client over a socket: it sends exactly the bytes it is given (a target with raw
 * unicode, %00, a header value with a control character, a body that does not match its Content-Length type), which
 * java.net.http and RestAssured refuse or repair. One request per connection ({@code Connection: close}).
 * An optional local address (any of 127.0.0.0/8) makes the requests come from another "client" for the services'
 * per-client throttles.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** An answer; {@code status} is -1 when the server closed or reset the connection without one. */
    record Answer(int status, Map<String, String> headers, String body, String error) {
        String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        boolean problemJson() {
            return contentType().toLowerCase(Locale.ROOT).startsWith("application/problem+json");
        }

        String brief() {
            if (status < 0) {
                return "no answer (" + error + ")";
            }
            String b = body == null ? "" : body.replaceAll("\\s+", " ");
            return status + " " + (contentType().isEmpty() ? "(no content-type)" : contentType()) + " "
                    + (b.length() > 300 ? b.substring(0, 300) + "..." : b);
        }
    }

    static final class Request {
        final String method;
        final String target;
        final Map<String, String> headers = new LinkedHashMap<>();
        final List<String> rawHeaderLines = new ArrayList<>();
        byte[] body;

        Request(String method, String target) {
            this.method = method;
            this.target = target;
        }

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request bearer(String token) {
            return token == null ? this : header("Authorization", "Bearer " + token);
        }

        Request body(String contentType, String text) {
            return body(contentType, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
        }

        Request body(String contentType, byte[] bytes) {
            if (contentType != null) {
                headers.put("Content-Type", contentType);
            }
            body = bytes;
            return this;
        }

        /** What a log line shows of this request (the target and body cut short). */
        String brief() {
            String t = target.length() > 160 ? target.substring(0, 160) + "...(" + target.length() + " chars)" : target;
            StringBuilder s = new StringBuilder(method).append(' ').append(t);
            String ct = headers.get("Content-Type");
            if (ct != null) {
                s.append(" [").append(ct.length() > 60 ? ct.substring(0, 60) + "..." : ct).append(']');
            }
            for (String h : rawHeaderLines) {
                s.append(" {").append(h.replaceAll("\\p{Cntrl}", "^")).append('}');
            }
            if (body != null) {
                String b = new String(body, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "^");
                s.append(' ').append(b.length() > 160 ? b.substring(0, 160) + "...(" + body.length + " bytes)" : b);
            }
            return s.toString();
        }
    }

    static Answer send(String baseUrl, Request r) {
        return send(baseUrl, r, null, 20_000);
    }

    static Answer send(String baseUrl, Request r, InetAddress from, int timeoutMillis) {
        URI base = URI.create(baseUrl);
        try (Socket socket = new Socket()) {
            if (from != null) {
                socket.bind(new InetSocketAddress(from, 0));
            }
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(timeoutMillis);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.write((r.method + " " + r.target + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
            head.write(("Host: " + base.getHost() + ":" + base.getPort() + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (var h : r.headers.entrySet()) {
                head.write((h.getKey() + ": " + h.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            for (String line : r.rawHeaderLines) {
                head.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (!r.headers.containsKey("Accept")) {
                head.write("Accept: application/json, application/problem+json, */*\r\n".getBytes(StandardCharsets.UTF_8));
            }
            head.write(("Content-Length: " + (r.body == null ? 0 : r.body.length) + "\r\n").getBytes(StandardCharsets.UTF_8));
            head.write("Connection: close\r\n\r\n".getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            IOException writing = null;
            try {
                out.write(head.toByteArray());
                if (r.body != null) {
                    out.write(r.body);
                }
                out.flush();
            } catch (IOException e) {
                writing = e; // the server may have answered (413, 400) and closed before reading it all
            }
            try {
                return read(socket.getInputStream());
            } catch (IOException e) {
                if (writing != null) {
                    e.addSuppressed(writing);
                }
                throw e;
            }
        } catch (IOException e) {
            return new Answer(-1, Map.of(), "", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (headBytes.size() == 0) {
                    throw new IOException("connection closed without an answer");
                }
                break;
            }
            headBytes.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status = Integer.parseInt(statusLine[1].trim());
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            if (c > 0) {
                headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
            }
        }
        if (headers.getOrDefault("content-type", "").startsWith("text/event-stream")) {
            return new Answer(status, headers, "(event stream)", null); // a stream: the head is the answer
        }
        byte[] body;
        try {
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = chunked(in);
            } else if (headers.containsKey("content-length")) {
                body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            } else {
                body = in.readAllBytes();
            }
        } catch (SocketTimeoutException e) {
            body = "(body timed out)".getBytes(StandardCharsets.UTF_8);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), null);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    size.append((char) b);
                }
            }
            if (b < 0) {
                return out.toByteArray();
            }
            String s = size.toString().split(";")[0].trim();
            int n = s.isEmpty() ? 0 : Integer.parseInt(s, 16);
            if (n == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(n));
            in.read();
            in.read(); // CRLF
        }
    }
}
