package dev.shutter.command.relay;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RelayConfiguration {

    /**
     * Axon's default error handler logs a failing event handler and moves on, which would advance
     * the token past an event the broker never got; propagating makes the batch fail instead.
     */
    @Bean
    ConfigurerModule relayFailuresStopTheRelay() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerListenerInvocationErrorHandler(
                AmqpRelay.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance()));
    }
}
