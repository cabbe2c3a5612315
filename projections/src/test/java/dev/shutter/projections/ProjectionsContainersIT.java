package dev.shutter.projections;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import dev.shutter.devstack.infra.TestInfrastructure;
import dev.shutter.events.AmqpTopology;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.containers.RabbitMQContainer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.lifecycle.Startables;

/**
 * The live projections against the MongoDB and RabbitMQ versions Shutter is deployed with, each in
 * a container of its own, so the default names (no namespace) are used. The other tests run
 * on an in-process MongoDB stand-in; this one proves the read models on the real server.
 *
 * <p>Live consumption never reads the event store (only rebuilds do), so no PostgreSQL is started.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = "spring.config.name=projections")
class ProjectionsContainersIT extends LiveProjectionContract {

    private static final MongoDBContainer MONGODB = new MongoDBContainer("mongo:7");
    private static final RabbitMQContainer RABBITMQ = new RabbitMQContainer("rabbitmq:4.1-management-alpine");

    ProjectionsContainersIT(
            @Autowired RabbitTemplate rabbit, @Autowired ObjectMapper objectMapper, @Autowired MongoClient mongo) {
        super(rabbit, objectMapper, database -> new MongoTemplate(mongo, database));
    }

    /**
     * Starts the containers here rather than through {@code @Container}: Spring resolves these
     * properties while it creates the test instance, before the Testcontainers extension would have
     * started them. They live until the JVM exits, after the Spring context has closed.
     */
    @DynamicPropertySource
    static void containers(DynamicPropertyRegistry registry) {
        Startables.deepStart(MONGODB, RABBITMQ).join();
        registry.add("spring.data.mongodb.uri", MONGODB::getConnectionString);
        registry.add("spring.rabbitmq.host", RABBITMQ::getHost);
        registry.add("spring.rabbitmq.port", RABBITMQ::getAmqpPort);
        registry.add("spring.rabbitmq.username", RABBITMQ::getAdminUsername);
        registry.add("spring.rabbitmq.password", RABBITMQ::getAdminPassword);
        registry.add("spring.rabbitmq.virtual-host", () -> "/");
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.public-key-location",
                () -> "file:" + TestInfrastructure.jwtKeys().publicKeyFile());
    }

    @Test
    void readModelsAreStoredOnTheDeployedMongoDbVersion() {
        assertThat(profiles.executeCommand(new Document("buildInfo", 1)).getString("version"))
                .startsWith("7.");
    }

    @Override
    String exchange() {
        return AmqpTopology.EXCHANGE;
    }
}
