package dev.shutter.command.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The address of the client behind a request: the direct peer, unless the peer is a trusted proxy, in which case the
 * rightmost address of {@code X-Forwarded-For} that is not itself a trusted proxy. Entries left of that one were
 * written by the client and are never believed.
 */
@Component
public class ClientAddress {

    private final List<Network> trusted;

    ClientAddress(LoginThrottleProperties properties) {
        this.trusted = properties.trustedProxies().stream().map(Network::parse).toList();
    }

    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        if (!isTrusted(peer)) {
            return normalized(peer);
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            client = hops.get(i);
            if (!isTrusted(client)) {
                break;
            }
        }
        return normalized(client);
    }

    private boolean isTrusted(String address) {
        InetAddress parsed = literal(address);
        return parsed != null && trusted.stream().anyMatch(network -> network.contains(parsed));
    }

    /** One spelling per address, so that {@code ::1} and {@code 0:0:0:0:0:0:0:1} count together. */
    private static String normalized(String address) {
        InetAddress parsed = literal(address);
        return parsed == null ? address : parsed.getHostAddress();
    }

    /** Only IP literals: a host name in a header must not trigger a DNS lookup. */
    private static InetAddress literal(String address) {
        String value =
                address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!value.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            return null;
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Network(byte[] prefix, int bits) {

        static Network parse(String cidr) {
            String[] parts = cidr.strip().split("/");
            InetAddress address = literal(parts[0]);
            if (address == null) {
                throw new IllegalArgumentException("Not an IP address or CIDR range: " + cidr);
            }
            byte[] bytes = address.getAddress();
            int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : bytes.length * 8;
            return new Network(bytes, bits);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((candidate[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
