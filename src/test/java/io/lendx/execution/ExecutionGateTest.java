package io.lendx.execution;

import io.lendx.graphql.Documents;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Admission of executions: a bounded number at once, the rest in arrival order. */
class ExecutionGateTest {

    private static final String HEAVY = "{ pools { nodes { loans { nodes { borrower { did } } } } } }";
    private static final String LIGHT = "{ loan(address: \"L1\") { state } }";

    private final List<Integer> started = new CopyOnWriteArrayList<>();
    private final List<Sinks.One<String>> answers = new ArrayList<>();
    private final Documents documents = new Documents();
    private final ExecutionGate gate = new ExecutionGate(limit(2), documents);

    @Test
    void atMostTheLimitRunAndTheNextStartsWhenOneEnds() {
        List<String> results = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 4; i++) {
            gate.admit(HEAVY, execution(i)).subscribe(results::add);
        }
        assertEquals(List.of(0, 1), started);

        answers.get(1).tryEmitValue("one");
        assertEquals(List.of(0, 1, 2), started);
        assertEquals(2, gate.running());

        answers.get(0).tryEmitValue("zero");
        answers.get(2).tryEmitValue("two");
        answers.get(3).tryEmitValue("three");
        assertEquals(List.of(0, 1, 2, 3), started);
        assertEquals(List.of("one", "zero", "two", "three"), results);
        assertEquals(0, gate.running());
    }

    @Test
    void aRequestThatGivesUpWhileWaitingTakesNoPlace() {
        gate.admit(HEAVY, execution(0)).subscribe();
        gate.admit(HEAVY, execution(1)).subscribe();
        Disposable gaveUp = gate.admit(HEAVY, execution(2)).subscribe();
        gate.admit(HEAVY, execution(3)).subscribe();

        gaveUp.dispose();
        answers.get(0).tryEmitValue("zero");

        assertEquals(List.of(0, 1, 3), started);
        assertEquals(2, gate.running());
    }

    @Test
    void aRequestCancelledWhileRunningFreesItsPlace() {
        Disposable cancelled = gate.admit(HEAVY, execution(0)).subscribe();
        gate.admit(HEAVY, execution(1)).subscribe();
        gate.admit(HEAVY, execution(2)).subscribe();

        cancelled.dispose();

        assertEquals(List.of(0, 1, 2), started);
        assertEquals(2, gate.running());
    }

    @Test
    void aDocumentKnownToBeLightIsNotHeldBack() {
        documents.recordCost(HEAVY, ExecutionGate.LIGHT_COST + 1);
        documents.recordCost(LIGHT, ExecutionGate.LIGHT_COST);
        gate.admit(HEAVY, execution(0)).subscribe();
        gate.admit(HEAVY, execution(1)).subscribe();
        gate.admit(HEAVY, execution(2)).subscribe();
        gate.admit(LIGHT, execution(3)).subscribe();
        gate.admit("{ neverRanBefore }", execution(4)).subscribe();

        assertEquals(List.of(0, 1, 3), started);
        assertEquals(2, gate.running());
    }

    private Mono<String> execution(int number) {
        Sinks.One<String> answer = Sinks.one();
        answers.add(answer);
        return Mono.defer(() -> {
            started.add(number);
            return answer.asMono();
        });
    }

    private static QueryLimitsConfiguration limit(int executions) {
        QueryLimitsConfiguration limits = new QueryLimitsConfiguration();
        limits.setMaxConcurrentExecutions(executions);
        return limits;
    }
}
