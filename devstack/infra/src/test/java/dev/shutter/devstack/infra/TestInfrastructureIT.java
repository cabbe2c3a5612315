package dev.shutter.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.DriverManager;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;

class TestInfrastructureIT {

    @Test
    void startsEachServerOnceAndHandsOutTheSameInstance() {
        assertThat(TestInfrastructure.postgres()).isSameAs(TestInfrastructure.postgres());
        assertThat(TestInfrastructure.amqp()).isSameAs(TestInfrastructure.amqp());
        assertThat(TestInfrastructure.mongo()).isSameAs(TestInfrastructure.mongo());
        assertThat(TestInfrastructure.objectStorage()).isSameAs(TestInfrastructure.objectStorage());
        assertThat(TestInfrastructure.jwtKeys()).isSameAs(TestInfrastructure.jwtKeys());
    }

    @Test
    void handsOutServersThatAnswer() throws Exception {
        JdbcDatabase database = TestInfrastructure.postgres().freshDatabase("infra_shared");
        try (var connection = DriverManager.getConnection(database.url(), database.username(), database.password())) {
            assertThat(connection.isValid(5)).isTrue();
        }

        AmqpBroker amqp = TestInfrastructure.amqp();
        var connections = new CachingConnectionFactory(amqp.host(), amqp.port());
        connections.setUsername(amqp.username());
        connections.setPassword(amqp.password());
        connections.setVirtualHost(amqp.virtualHost());
        try {
            assertThat(connections.createConnection().isOpen()).isTrue();
        } finally {
            connections.destroy();
        }

        try (var mongo = MongoClients.create(TestInfrastructure.mongo().uri())) {
            assertThat(mongo.getDatabase("admin")
                            .runCommand(new Document("ping", 1))
                            .get("ok"))
                    .isIn(1, 1.0);
        }

        URI endpoint = TestInfrastructure.objectStorage().endpoint();
        HttpResponse<Void> anonymous = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(endpoint).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(anonymous.statusCode()).isEqualTo(403);

        assertThat(Files.readString(TestInfrastructure.jwtKeys().publicKeyFile()))
                .startsWith("-----BEGIN PUBLIC KEY-----");
    }
}
