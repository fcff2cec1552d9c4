package io.lendx.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** {@code lendx.rate-limit.*}: request budgets and the lockout after failed authentications. */
@ConfigurationProperties("lendx.rate-limit")
public class RateLimitConfiguration {

    private boolean enabled = true;
    /** Requests an API key may make per {@link #period}. */
    private long perKey = 600;
    /** Requests an anonymous client address may make per {@link #period}. */
    private long perAddress = 120;
    private Duration period = Duration.ofMinutes(1);
    /** Failed authentications from one address that trigger a lockout, within {@link #failureWindow}. */
    private int maxFailedAuthentications = 10;
    private Duration failureWindow = Duration.ofMinutes(5);
    private Duration lockout = Duration.ofMinutes(15);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public long getPerKey() {
        return perKey;
    }

    public void setPerKey(long perKey) {
        this.perKey = perKey;
    }

    public long getPerAddress() {
        return perAddress;
    }

    public void setPerAddress(long perAddress) {
        this.perAddress = perAddress;
    }

    public Duration getPeriod() {
        return period;
    }

    public void setPeriod(Duration period) {
        this.period = period;
    }

    public int getMaxFailedAuthentications() {
        return maxFailedAuthentications;
    }

    public void setMaxFailedAuthentications(int maxFailedAuthentications) {
        this.maxFailedAuthentications = maxFailedAuthentications;
    }

    public Duration getFailureWindow() {
        return failureWindow;
    }

    public void setFailureWindow(Duration failureWindow) {
        this.failureWindow = failureWindow;
    }

    public Duration getLockout() {
        return lockout;
    }

    public void setLockout(Duration lockout) {
        this.lockout = lockout;
    }
}
