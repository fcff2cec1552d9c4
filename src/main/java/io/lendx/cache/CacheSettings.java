package io.lendx.cache;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import jakarta.inject.Singleton;

/** LENDX_CACHE_ENABLED, LENDX_CACHE_MAX_BYTES and LENDX_CACHE_VERIFY_RATE (checked at start-up by OperationalSettings). */
@Singleton
public class CacheSettings {

    private final boolean enabled;
    private final long maxBytes;
    private final double verifyRate;

    public CacheSettings(@Value("${lendx.cache.enabled:true}") boolean enabled,
                         @Value("${lendx.cache.max-bytes:64MB}") @ReadableBytes long maxBytes,
                         @Value("${lendx.cache.verify-rate:0}") double verifyRate) {
        this.enabled = enabled;
        this.maxBytes = maxBytes;
        this.verifyRate = verifyRate;
    }

    public boolean enabled() {
        return enabled;
    }

    long maxBytes() {
        return maxBytes;
    }

    double verifyRate() {
        return verifyRate;
    }
}
