package io.lendx.ops;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.endpoint.health.filter.HealthResultFilter;
import io.micronaut.management.health.indicator.HealthResult;

/**
 * Micronaut's {@link HealthResultFilter} (a health answer's status, 503 when DOWN) on every path
 * instead of the three health paths: it acts on health answers only, and one filter with a path
 * pattern made Micronaut match and sort the filters of every request ({@code RequestPaths}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Replaces(HealthResultFilter.class)
@Requires(beans = HealthEndpoint.class)
public class HealthStatusFilter {

    private final HealthEndpoint health;

    public HealthStatusFilter(HealthEndpoint health) {
        this.health = health;
    }

    @ResponseFilter
    public void status(MutableHttpResponse<?> response) {
        if (response.body() instanceof HealthResult result) {
            HealthStatus status = result.getStatus();
            HttpStatus mapped = health.getStatusConfiguration().getHttpMapping().get(status.getName());
            if (mapped != null) {
                response.status(mapped);
            } else if (!status.getOperational().orElse(true)) {
                response.status(HttpStatus.SERVICE_UNAVAILABLE);
            }
        }
    }
}
