package dev.paymesh.gateway.observability;

import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Gives every series a {@code service} label (the lab's PromQL filters on it) and turns the HTTP timers into
 * Prometheus histograms, bounded to 1 ms..30 s so {@code histogram_quantile} works without a flood of buckets.
 */
@Singleton
public class HttpMetricsCustomizer {

    @Produces
    @Singleton
    MeterFilter serviceLabel(@ConfigProperty(name = "quarkus.application.name") String service) {
        return MeterFilter.commonTags(List.of(Tag.of("service", service)));
    }

    @Produces
    @Singleton
    MeterFilter httpHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().startsWith("http.")) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .minimumExpectedValue(1_000_000.0)
                        .maximumExpectedValue(30_000_000_000.0)
                        .build()
                        .merge(config);
            }
        };
    }
}
