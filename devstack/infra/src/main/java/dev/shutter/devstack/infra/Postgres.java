package dev.shutter.devstack.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server: the one configured by {@code SHUTTER_POSTGRES_URL}, the one answering on 127.0.0.1:5432, or an
 * embedded one.
 */
public final class Postgres implements AutoCloseable {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String UNIQUE_VIOLATION = "23505";

    private final ServerAddress server;
    private final EmbeddedPostgres embedded;
    private final Set<String> freshDatabases = ConcurrentHashMap.newKeySet();

    private Postgres(ServerAddress server, EmbeddedPostgres embedded) {
        this.server = server;
        this.embedded = embedded;
    }

    /**
     * Uses a configured or locally running PostgreSQL, else starts an embedded one.
     *
     * @param dataDir where an embedded server keeps its data across runs; {@code null} for a throwaway server
     */
    public static Postgres start(Path dataDir) {
        if (!Reachability.embeddedForced()) {
            var configured = Reachability.env("SHUTTER_POSTGRES_URL");
            if (configured.isPresent()) {
                return new Postgres(
                        ServerAddress.parse(
                                configured.get(),
                                Reachability.env("SHUTTER_POSTGRES_USER").orElse("postgres"),
                                Reachability.env("SHUTTER_POSTGRES_PASSWORD").orElse("")),
                        null);
            }
            if (Reachability.answersOnLoopback(5432)) {
                return new Postgres(
                        ServerAddress.parse("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", ""), null);
            }
        }
        return startEmbedded(dataDir);
    }

    private static Postgres startEmbedded(Path dataDir) {
        try {
            var builder = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1");
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            EmbeddedPostgres pg = builder.start();
            return new Postgres(
                    ServerAddress.parse("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres", "postgres", ""),
                    pg);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(embeddedFailure(dataDir), e);
        }
    }

    private static String embeddedFailure(Path dataDir) {
        return "Embedded PostgreSQL did not start"
                + (dataDir == null ? "" : " with its data in " + dataDir.toAbsolutePath())
                + ". Alternatively run a PostgreSQL on 127.0.0.1:5432 (user postgres, trust authentication) or set"
                + " SHUTTER_POSTGRES_URL, SHUTTER_POSTGRES_USER and SHUTTER_POSTGRES_PASSWORD.";
    }

    /** The database of that name, created if it does not exist yet. */
    public JdbcDatabase database(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Database name must be lowercase letters, digits and underscores, at most 63 characters: " + name);
        }
        try (Connection connection =
                DriverManager.getConnection(server.url("postgres"), server.username, server.password)) {
            if (!exists(connection, name)) {
                create(connection, name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on " + server.url("postgres"), e);
        }
        return new JdbcDatabase(server.url(name), server.username, server.password);
    }

    /**
     * A new database whose name starts with the prefix (lowercased, other characters than letters, digits and
     * underscores replaced by underscores), for a test that wants to start from nothing. It is dropped on
     * {@link #close()}.
     */
    public JdbcDatabase freshDatabase(String prefix) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String base = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (base.isEmpty() || Character.isDigit(base.charAt(0))) {
            base = "db_" + base;
        }
        String name = truncate(base, 63 - suffix.length() - 1) + "_" + suffix;
        JdbcDatabase database = database(name);
        freshDatabases.add(name);
        return database;
    }

    /** Whether this server was started by this process (as opposed to one that was already running). */
    public boolean embedded() {
        return embedded != null;
    }

    /** Drops the fresh databases and stops the server if it was started here. */
    @Override
    public void close() {
        dropFreshDatabases();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }

    private void dropFreshDatabases() {
        if (freshDatabases.isEmpty()) {
            return;
        }
        try (Connection connection =
                        DriverManager.getConnection(server.url("postgres"), server.username, server.password);
                Statement statement = connection.createStatement()) {
            // FORCE (PostgreSQL 13+) ends connections pools have not closed yet
            String force = connection.getMetaData().getDatabaseMajorVersion() >= 13 ? " WITH (FORCE)" : "";
            for (String name : Set.copyOf(freshDatabases)) {
                try {
                    statement.execute("DROP DATABASE IF EXISTS " + name + force);
                    freshDatabases.remove(name);
                } catch (SQLException e) {
                    // a database still in use stays behind; it does no harm but disk space
                }
            }
        } catch (SQLException e) {
            // the server is gone already: nothing left to clean up
        }
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void create(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // the name was checked against DATABASE_NAME, so it is a safe identifier
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            // another process created it in the meantime: that is just as good
            if (!DUPLICATE_DATABASE.equals(e.getSQLState()) && !UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static String truncate(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length);
    }

    /** A server's JDBC URL split into the part before the database name, and the part after it. */
    private record ServerAddress(String prefix, String parameters, String username, String password) {

        static ServerAddress parse(String jdbcUrl, String username, String password) {
            if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
            }
            int query = jdbcUrl.indexOf('?');
            String address = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
            String parameters = query < 0 ? "" : jdbcUrl.substring(query);
            int slash = address.indexOf('/', "jdbc:postgresql://".length());
            String hostAndPort = slash < 0 ? address : address.substring(0, slash);
            return new ServerAddress(hostAndPort + "/", parameters, username, password);
        }

        String url(String database) {
            return prefix + database + parameters;
        }
    }
}
