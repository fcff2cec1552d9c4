package io.lendx.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/** {@code lendx.auth.*}: key lifetimes and the optional bootstrap admin key. */
@ConfigurationProperties("lendx.auth")
public class AuthConfiguration {

    static final int MIN_ADMIN_KEY_LENGTH = 32;

    @Nullable
    private String adminApiKey;
    private Duration lastUsedResolution = Duration.ofMinutes(1);

    @Nullable
    public String getAdminApiKey() {
        return adminApiKey;
    }

    public void setAdminApiKey(@Nullable String adminApiKey) {
        this.adminApiKey = adminApiKey == null || adminApiKey.isBlank() ? null : adminApiKey;
    }

    public Duration getLastUsedResolution() {
        return lastUsedResolution;
    }

    public void setLastUsedResolution(Duration lastUsedResolution) {
        this.lastUsedResolution = lastUsedResolution;
    }
}
