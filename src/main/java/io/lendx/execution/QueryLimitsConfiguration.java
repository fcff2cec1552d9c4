package io.lendx.execution;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** {@code lendx.graphql.*}: what one request may ask of the server. */
@ConfigurationProperties("lendx.graphql")
public class QueryLimitsConfiguration {

    private int maxDepth = 12;
    private int maxCost = 25_000;
    private int maxAliases = 30;
    private int maxRootFields = 20;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private boolean introspectionEnabled = true;
    /**
     * One per core. Measured on two cores at 64 connections: 2 at once cost 23 ms of CPU per
     * nested page, 4 cost 27 ms, unbounded 37 ms (bench/run.sh).
     */
    private int maxConcurrentExecutions = Runtime.getRuntime().availableProcessors();

    public int getMaxDepth() {
        return maxDepth;
    }

    public void setMaxDepth(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    public int getMaxCost() {
        return maxCost;
    }

    public void setMaxCost(int maxCost) {
        this.maxCost = maxCost;
    }

    public int getMaxAliases() {
        return maxAliases;
    }

    public void setMaxAliases(int maxAliases) {
        this.maxAliases = maxAliases;
    }

    public int getMaxRootFields() {
        return maxRootFields;
    }

    public void setMaxRootFields(int maxRootFields) {
        this.maxRootFields = maxRootFields;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public int getMaxConcurrentExecutions() {
        return maxConcurrentExecutions;
    }

    public void setMaxConcurrentExecutions(int maxConcurrentExecutions) {
        this.maxConcurrentExecutions = maxConcurrentExecutions;
    }

    public boolean isIntrospectionEnabled() {
        return introspectionEnabled;
    }

    public void setIntrospectionEnabled(boolean introspectionEnabled) {
        this.introspectionEnabled = introspectionEnabled;
    }
}
