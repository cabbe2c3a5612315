package dev.shutter.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.platform.amqp.EventsTopology;
import dev.shutter.platform.consumer.ConsumerProperties;
import dev.shutter.platform.consumer.DeadLetterController;
import dev.shutter.platform.consumer.DeadLetterStore;
import dev.shutter.platform.consumer.JdbcDeadLetterStore;
import dev.shutter.platform.consumer.MongoDeadLetterStore;
import dev.shutter.platform.consumer.OrderedConsumers;
import dev.shutter.platform.wire.WireDecoder;
import java.time.Clock;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every service gets from the platform: the events topology declared ({@code shutter.amqp.namespace}), the wire
 * decoder, and ordered consumers with dead letters in the store the service owns (its MongoDB, or else its
 * PostgreSQL) and their admin API.
 */
@AutoConfiguration(
        after = {
            RabbitAutoConfiguration.class,
            JacksonAutoConfiguration.class,
            MongoDataAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class
        })
@ConditionalOnClass(RabbitTemplate.class)
@ConditionalOnBean(ConnectionFactory.class)
@EnableConfigurationProperties(ConsumerProperties.class)
public class PlatformAutoConfiguration {

    /** The listener container factory of every ordered queue. */
    public static final String ORDERED_CONTAINER_FACTORY = "orderedListenerContainerFactory";

    @Bean
    @ConditionalOnMissingBean
    EventsTopology eventsTopology(@Value("${shutter.amqp.namespace:}") String namespace) {
        return new EventsTopology(namespace);
    }

    @Bean
    Declarables shutterEventsTopology(EventsTopology topology) {
        return topology.declarables();
    }

    @Bean
    @ConditionalOnMissingBean
    WireDecoder platformWireDecoder(ObjectMapper objectMapper) {
        return new WireDecoder(objectMapper);
    }

    /**
     * One consumer per instance (the queue's single active consumer decides which instance consumes), messages read
     * ahead, acknowledged after the handler returned. The {@link dev.shutter.platform.consumer.OrderedConsumer}
     * retries and parks by itself; a message is only given back when the container stops in the middle of it.
     */
    @Bean(ORDERED_CONTAINER_FACTORY)
    SimpleRabbitListenerContainerFactory orderedListenerContainerFactory(
            ConnectionFactory connectionFactory, @Value("${shutter.consumer.prefetch:50}") int prefetch) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        factory.setConnectionFactory(connectionFactory);
        factory.setConcurrentConsumers(1);
        factory.setMaxConcurrentConsumers(1);
        factory.setPrefetchCount(prefetch);
        factory.setAcknowledgeMode(AcknowledgeMode.AUTO);
        factory.setDefaultRequeueRejected(true);
        return factory;
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MongoTemplate.class)
    static class MongoDeadLetters {

        @Bean
        @ConditionalOnBean(MongoTemplate.class)
        @ConditionalOnMissingBean(DeadLetterStore.class)
        DeadLetterStore mongoDeadLetterStore(MongoTemplate mongo) {
            return new MongoDeadLetterStore(mongo);
        }
    }

    /** Only for a service without MongoDB: one that has both reads the event store over JDBC, read-only. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JdbcTemplate.class)
    static class JdbcDeadLetters {

        @Bean
        @ConditionalOnBean(JdbcTemplate.class)
        @ConditionalOnMissingBean(
                value = DeadLetterStore.class,
                type = "org.springframework.data.mongodb.core.MongoTemplate")
        DeadLetterStore jdbcDeadLetterStore(JdbcTemplate jdbc, ObjectMapper objectMapper) {
            return new JdbcDeadLetterStore(jdbc, objectMapper);
        }
    }

    @Bean
    OrderedConsumers orderedConsumers(
            WireDecoder decoder,
            DeadLetterStore deadLetters,
            ConsumerProperties properties,
            ObjectProvider<Clock> clock) {
        return new OrderedConsumers(decoder, deadLetters, properties, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnWebApplication
    DeadLetterController consumerDeadLetterController(OrderedConsumers consumers) {
        return new DeadLetterController(consumers);
    }
}
