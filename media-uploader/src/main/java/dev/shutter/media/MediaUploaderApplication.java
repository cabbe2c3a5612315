package dev.shutter.media;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MediaUploaderApplication {

    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(MediaUploaderApplication.class)
                .properties("spring.config.name=media-uploader");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
