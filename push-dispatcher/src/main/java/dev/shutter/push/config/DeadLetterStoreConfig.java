package dev.shutter.push.config;

import dev.shutter.platform.consumer.DeadLetterStore;
import dev.shutter.platform.consumer.MongoDeadLetterStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The event consumer's dead letters live in this service's own MongoDB (collection {@code consumer_dead_letters}).
 * Named here because the service also has a JDBC connection, to the command side's event store, which it reads
 * read-only for rebuilds and must never write to; the platform would otherwise choose between the two by itself.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterStoreConfig {

    @Bean
    DeadLetterStore deadLetterStore(MongoTemplate mongo) {
        return new MongoDeadLetterStore(mongo);
    }
}
