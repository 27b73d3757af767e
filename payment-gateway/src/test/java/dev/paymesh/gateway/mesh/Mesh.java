package dev.paymesh.gateway.mesh;

import static io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_SERVER;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The whole mesh on loopback: a real PostgreSQL (embedded binaries), ledger-service, fraud-service and
 * payment-gateway as three processes, all exporting OTLP to one {@link OtlpReceiver}.
 */
public final class Mesh implements AutoCloseable {

    public final OtlpReceiver otlp;
    public final EmbeddedPostgres postgres;
    public final ServiceProcess ledger;
    public final ServiceProcess fraud;
    public final ServiceProcess gateway;

    private Mesh(OtlpReceiver otlp, EmbeddedPostgres postgres, ServiceProcess ledger, ServiceProcess fraud,
            ServiceProcess gateway) {
        this.otlp = otlp;
        this.postgres = postgres;
        this.ledger = ledger;
        this.fraud = fraud;
        this.gateway = gateway;
    }

    public static Mesh start() throws IOException {
        return start(Map.of());
    }

    /** @param extraEnvironment more variables for some services, by module name */
    public static Mesh start(Map<String, Map<String, String>> extraEnvironment) throws IOException {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            return start(started, extraEnvironment);
        } catch (IOException | RuntimeException e) {
            // What did start must not outlive the test run: @AfterAll sees no mesh to close.
            IOException closing = closeAll(started);
            if (closing != null) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** @param started filled with each part as it starts, the latest first: the order to stop them in */
    private static Mesh start(List<AutoCloseable> started, Map<String, Map<String, String>> extraEnvironment)
            throws IOException {
        OtlpReceiver otlp = new OtlpReceiver();
        started.add(0, otlp);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        started.add(0, postgres);
        Map<String, String> telemetry = Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", otlp.endpoint(),
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "PAYMESH_ENVIRONMENT", "e2e",
                // Export quickly so the test waits less; sampling stays at 100 %.
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms");

        String database = "localhost:" + postgres.getPort() + "/postgres";
        ServiceProcess ledger = new ServiceProcess("ledger-service", with(telemetry, Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + database,
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + database,
                "QUARKUS_DATASOURCE_USERNAME", "postgres"), extraEnvironment.getOrDefault("ledger-service", Map.of())));
        started.add(0, ledger);
        ledger.start();
        ServiceProcess fraud = new ServiceProcess("fraud-service", with(telemetry, Map.of(
                "FRAUD_LATENCY_BASE", "0ms",
                "FRAUD_LATENCY_JITTER", "0ms",
                "FRAUD_SLOW_PATH_PROBABILITY", "0",
                "FRAUD_FAILURE_RATE", "0",
                "FRAUD_HONOUR_BAGGAGE", "true"), extraEnvironment.getOrDefault("fraud-service", Map.of())));
        started.add(0, fraud);
        fraud.start();
        // Generous timeouts: these tests assert the trace, not latency, and a cold JVM on 2 busy cores is slow.
        ServiceProcess gateway = new ServiceProcess("payment-gateway", with(telemetry, Map.of(
                "FRAUD_SERVICE_URL", fraud.urlByName(),
                "LEDGER_SERVICE_URL", ledger.urlByName(),
                "FRAUD_TIMEOUT_MS", "15000",
                "LEDGER_TIMEOUT_MS", "15000"), extraEnvironment.getOrDefault("payment-gateway", Map.of())));
        started.add(0, gateway);
        gateway.start();
        return new Mesh(otlp, postgres, ledger, fraud, gateway);
    }

    /** The telemetry variables, then the service's own, then what the test adds. */
    private static Map<String, String> with(Map<String, String> common, Map<String, String> own,
            Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(common);
        all.putAll(own);
        all.putAll(extra);
        return all;
    }

    /** The trace whose gateway SERVER span names the payment, as received so far; null before that span arrives. */
    public TraceTree traceOfPayment(String paymentId) {
        return otlp.spans().stream()
                .filter(span -> span.kind() == SPAN_KIND_SERVER && span.service().equals("payment-gateway")
                        && paymentId.equals(span.attribute("payment.id")))
                .findFirst().map(span -> new TraceTree(otlp.trace(span.traceId()))).orElse(null);
    }

    @Override
    public void close() throws IOException {
        IOException failure = closeAll(List.of(gateway, fraud, ledger, postgres, otlp));
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes every part, even when one fails, so no process of the mesh outlives the test; returns the failures. */
    private static IOException closeAll(List<AutoCloseable> parts) {
        IOException failure = null;
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IOException("Could not stop the whole mesh", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }
}
