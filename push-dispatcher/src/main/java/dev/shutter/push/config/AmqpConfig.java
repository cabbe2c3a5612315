package dev.shutter.push.config;

import dev.shutter.events.AmqpTopology;
import dev.shutter.platform.amqp.EventsTopology;
import dev.shutter.push.fcm.SendProperties;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The work queue: shares of big fan-outs that every instance consumes with {@code shutter.push.send.concurrency}
 * consumers, named under {@code shutter.amqp.namespace}. The events queue this service consumes is declared with the
 * rest of the events topology by the platform.
 */
@Configuration(proxyBeanMethods = false)
class AmqpConfig {

    @Bean
    Declarables pushWorkTopology(EventsTopology topology) {
        return topology.sharedWorkQueue(AmqpTopology.PUSH_DISPATCHER_WORK_QUEUE);
    }

    /**
     * Several consumers, one unacknowledged work item each, so a slow batch never holds others back on
     * this instance and the rest of the queue stays free for other instances.
     */
    @Bean("pushWorkContainerFactory")
    SimpleRabbitListenerContainerFactory pushWorkContainerFactory(
            ConnectionFactory connectionFactory, SendProperties send) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        factory.setConnectionFactory(connectionFactory);
        factory.setConcurrentConsumers(send.concurrency());
        factory.setMaxConcurrentConsumers(send.concurrency());
        factory.setPrefetchCount(1);
        factory.setAcknowledgeMode(AcknowledgeMode.AUTO);
        factory.setDefaultRequeueRejected(true);
        return factory;
    }
}
