package dev.shutter.media.publishing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AmqpConfig {

    private static final Logger log = LoggerFactory.getLogger(AmqpConfig.class);

    /** Declared again by the admin on every new connection, so a restarted broker gets it back. */
    @Bean
    TopicExchange eventsExchange(AmqpProperties properties) {
        return new TopicExchange(properties.exchange(), true, false);
    }

    /** Declares the exchange at start; a broker that is down then only delays it to the first publish. */
    @Bean
    ApplicationRunner declareEventsExchange(AmqpAdmin admin, TopicExchange eventsExchange) {
        return args -> {
            try {
                admin.declareExchange(eventsExchange);
            } catch (AmqpException e) {
                log.warn("Could not declare exchange {} at start: {}", eventsExchange.getName(), e.getMessage());
            }
        };
    }
}
