package dev.shutter.platform.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.platform.PlatformAutoConfiguration;
import dev.shutter.platform.amqp.EventsTopology;
import java.time.Clock;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.amqp.CachingConnectionFactoryConfigurer;
import org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.data.mongo.MongoDataAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The outbox of every service that owns a MongoDB: an {@link Outbox} to record events with writes, and the
 * {@link OutboxRelay} that publishes them to the events exchange of {@code shutter.amqp.namespace}, on a broker
 * connection of its own with publisher confirms and returns (whatever the service's own connection uses).
 */
@AutoConfiguration(
        after = {
            PlatformAutoConfiguration.class,
            RabbitAutoConfiguration.class,
            MongoDataAutoConfiguration.class,
            JacksonAutoConfiguration.class
        })
@ConditionalOnClass(MongoTemplate.class)
@ConditionalOnBean({MongoTemplate.class, ConnectionFactory.class, EventsTopology.class})
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    OutboxPublisher outboxPublisher(
            ConnectionFactory serviceConnections,
            ObjectProvider<CachingConnectionFactoryConfigurer> configurer,
            EventsTopology topology,
            OutboxProperties properties,
            ObjectProvider<AmqpAdmin> admin) {
        return new OutboxPublisher(
                connections(serviceConnections, configurer), topology.exchange(), properties.confirmTimeout(), () -> {
                    if (admin.getIfAvailable() instanceof RabbitAdmin rabbitAdmin) {
                        rabbitAdmin.initialize();
                    }
                });
    }

    @Bean
    OutboxRelay outboxRelay(
            MongoTemplate mongo, OutboxPublisher publisher, OutboxProperties properties, ObjectProvider<Clock> clock) {
        return new OutboxRelay(mongo, publisher, properties, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    Outbox outbox(ObjectMapper objectMapper, OutboxRelay relay, ObjectProvider<Clock> clock) {
        return new Outbox(objectMapper, relay, clock.getIfAvailable(Clock::systemUTC));
    }

    /**
     * A connection factory of the outbox's own, to the broker the service uses (same client settings, addresses and
     * credentials), with correlated confirms and returns.
     */
    private static CachingConnectionFactory connections(
            ConnectionFactory serviceConnections, ObjectProvider<CachingConnectionFactoryConfigurer> configurer) {
        if (!(serviceConnections instanceof AbstractConnectionFactory service)) {
            throw new IllegalStateException("The outbox needs a Spring AMQP connection factory to copy, not "
                    + serviceConnections.getClass().getName());
        }
        CachingConnectionFactory own = new CachingConnectionFactory(service.getRabbitConnectionFactory());
        CachingConnectionFactoryConfigurer bootSettings = configurer.getIfAvailable();
        if (bootSettings != null) {
            bootSettings.configure(own);
        }
        own.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        own.setPublisherReturns(true);
        own.setConnectionNameStrategy(factory -> "outbox");
        return own;
    }
}
