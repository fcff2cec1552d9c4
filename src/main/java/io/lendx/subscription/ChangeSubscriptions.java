package io.lendx.subscription;

import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import io.lendx.graphql.Continuations;
import io.lendx.graphql.RequestTime;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderRegistry;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The source of a subscription field such as {@code loanUpdated}: the committed changes of one
 * kind whose keys match the field's arguments, each read back as the object is now. Each event
 * is handed to the subscription's own work queue with its DataLoaders emptied, so that its
 * nested fields batch like a query's and never see a value cached for an earlier event, nor
 * the time an earlier event was answered at ({@link RequestTime}).
 */
@Singleton
public class ChangeSubscriptions {

    private final ChangeFeed feed;
    /** Subscriptions listening now (the lendx_ws_subscriptions gauge). */
    private final AtomicInteger live = new AtomicInteger();

    public ChangeSubscriptions(ChangeFeed feed, MeterRegistry meters) {
        this.feed = feed;
        meters.gauge("lendx.ws.subscriptions", live);
    }

    /** {@code current} reads the object by address (empty if it is gone). */
    public <T> Publisher<T> of(DataFetchingEnvironment env, Change.Kind kind, Function<String, Mono<T>> current) {
        var filters = env.getArguments();
        Continuations work = Continuations.of(env);
        DataLoaderRegistry loaders = env.getDataLoaderRegistry();
        GraphQLContext request = env.getGraphQlContext();
        return feed.changes()
                .doOnSubscribe(listening -> live.incrementAndGet())
                .doFinally(ended -> live.decrementAndGet())
                .filter(change -> change.type() == kind && change.matches(filters))
                .concatMap(change -> current.apply(change.address()))
                // Each event is handed over as a task of the queue (not a value completed there,
                // which a fast queue can finish before the subscriber attaches, leaving the event
                // on a driver thread where nothing dispatches its DataLoaders).
                .publishOn(Schedulers.fromExecutor(work), 1)
                .doOnNext(value -> {
                    loaders.getDataLoaders().forEach(DataLoader::clearAll);
                    RequestTime.forget(request);
                });
    }
}
