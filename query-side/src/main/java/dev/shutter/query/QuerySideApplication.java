package dev.shutter.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** The REST query API: answers reads from the MongoDB read models that projections keeps. */
@SpringBootApplication
public class QuerySideApplication {

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(QuerySideApplication.class).properties("spring.config.name=query-side");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
