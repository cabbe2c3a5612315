package dev.shutter.push;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Sends push notifications to followers' devices. Only live events from RabbitMQ trigger notifications; the event
 * store is read (read-only) by an operator's rebuild of the read model, which never notifies anyone.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PushDispatcherApplication {

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(PushDispatcherApplication.class)
                .properties("spring.config.name=push-dispatcher");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
