package dev.paymesh.ledger.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * Which spans the processor rewrites. That the reactive SQL client's spans really come from the scope it checks is
 * proven end to end by {@code LedgerServiceIT}, which receives them with {@code db.system=postgresql}.
 */
class PostgresDbSystemSpanProcessorTest {

    static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
    static final AttributeKey<String> DB_NAME = AttributeKey.stringKey("db.name");

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider tracing = SdkTracerProvider.builder()
            .addSpanProcessor(new PostgresDbSystemSpanProcessor())
            .addSpanProcessor(SimpleSpanProcessor.create(exported))
            .build();

    @AfterEach
    void close() {
        tracing.close();
    }

    Attributes startAndEnd(String scope, String dbSystem) {
        tracing.get(scope).spanBuilder("SELECT payment").setAttribute(DB_SYSTEM, dbSystem).startSpan().end();
        return exported.getFinishedSpanItems().get(0).getAttributes();
    }

    @Test
    void theSqlClientTracersDatabaseNameBecomesDbNameAndDbSystemPostgresql() {
        Attributes attributes = startAndEnd("io.quarkus.opentelemetry", "paymesh");
        assertEquals("postgresql", attributes.get(DB_SYSTEM));
        assertEquals("paymesh", attributes.get(DB_NAME));
        assertEquals("paymesh", attributes.get(AttributeKey.stringKey("db.namespace")));
    }

    @Test
    void theStableDbSystemNameIsFixedToo() {
        AttributeKey<String> dbSystemName = AttributeKey.stringKey("db.system.name");
        tracing.get("io.quarkus.opentelemetry").spanBuilder("SELECT payment").setAttribute(dbSystemName, "paymesh")
                .startSpan().end();
        Attributes attributes = exported.getFinishedSpanItems().get(0).getAttributes();
        assertEquals("postgresql", attributes.get(dbSystemName));
        assertEquals("paymesh", attributes.get(AttributeKey.stringKey("db.namespace")));
        assertNull(attributes.get(DB_SYSTEM), "no old-convention attribute is added");
    }

    @Test
    void anotherInstrumentationsDbSystemIsLeftAsItIs() {
        Attributes attributes = startAndEnd("io.opentelemetry.jdbc", "mysql");
        assertEquals("mysql", attributes.get(DB_SYSTEM));
        assertNull(attributes.get(DB_NAME));
    }
}
