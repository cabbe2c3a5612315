package dev.shutter.projections.config;

import org.bson.Document;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
class MongoHealthConfig {

    /**
     * Replaces Boot's indicator, which sends {@code hello}: the in-process MongoDB of devstack
     * and the tests does not know that command and would report the service down. Every MongoDB
     * answers {@code ping}.
     */
    @Bean
    HealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return () -> {
            Document answer = mongo.executeCommand(new Document("ping", 1));
            return Health.up().withDetail("ok", answer.get("ok")).build();
        };
    }
}
