package dev.shutter.command.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shutter.command.DomainErrorDetails;
import dev.shutter.command.DomainException;
import dev.shutter.command.ErrorCode;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a rejected command reaches the caller of {@code sendAndWait} on the local command bus. */
class CommandExceptionPropagationTest {

    private SimpleCommandBus commandBus;
    private CommandGateway gateway;

    @BeforeEach
    void setUp() {
        commandBus = SimpleCommandBus.builder().build();
        commandBus.subscribe(String.class.getName(), message -> {
            throw new Rejected();
        });
        gateway = DefaultCommandGateway.builder().commandBus(commandBus).build();
    }

    @Test
    void theLocalBusHandsTheHandlersExceptionToTheCallerAsItIs() {
        assertThatThrownBy(() -> gateway.sendAndWait("do it")).isExactlyInstanceOf(Rejected.class);
    }

    @Test
    void theInterceptorCarriesTheErrorCodeInCommandExecutionExceptionDetails() {
        commandBus.registerHandlerInterceptor(new CommandBusConfiguration().domainErrorsAsDetails());

        assertThatThrownBy(() -> gateway.sendAndWait("do it"))
                .isInstanceOfSatisfying(CommandExecutionException.class, e -> assertThat(e.getDetails())
                        .contains(new DomainErrorDetails(ErrorCode.FORBIDDEN, "not you")));
    }

    private static final class Rejected extends DomainException {
        Rejected() {
            super(ErrorCode.FORBIDDEN, "not you");
        }
    }
}
