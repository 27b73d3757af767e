package dev.paymesh.ledger.observability;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * How the service's metrics look in Prometheus: every series has a {@code service} label (the lab's PromQL filters on
 * it), and the HTTP request timers are histograms, bounded to 1 ms..30 s so {@code histogram_quantile} works without a
 * flood of buckets.
 */
@Singleton
public class MeterFilters {

    /** Only these get buckets: the other http.* meters count bytes or connections, where time bounds mean nothing. */
    private static final Set<String> REQUEST_TIMERS = Set.of("http.server.requests", "http.client.requests");

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
                if (id.getType() != Meter.Type.TIMER || !REQUEST_TIMERS.contains(id.getName())) {
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
