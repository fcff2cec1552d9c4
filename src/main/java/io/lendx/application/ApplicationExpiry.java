package io.lendx.application;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Expires undecided applications once their dissolution date has passed. */
@Singleton
@Requires(property = "lendx.expiry.enabled", notEquals = "false")
public class ApplicationExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationExpiry.class);

    private final ApplicationService applications;

    public ApplicationExpiry(ApplicationService applications) {
        this.applications = applications;
    }

    @Scheduled(fixedDelay = "${lendx.expiry.interval:1m}", initialDelay = "${lendx.expiry.interval:1m}")
    void expire() {
        applications.expirePending().subscribe(
                expired -> {
                    if (expired > 0) {
                        LOG.info("Expired {} pending applications past their dissolution date", expired);
                    }
                },
                failure -> LOG.error("Could not expire pending applications", failure));
    }
}
