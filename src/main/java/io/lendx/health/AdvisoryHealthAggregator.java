package io.lendx.health;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.aggregator.DefaultHealthAggregator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.runtime.ApplicationConfiguration;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Micronaut's aggregation, except that {@link AdvisoryHealthIndicator}s only add their details:
 * Micronaut counts every check that is not a liveness check towards readiness, and a DOWN Redis
 * must not take serving instances out of the load balancer.
 */
@Singleton
@Replaces(DefaultHealthAggregator.class)
public class AdvisoryHealthAggregator extends DefaultHealthAggregator {

    private final Set<String> advisory;

    public AdvisoryHealthAggregator(ApplicationConfiguration configuration, List<AdvisoryHealthIndicator> advisory) {
        super(configuration);
        this.advisory = advisory.stream().map(AdvisoryHealthIndicator::name).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    protected HealthStatus calculateOverallStatus(List<HealthResult> results) {
        return super.calculateOverallStatus(results.stream()
                .filter(result -> !advisory.contains(result.getName()))
                .toList());
    }
}
