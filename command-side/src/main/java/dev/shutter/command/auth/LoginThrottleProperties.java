package dev.shutter.command.auth;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Brute-force limits ({@code shutter.security.login-throttle}) and the proxies whose {@code X-Forwarded-For} is
 * believed ({@code shutter.security.trusted-proxies}: addresses or CIDR ranges).
 */
@ConfigurationProperties("shutter.security")
record LoginThrottleProperties(LoginThrottle loginThrottle, List<String> trustedProxies) {

    /** Loopback and private networks, where devstack's gateway and compose's nginx live; clients never do. */
    static final List<String> PRIVATE_NETWORKS =
            List.of("127.0.0.0/8", "::1", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7");

    LoginThrottleProperties {
        loginThrottle = loginThrottle == null ? new LoginThrottle(null, null, null) : loginThrottle;
        trustedProxies = trustedProxies == null ? PRIVATE_NETWORKS : trustedProxies;
    }

    record LoginThrottle(Limit account, Limit address, Duration forgetAfter) {

        LoginThrottle {
            account = account == null
                    ? new Limit(5, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofMinutes(15))
                    : account;
            address = address == null
                    ? new Limit(50, Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1))
                    : address;
            forgetAfter = forgetAfter == null ? Duration.ofDays(1) : forgetAfter;
        }
    }

    /**
     * {@code maxFailures} wrong passwords within {@code window} refuse further attempts for {@code lockout}, doubled
     * at each further lockout up to {@code maxLockout}.
     */
    record Limit(int maxFailures, Duration window, Duration lockout, Duration maxLockout) {

        Limit {
            if (maxFailures < 1 || window == null || lockout == null || maxLockout == null) {
                throw new IllegalArgumentException(
                        "A login throttle limit needs max-failures (at least 1), window, lockout and max-lockout");
            }
        }
    }
}
