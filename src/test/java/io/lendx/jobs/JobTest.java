package io.lendx.jobs;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JobTest {

    @Test
    void everyJobHasALockKeyOfItsOwn() {
        long distinct = Arrays.stream(Job.values()).mapToLong(Job::lockKey).distinct().count();

        assertEquals(Job.values().length, distinct);
    }
}
