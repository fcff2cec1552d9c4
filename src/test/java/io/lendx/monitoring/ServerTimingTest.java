package io.lendx.monitoring;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServerTimingTest {

    @Test
    void durationsAreMillisecondsToATenth() {
        RequestProfile profile = new RequestProfile(1_000_000_000L);
        profile.statementDone(1_250_000);
        profile.statementDone(2_000_000);
        profile.executed(12_345_678);

        assertEquals("db;dur=3.2, exec;dur=12.3, total;dur=1500.0",
                ServerTiming.of(profile, 2_500_000_000L));
    }

    @Test
    void aRequestThatDidNotExecuteHasNoExecutionTime() {
        RequestProfile profile = new RequestProfile(0);

        assertEquals("db;dur=0.0, exec;dur=0.0, total;dur=0.0", ServerTiming.of(profile, 99_999));
    }
}
