package dev.shutter.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresIT {

    @Test
    void localPostgresIsUsedWhenItAnswersOnTheDefaultPort() throws Exception {
        assumeTrue(!Reachability.embeddedForced()
                && Reachability.env("SHUTTER_POSTGRES_URL").isEmpty());
        assumeTrue(Reachability.answersOnLoopback(5432), "no PostgreSQL on 127.0.0.1:5432");
        JdbcDatabase fresh;
        JdbcDatabase named;
        try (Postgres postgres = Postgres.start(null)) {
            assertThat(postgres.embedded()).isFalse();
            fresh = postgres.freshDatabase("Infra-Test");
            named = postgres.database("infra_named_" + Long.toHexString(System.nanoTime()));

            assertThat(fresh.url()).startsWith("jdbc:postgresql://127.0.0.1:5432/infra_test_");
            assertThat(currentDatabase(fresh)).isEqualTo(nameOf(fresh));
            assertThat(currentDatabase(named)).isEqualTo(nameOf(named));
        }
        try (Postgres postgres = Postgres.start(null)) {
            assertThat(databases(postgres)).doesNotContain(nameOf(fresh)).contains(nameOf(named));
            try (Connection connection = open(postgres.database("postgres"));
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP DATABASE " + nameOf(named));
            }
        }
    }

    @Test
    void embeddedPostgresCreatesDatabasesOnTheLoopbackInterface() throws Exception {
        try (Postgres postgres = Forced.embedded(() -> Postgres.start(null))) {
            assertThat(postgres.embedded()).isTrue();
            JdbcDatabase named = postgres.database("event_store");
            JdbcDatabase again = postgres.database("event_store");
            JdbcDatabase fresh = postgres.freshDatabase("event_store");

            assertThat(again).isEqualTo(named);
            assertThat(fresh.url()).isNotEqualTo(named.url()).contains("/event_store_");
            assertThat(currentDatabase(named)).isEqualTo("event_store");
            try (Connection connection = open(fresh);
                    Statement statement = connection.createStatement();
                    ResultSet address = statement.executeQuery("SELECT host(inet_server_addr())")) {
                address.next();
                assertThat(address.getString(1)).isEqualTo("127.0.0.1");
            }
        }
    }

    @Test
    void embeddedPostgresWithDataDirectoryKeepsDataAcrossRestart(@TempDir Path dataDir) throws Exception {
        Path pgData = dataDir.resolve("postgres");
        try (Postgres postgres = Forced.embedded(() -> Postgres.start(pgData))) {
            try (Connection connection = open(postgres.database("kept"));
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE notes (text varchar(20))");
                statement.execute("INSERT INTO notes VALUES ('still here')");
            }
        }
        try (Postgres restarted = Forced.embedded(() -> Postgres.start(pgData))) {
            try (Connection connection = open(restarted.database("kept"));
                    Statement statement = connection.createStatement();
                    ResultSet notes = statement.executeQuery("SELECT text FROM notes")) {
                assertThat(notes.next()).isTrue();
                assertThat(notes.getString(1)).isEqualTo("still here");
            }
        }
    }

    @Test
    void refusesDatabaseNamesThatAreNotPlainIdentifiers() {
        try (Postgres postgres = Forced.embedded(() -> Postgres.start(null))) {
            assertThatThrownBy(() -> postgres.database("x; DROP DATABASE postgres"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static String currentDatabase(JdbcDatabase database) throws SQLException {
        try (Connection connection = open(database);
                Statement statement = connection.createStatement();
                ResultSet name = statement.executeQuery("SELECT current_database()")) {
            name.next();
            return name.getString(1);
        }
    }

    private static Connection open(JdbcDatabase database) throws SQLException {
        return DriverManager.getConnection(database.url(), database.username(), database.password());
    }

    private static String nameOf(JdbcDatabase database) {
        return database.url().substring(database.url().lastIndexOf('/') + 1);
    }

    private static List<String> databases(Postgres postgres) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = open(postgres.database("postgres"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
