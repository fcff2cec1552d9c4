package io.lendx.ops;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.endpoint.health.filter.HealthResultFilter;

/**
 * Micronaut's {@link HealthResultFilter} (a health answer's status, 503 when DOWN) on every path
 * instead of the three health paths: it acts on health answers only, and one filter with a path
 * pattern made Micronaut match and sort the filters of every request ({@code RequestPaths}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Replaces(HealthResultFilter.class)
@Requires(beans = HealthEndpoint.class)
public class HealthStatusFilter {

    /** Micronaut's own, called rather than copied (its constructor is protected). */
    private final HealthResultFilter micronauts;

    public HealthStatusFilter(HealthEndpoint health) {
        this.micronauts = new HealthResultFilter(health) {
        };
    }

    @ResponseFilter
    public void status(MutableHttpResponse<?> response) {
        micronauts.doFilter(response);
    }
}
