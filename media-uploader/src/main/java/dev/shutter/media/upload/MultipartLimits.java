package dev.shutter.media.upload;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.web.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * The servlet container enforces the upload limit while it reads the request, so an oversized
 * upload is refused (413) before anything of it is processed. Parts always go to disk.
 */
@Configuration(proxyBeanMethods = false)
class MultipartLimits {

    /** Room for the multipart boundaries and part headers around the file itself. */
    private static final DataSize FORM_OVERHEAD = DataSize.ofKilobytes(64);

    @Bean
    MultipartConfigElement multipartConfigElement(MediaProperties properties) {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(properties.maxUploadSize());
        factory.setMaxRequestSize(DataSize.ofBytes(properties.maxUploadSize().toBytes() + FORM_OVERHEAD.toBytes()));
        factory.setFileSizeThreshold(DataSize.ofBytes(0));
        return factory.createMultipartConfig();
    }
}
