package io.lendx.replica;

import io.lendx.support.Actors;
import io.lendx.support.GraphQLClient;
import io.lendx.support.StreamingReplica;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

/** Base of the tests of one instance on a real primary and a replica that applies commits late. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReplicaTest implements TestPropertyProvider {

    static final String POOL = "query($a: String!) { pool(address: $a) { address } }";

    final StreamingReplica servers;

    @Inject
    GraphQLClient graphql;
    @Inject
    Actors actors;
    @Inject
    EmbeddedServer server;

    ReplicaTest(Duration applyDelay) {
        this.servers = StreamingReplica.start(applyDelay);
    }

    /** The test's own settings, on top of the servers'. */
    abstract Map<String, String> settings();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = servers.applicationProperties();
        properties.putAll(settings());
        return properties;
    }

    @AfterAll
    void stopTheServers() {
        servers.close();
    }

    void awaitReplica(String state) {
        new ReplicaProbe(server).await(state);
    }

    double reads(String target, String reason) {
        return new ReplicaProbe(server).reads(target, reason);
    }
}
