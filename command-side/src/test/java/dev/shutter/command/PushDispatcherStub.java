package dev.shutter.command;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for push-dispatcher's API where the command side reads it (the export of one's data): notification
 * settings and an inbox of two pages, or 503 while {@link #down} is set. It remembers the tokens it was called with.
 */
public final class PushDispatcherStub {

    static final String SETTINGS = "{\"newPost\":true,\"like\":false,\"mutedAccounts\":[],\"language\":\"pt-BR\"}";
    static final String FIRST_PAGE =
            "{\"items\":[{\"type\":\"like\",\"text\":\"stub liked your post\"}]," + "\"nextCursor\":\"page-2\"}";
    static final String SECOND_PAGE =
            "{\"items\":[{\"type\":\"new_follower\",\"text\":\"stub started following you\"}],\"nextCursor\":null}";

    private final HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    private PushDispatcherStub() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/users/me/notification-settings", exchange -> answer(exchange, SETTINGS));
        server.createContext(
                "/api/notifications",
                exchange -> answer(
                        exchange,
                        String.valueOf(exchange.getRequestURI().getQuery()).contains("cursor=page-2")
                                ? SECOND_PAGE
                                : FIRST_PAGE));
        server.start();
    }

    static PushDispatcherStub start() {
        return new PushDispatcherStub();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<String> authorizations() {
        return authorizations;
    }

    public void down(boolean down) {
        this.down = down;
    }

    private void answer(HttpExchange exchange, String json) throws IOException {
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        byte[] body = (down ? "{\"code\":\"UNAVAILABLE\"}" : json).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(down ? 503 : 200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
