package dev.shutter.command.config;

import dev.shutter.command.personal.SealingSerializer;
import dev.shutter.command.personal.UserKeys;
import java.time.Duration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store: Axon's JDBC engine on the tables Flyway creates (see {@code db/migration}; snake case keeps them
 * usable from plain SQL, e.g. by rebuilds), with events serialized through {@link SealingSerializer}, so the personal
 * data they carry is stored encrypted with each user's own key.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(
            @Qualifier("serializer") Serializer snapshotSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            UserKeys keys,
            PersistenceExceptionResolver persistenceExceptionResolver,
            org.axonframework.config.Configuration axon,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            EventSchema eventSchema,
            @Value("${shutter.relay.gap-timeout:PT5M}") Duration gapTimeout,
            @Value("${shutter.relay.max-gap-offset:1500000}") int maxGapOffset) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer)
                .eventSerializer(SealingSerializer.over(eventSerializer, keys))
                .upcasterChain(axon.upcasterChain())
                .snapshotFilter(axon.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                // A tracking reader (the relay, a rebuild) keeps waiting for a position a transaction has taken but
                // not committed only while it is younger than the gap timeout and less than the max gap offset behind
                // the newest event it has read; after that the event is skipped for good. So no transaction that
                // appends events may outlive either bound: the largest, a batch of follow-request approvals, appends at
                // most shutter.follow-requests.approval-batch-size (500) events; command-side.yml gives the measured
                // durations and append rates the two values come from.
                .gapTimeout(Math.toIntExact(gapTimeout.toMillis()))
                .maxGapOffset(maxGapOffset)
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }
}
