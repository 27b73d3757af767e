package dev.paymesh.ledger.observability;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Quarkus 3.33's reactive SQL client tracer fills {@code db.system} from Vert.x's {@code db.instance} tag, which is the
 * database <em>name</em>. This service only speaks to PostgreSQL, so the processor restores the semantic-convention
 * value when each SQL span starts and keeps the name where the conventions put it ({@code db.name} /
 * {@code db.namespace}). Fixing it here, at span creation, makes every exporter and backend see the right value. With
 * {@code OTEL_SEMCONV_STABILITY_OPT_IN=database} (or {@code database/dup}) the tracer writes the same name into the
 * stable {@code db.system.name}, which is fixed alike.
 * <p>
 * Only spans of that tracer's instrumentation scope are touched, so a {@code db.system} that another instrumentation
 * set (a JDBC agent, a span made by hand) is never overwritten. Quarkus's Vert.x tracers for HTTP, the event bus and
 * the Redis client share the scope; of these only the Redis one sets {@code db.system}, and this service has no
 * Redis client.
 */
@ApplicationScoped
public class PostgresDbSystemSpanProcessor implements SpanProcessor {

    /** The scope {@code SqlClientInstrumenterVertxTracer} (quarkus-opentelemetry) builds its instrumenter with. */
    static final String SQL_CLIENT_TRACER_SCOPE = "io.quarkus.opentelemetry";
    static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
    static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");
    static final AttributeKey<String> DB_NAME = AttributeKey.stringKey("db.name");
    static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");
    static final String POSTGRESQL = "postgresql";

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        if (!SQL_CLIENT_TRACER_SCOPE.equals(span.getInstrumentationScopeInfo().getName())) {
            return;
        }
        String database = restorePostgresql(span, DB_SYSTEM);
        if (database != null) {
            span.setAttribute(DB_NAME, database);
            span.setAttribute(DB_NAMESPACE, database);
        }
        String stableDatabase = restorePostgresql(span, DB_SYSTEM_NAME);
        if (stableDatabase != null) {
            span.setAttribute(DB_NAMESPACE, stableDatabase);
        }
    }

    /** Sets {@code postgresql} under {@code key}; returns the database name the tracer had put there, or null. */
    private static String restorePostgresql(ReadWriteSpan span, AttributeKey<String> key) {
        String value = span.getAttribute(key);
        if (value == null || POSTGRESQL.equals(value)) {
            return null;
        }
        span.setAttribute(key, POSTGRESQL);
        return value;
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
