package io.lendx.execution;

import io.lendx.replica.Route;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.dataloader.DataLoaderRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A request whose replica statement was cancelled by recovery is marked to be asked of the primary. */
class RecoveryConflictTest {

    private static final R2dbcTransientResourceException CONFLICT = new R2dbcTransientResourceException(
            "canceling statement due to conflict with recovery", "40001");

    @Test
    void aReplicaStatementCancelledByRecoveryMarksTheRequest() {
        RequestWorkQueue onReplica = queue(Route.REPLICA);

        CompletableFuture<Object> batch = onReplica.batch(Mono.error(CONFLICT));
        CompletableFuture<Object> root = onReplica.continueHere(CompletableFuture.failedFuture(
                new IllegalStateException("mapped", CONFLICT)));

        assertTrue(batch.isCompletedExceptionally() && root.isCompletedExceptionally());
        assertTrue(onReplica.replicaConflict());
    }

    @Test
    void otherFailuresAndPrimaryStatementsDoNot() {
        RequestWorkQueue onReplica = queue(Route.REPLICA);
        onReplica.batch(Mono.error(new R2dbcDataIntegrityViolationException("duplicate key", "23505")));
        RequestWorkQueue onPrimary = queue(Route.PRIMARY);
        onPrimary.batch(Mono.error(CONFLICT));

        assertFalse(onReplica.replicaConflict());
        assertFalse(onPrimary.replicaConflict());
    }

    private static RequestWorkQueue queue(Route route) {
        return new RequestWorkQueue(new DataLoaderRegistry(), Runnable::run, route, null);
    }
}
