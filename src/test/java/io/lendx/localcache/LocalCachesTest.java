package io.lendx.localcache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A cache's upkeep runs on the thread that triggers it, not on a pool thread woken for it. */
class LocalCachesTest {

    @Test
    void anEvictionHappensWithinTheWriteThatCausesIt() {
        List<String> evictedOn = new ArrayList<>();
        Cache<String, String> cache = LocalCaches.newBuilder().maximumSize(1)
                .<String, String>evictionListener((key, value, cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        evictedOn.add(Thread.currentThread().getName());
                    }
                })
                .build();

        cache.put("first", "1");
        cache.put("second", "2");

        assertEquals(List.of(Thread.currentThread().getName()), evictedOn);
        assertEquals(1, cache.asMap().size());
    }
}
