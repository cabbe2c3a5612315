package dev.shutter.projections;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class ProjectionsApplication {

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ProjectionsApplication.class).properties("spring.config.name=projections");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
