package dev.shutter.push.fcm;

import com.google.api.client.http.javanet.ConnectionFactory;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;

/**
 * Opens every connection at the configured endpoint instead of the host firebase-admin asked for,
 * keeping path and query. firebase-admin has no setting for the FCM host, but it sends all its
 * requests through the {@code HttpTransport} of the {@code FirebaseOptions}.
 */
final class EndpointRewritingConnectionFactory implements ConnectionFactory {

    private final URI endpoint;

    EndpointRewritingConnectionFactory(URI endpoint) {
        if (endpoint.getScheme() == null || endpoint.getHost() == null) {
            throw new IllegalArgumentException("FCM endpoint needs a scheme and a host: " + endpoint);
        }
        this.endpoint = endpoint;
    }

    @Override
    public HttpURLConnection openConnection(URL url) throws IOException {
        return (HttpURLConnection) rewrite(url).openConnection();
    }

    @SuppressWarnings("deprecation") // URI cannot carry the already-encoded file part unchanged
    URL rewrite(URL url) throws IOException {
        return new URL(endpoint.getScheme(), endpoint.getHost(), endpoint.getPort(), url.getFile());
    }
}
