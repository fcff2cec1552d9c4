package io.lendx.health;

import io.micronaut.management.health.indicator.HealthIndicator;

/**
 * A check shown in {@code /health}'s details that never makes the instance DOWN or unready:
 * something the instance serves without, such as Redis (it falls back to its own limits).
 */
public interface AdvisoryHealthIndicator extends HealthIndicator {

    /** The name its results carry. */
    String name();
}
