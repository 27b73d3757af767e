package dev.paymesh.gateway.observability;

import java.io.IOException;

import jakarta.inject.Singleton;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkiverse.loggingjson.JsonGenerator;
import io.quarkiverse.loggingjson.JsonProvider;

/**
 * Writes the OpenTelemetry ids that Quarkus keeps in the MDC as top-level {@code trace_id} and {@code span_id}, the
 * field names the lab's LogQL and the Loki/Tempo correlation use.
 */
@Singleton
public class TraceIdLogFields implements JsonProvider {

    @Override
    public void writeTo(JsonGenerator generator, ExtLogRecord record) throws IOException {
        String traceId = record.getMdc("traceId");
        if (traceId != null && !traceId.isEmpty()) {
            generator.writeStringField("trace_id", traceId);
            generator.writeStringField("span_id", record.getMdc("spanId"));
        }
    }
}
