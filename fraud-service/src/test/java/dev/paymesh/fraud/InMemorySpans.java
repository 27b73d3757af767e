package dev.paymesh.fraud;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/** Quarkus's default test exporter is CDI: this bean receives every finished span. */
@ApplicationScoped
public class InMemorySpans {

    @Produces
    @ApplicationScoped
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
