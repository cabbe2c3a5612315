package dev.shutter.projections;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shutter.projections.support.ItInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The live projections on the shared test infrastructure, in a namespace of this run's own. */
@SpringBootTest(properties = "spring.config.name=projections")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveProjectionIT extends LiveProjectionContract {

    private static final ItInfrastructure INFRA = new ItInfrastructure();

    LiveProjectionIT(@Autowired RabbitTemplate rabbit, @Autowired ObjectMapper objectMapper) {
        super(rabbit, objectMapper, INFRA.mongo()::template);
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.register(registry);
    }

    @AfterAll
    void removeBrokerObjects(@Autowired ApplicationContext context) {
        INFRA.removeBrokerObjects(context);
    }

    @Override
    String exchange() {
        return INFRA.exchange();
    }
}
