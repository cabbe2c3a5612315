package dev.shutter.projections.config;

import com.mongodb.client.MongoClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * One client, one template per view: each view writes only its own database. The templates are
 * injected by name only, so nothing picks one of them up by type by accident.
 */
@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

    @Bean(defaultCandidate = false)
    MongoTemplate profilesMongo(MongoClient client) {
        return new MongoTemplate(client, "profiles");
    }

    @Bean(defaultCandidate = false)
    MongoTemplate socialMongo(MongoClient client) {
        return new MongoTemplate(client, "social");
    }

    @Bean(defaultCandidate = false)
    MongoTemplate postsMongo(MongoClient client) {
        return new MongoTemplate(client, "posts");
    }

    @Bean(defaultCandidate = false)
    MongoTemplate timelinesMongo(MongoClient client) {
        return new MongoTemplate(client, "timelines");
    }
}
