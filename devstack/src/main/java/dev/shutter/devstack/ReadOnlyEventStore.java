package dev.shutter.devstack;

import dev.shutter.devstack.infra.JdbcDatabase;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Consumers read the event store read-only: the rebuilds of projections and push-dispatcher log in as
 * {@code <database>_reader}, which may only SELECT the event tables and the users' keys ({@code user_keys}), as
 * {@code shutter_reader} in docker-compose. One role per event store database, since roles are shared by the whole
 * server; its password is new on every start.
 */
final class ReadOnlyEventStore {

    private ReadOnlyEventStore() {}

    /** Creates or refreshes the reader role; call once the command side has created the event tables. */
    static JdbcDatabase grant(JdbcDatabase owner) {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        String password = HexFormat.of().formatHex(secret);
        String role;
        try (Connection connection = DriverManager.getConnection(owner.url(), owner.username(), owner.password());
                Statement statement = connection.createStatement()) {
            String database = connection.getCatalog();
            role = roleFor(database);
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "') THEN "
                    + "CREATE ROLE " + role + " LOGIN; END IF; END $$");
            statement.execute("ALTER ROLE " + role + " WITH LOGIN PASSWORD '" + password + "'");
            statement.execute("ALTER ROLE " + role + " SET default_transaction_read_only = on");
            statement.execute("GRANT CONNECT ON DATABASE \"" + database + "\" TO " + role);
            statement.execute("GRANT USAGE ON SCHEMA public TO " + role);
            statement.execute("GRANT SELECT ON domain_event_entry, snapshot_event_entry, user_keys TO " + role);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not grant read-only access to the event store", e);
        }
        return new JdbcDatabase(owner.url(), role, password);
    }

    static String roleFor(String database) {
        return database + "_reader";
    }
}
