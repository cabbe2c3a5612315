package dev.shutter.push.fcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import org.junit.jupiter.api.Test;

class EndpointRewritingConnectionFactoryTest {

    private final EndpointRewritingConnectionFactory factory =
            new EndpointRewritingConnectionFactory(URI.create("http://127.0.0.1:9099"));

    @Test
    void sendsFcmRequestsToTheEndpointKeepingPathAndQuery() throws Exception {
        HttpURLConnection connection = factory.openConnection(
                new URL("https://fcm.googleapis.com/v1/projects/shutter-dev/messages:send?alt=json"));

        assertThat(connection.getURL())
                .hasToString("http://127.0.0.1:9099/v1/projects/shutter-dev/messages:send?alt=json");
    }

    @Test
    void rejectsAnEndpointWithoutHost() {
        assertThatThrownBy(() -> new EndpointRewritingConnectionFactory(URI.create("127.0.0.1:9099")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
