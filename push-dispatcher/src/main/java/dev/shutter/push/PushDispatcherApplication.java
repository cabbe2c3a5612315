package dev.shutter.push;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Sends push notifications to followers' devices. It consumes only live events from RabbitMQ and
 * never reads the event store, so nothing it does can be triggered by a replay.
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
