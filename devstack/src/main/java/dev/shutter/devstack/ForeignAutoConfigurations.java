package dev.shutter.devstack;

import java.util.List;
import java.util.function.Predicate;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

/**
 * In devstack every service shares one classpath, so each would pick up the auto-configurations of the others'
 * libraries (Axon in the query side, MongoDB in the command side, ...). This lists, per service, the
 * auto-configurations that belong to a library the service does not use, for {@code spring.autoconfigure.exclude}.
 */
final class ForeignAutoConfigurations {

    private static final Predicate<String> AXON = name -> name.startsWith("org.axonframework.");
    private static final Predicate<String> FLYWAY = name -> name.contains(".autoconfigure.flyway.");
    private static final Predicate<String> MONGO = name -> name.contains(".autoconfigure.mongo.")
            || name.contains(".autoconfigure.data.mongo.")
            || name.contains(".actuate.autoconfigure.data.mongo.")
            || name.contains(".actuate.autoconfigure.mongo.");
    private static final Predicate<String> JDBC = name -> name.contains(".autoconfigure.jdbc.")
            || name.contains(".autoconfigure.sql.")
            || name.contains(".autoconfigure.data.jdbc.")
            || name.contains(".actuate.autoconfigure.jdbc.")
            || name.contains(".autoconfigure.transaction.jta.");
    private static final Predicate<String> RABBIT =
            name -> name.contains(".autoconfigure.amqp.") || name.contains(".actuate.autoconfigure.amqp.");

    private final List<String> candidates;

    private ForeignAutoConfigurations(List<String> candidates) {
        this.candidates = candidates;
    }

    static ForeignAutoConfigurations onClasspath() {
        List<String> names = ImportCandidates.load(AutoConfiguration.class, Devstack.class.getClassLoader())
                .getCandidates();
        return new ForeignAutoConfigurations(names);
    }

    String forCommandSide() {
        return select(MONGO);
    }

    String forProjections() {
        return select(AXON.or(FLYWAY));
    }

    /** media-uploader and push-dispatcher: MongoDB and RabbitMQ, no SQL. */
    String forMongoAndRabbitServices() {
        return select(AXON.or(FLYWAY).or(JDBC));
    }

    /** query-side: reads MongoDB only. */
    String forQuerySide() {
        return select(AXON.or(FLYWAY).or(JDBC).or(RABBIT));
    }

    private String select(Predicate<String> foreign) {
        return String.join(",", candidates.stream().filter(foreign).toList());
    }
}
