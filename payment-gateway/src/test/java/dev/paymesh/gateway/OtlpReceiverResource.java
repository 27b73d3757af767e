package dev.paymesh.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import dev.paymesh.gateway.mesh.OtlpReceiver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts an {@link OtlpReceiver} for a {@code @QuarkusIntegrationTest}, points the packaged gateway's OTLP exporter at
 * it (http/protobuf, short batch delay) and injects it into the test's field of type {@link OtlpReceiver}.
 */
public class OtlpReceiverResource implements QuarkusTestResourceLifecycleManager {

    private OtlpReceiver receiver;

    @Override
    public Map<String, String> start() {
        try {
            receiver = new OtlpReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the OTLP receiver", e);
        }
        // Passed to the launched gateway as system properties, above application.properties. The traces-specific
        // keys also win over the generic ones, which a Dev Service (OTel-LGTM, where Docker runs) may set as well.
        return Map.of(
                "quarkus.otel.exporter.otlp.endpoint", receiver.endpoint(),
                "quarkus.otel.exporter.otlp.protocol", "http/protobuf",
                "quarkus.otel.exporter.otlp.traces.endpoint", receiver.endpoint(),
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.bsp.schedule.delay", "100ms",
                // The packaged gateway runs the prod profile: without these, a mesh running on this machine (the quick
                // start's 8081 and 8082) would answer the calls BadInputTest expects to fail.
                "quarkus.rest-client.fraud-service.url", "http://localhost:1",
                "quarkus.rest-client.ledger-service.url", "http://localhost:1");
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(receiver, new TestInjector.MatchesType(OtlpReceiver.class));
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }
}
