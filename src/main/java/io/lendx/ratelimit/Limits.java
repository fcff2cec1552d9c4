package io.lendx.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Where the token buckets and lockouts live: this instance's memory, or Redis for every instance. */
interface Limits {

    /** Takes one token from the named bucket, creating it with {@code configuration} if new. */
    CompletableFuture<ConsumptionProbe> consume(String bucket, BucketConfiguration configuration);

    /** How long the address is still locked out, if it is. */
    CompletableFuture<Optional<Duration>> lockout(String address);

    CompletableFuture<Void> lockOut(String address, Duration lockout);
}
