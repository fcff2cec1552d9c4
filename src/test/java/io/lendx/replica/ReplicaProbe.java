package io.lendx.replica;

import io.lendx.support.Eventually;
import io.lendx.support.InstanceProbe;
import io.micronaut.runtime.server.EmbeddedServer;

import java.time.Duration;

/** What an instance says of its replica: the state in its health details, and its routed reads. */
final class ReplicaProbe {

    private final InstanceProbe instance;

    ReplicaProbe(EmbeddedServer server) {
        this.instance = new InstanceProbe(server);
    }

    void await(String state) {
        Eventually.within(Duration.ofSeconds(30), () -> state.equals(instance.health()
                .at("/details/replica/details/state").asText()), "the replica to be " + state);
    }

    /** Operations counted in {@code lendx_db_reads_total} with this target and reason. */
    double reads(String target, String reason) {
        return instance.metric("lendx_db_reads_total", "target=\"" + target + "\"", "reason=\"" + reason + "\"");
    }
}
