package dev.shutter.command.auth;

import java.util.Arrays;
import java.util.Properties;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Prints what one sign-in costs the command side: bcrypt's hash and verify time at the strength command-side.yml
 * configures ({@code shutter.security.bcrypt-strength}), or at the strength given as the first argument.
 *
 * <pre>
 * ./mvnw -B -q -pl command-side test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath
 * java -cp command-side/target/test-classes:command-side/target/classes:$(cat command-side/target/test.classpath) \
 *     dev.shutter.command.auth.LoginCost [strength]
 * </pre>
 */
public final class LoginCost {

    private static final int WARM_UP = 5;
    private static final int ROUNDS = 20;

    private LoginCost() {}

    public static void main(String[] args) {
        int strength = args.length > 0 ? Integer.parseInt(args[0]) : configuredStrength();
        BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(strength);
        String password = "correct horse battery staple";
        String hash = encoder.encode(password);
        for (int i = 0; i < WARM_UP; i++) {
            encoder.matches(password, encoder.encode(password));
        }
        double[] hashMillis = new double[ROUNDS];
        double[] verifyMillis = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            encoder.encode(password);
            hashMillis[i] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            if (!encoder.matches(password, hash)) {
                throw new IllegalStateException("bcrypt does not verify its own hash");
            }
            verifyMillis[i] = (System.nanoTime() - start) / 1e6;
        }
        System.out.printf(
                "bcrypt strength %d (2^%d rounds), %d runs on %d cores (%s):%n  hash   median %.1f ms, min %.1f ms%n"
                        + "  verify median %.1f ms, min %.1f ms (one sign-in; one core signs in about %.0f users a second)%n",
                strength,
                strength,
                ROUNDS,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                median(hashMillis),
                min(hashMillis),
                median(verifyMillis),
                min(verifyMillis),
                1000 / median(verifyMillis));
    }

    private static int configuredStrength() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("command-side.yml"));
        Properties properties = yaml.getObject();
        return Integer.parseInt(properties.getProperty("shutter.security.bcrypt-strength", "10"));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }
}
