package dev.shutter.command.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

    private final ClientAddress clientAddress =
            new ClientAddress(new LoginThrottleProperties(null, List.of("127.0.0.0/8", "10.0.0.0/8")));

    @Test
    void anUntrustedPeerIsTheClientWhateverItsHeadersSay() {
        MockHttpServletRequest request = from("203.0.113.7");
        request.addHeader("X-Forwarded-For", "198.51.100.1");

        assertThat(clientAddress.of(request)).isEqualTo("203.0.113.7");
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightmostAddressNoProxyWrote() {
        MockHttpServletRequest request = from("10.1.2.3");
        request.addHeader("X-Forwarded-For", "198.51.100.1, 203.0.113.9, 10.9.9.9");

        assertThat(clientAddress.of(request)).isEqualTo("203.0.113.9");
    }

    @Test
    void severalForwardedForHeadersReadAsOneList() {
        MockHttpServletRequest request = from("127.0.0.1");
        request.addHeader("X-Forwarded-For", "198.51.100.1");
        request.addHeader("X-Forwarded-For", "203.0.113.9");

        assertThat(clientAddress.of(request)).isEqualTo("203.0.113.9");
    }

    @Test
    void aTrustedProxyWithoutHeaderIsTheClient() {
        assertThat(clientAddress.of(from("127.0.0.1"))).isEqualTo("127.0.0.1");
    }

    @Test
    void aHostNameInTheHeaderIsNeitherLookedUpNorTrusted() {
        MockHttpServletRequest request = from("127.0.0.1");
        request.addHeader("X-Forwarded-For", "localhost");

        assertThat(clientAddress.of(request)).isEqualTo("localhost");
    }

    @Test
    void ipv6AddressesAreComparedInOneSpelling() {
        MockHttpServletRequest request = from("127.0.0.1");
        request.addHeader("X-Forwarded-For", "2001:DB8:0:0:0:0:0:1");

        assertThat(clientAddress.of(request)).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    private static MockHttpServletRequest from(String peer) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/auth/token");
        request.setRemoteAddr(peer);
        return request;
    }
}
