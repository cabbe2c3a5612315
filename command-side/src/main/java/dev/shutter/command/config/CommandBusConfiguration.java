package dev.shutter.command.config;

import dev.shutter.command.DomainErrorDetails;
import dev.shutter.command.DomainException;
import java.time.Clock;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class CommandBusConfiguration {

    /**
     * Carries a broken business rule across the command bus as {@code CommandExecutionException}
     * details, which any command bus keeps, unlike exception types.
     */
    @Bean
    MessageHandlerInterceptor<CommandMessage<?>> domainErrorsAsDetails() {
        return (unitOfWork, chain) -> {
            try {
                return chain.proceed();
            } catch (DomainException e) {
                throw new CommandExecutionException(
                        e.getMessage(), e, new DomainErrorDetails(e.code(), e.getMessage()));
            }
        };
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * bcrypt at {@code shutter.security.bcrypt-strength} (log2 of the rounds, 10 by default). Lower it only for load
     * generators that register many accounts, never in production.
     */
    @Bean
    PasswordEncoder passwordEncoder(@Value("${shutter.security.bcrypt-strength:10}") int strength) {
        return new PrehashingBcrypt(strength);
    }
}
