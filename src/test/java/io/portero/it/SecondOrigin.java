package io.portero.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * A second web origin on 127.0.0.1 (another port than Portero's), as a frontend deployed apart
 * from its API: it serves the test pages under {@code src/test/resources/browser/}, the client
 * modules exactly as the built WAR carries them (a frontend bundling its own copy), and React's
 * UMD builds from the test-scoped WebJars. Its port is reserved by the build and listed in the
 * browser execution's {@code PORTERO_HTTP_CORS_ALLOWED_ORIGINS}.
 */
final class SecondOrigin implements AutoCloseable {

    private static final Map<String, String> REACT = Map.of(
            "/react/react.js", "META-INF/resources/webjars/react/18.3.1/umd/react.production.min.js",
            "/react/react-dom.js", "META-INF/resources/webjars/react-dom/18.3.1/umd/react-dom.production.min.js");

    private final HttpServer server;
    private final Path war;
    final int port;

    SecondOrigin(int port, Path war) {
        this.war = war;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.start();
        this.port = server.getAddress().getPort();
    }

    String origin() {
        return "http://127.0.0.1:" + port;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = null;
            if (path.startsWith("/portero-")) {
                try (ZipFile zip = new ZipFile(war.toFile())) {
                    var entry = zip.getEntry(path.substring(1));
                    if (entry != null) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            body = in.readAllBytes();
                        }
                    }
                }
            } else {
                String resource = REACT.getOrDefault(path, "browser" + path);
                if (!resource.contains("..")) {
                    try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
                        body = in == null ? null : in.readAllBytes();
                    }
                }
            }
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String type = path.endsWith(".html") ? "text/html; charset=utf-8" : "text/javascript; charset=utf-8";
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
