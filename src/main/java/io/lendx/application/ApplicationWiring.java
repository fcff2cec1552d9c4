package io.lendx.application;

import io.lendx.subscription.ChangeSubscriptions;
import io.lendx.subscription.Change;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.lendx.auth.Caller;
import io.lendx.auth.Callers;
import io.lendx.graphql.Arguments;
import io.lendx.graphql.Connection;
import io.lendx.graphql.Connections;
import io.lendx.graphql.FeatureWiring;
import io.lendx.paging.PageRequest;
import io.lendx.pool.Pool;
import io.lendx.pool.PoolLoaders;
import io.lendx.user.User;
import io.lendx.user.UserLoaders;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;

@Singleton
public class ApplicationWiring implements FeatureWiring {

    private final ApplicationService service;
    private final ApplicationRepository applications;
    private final ChangeSubscriptions subscriptions;

    public ApplicationWiring(ApplicationService service, ApplicationRepository applications,
                             ChangeSubscriptions subscriptions) {
        this.service = service;
        this.applications = applications;
        this.subscriptions = subscriptions;
    }

    @Override
    public String schemaFile() {
        return "application.graphqls";
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type
                .dataFetcher("application", env -> ApplicationLoaders.APPLICATION_BY_ADDRESS
                        .load(env, env.getArgument("address")))
                .dataFetcher("applications", this::applications));
        wiring.type("LoanApplication", type -> type
                .dataFetcher("borrower", UserLoaders.USER_BY_ADDRESS.of(LoanApplication::borrowerAddress))
                .dataFetcher("pool", PoolLoaders.POOL_BY_ADDRESS.of(LoanApplication::poolAddress)));
        wiring.type("User", type -> type.dataFetcher("applications", env -> ApplicationLoaders
                .APPLICATIONS_OF_BORROWER.connection(env, env.<User>getSource().address(), state(env))));
        wiring.type("Pool", type -> type.dataFetcher("applications", env -> ApplicationLoaders
                .APPLICATIONS_OF_POOL.connection(env, env.<Pool>getSource().address(), state(env))));
        wiring.type("Subscription", type -> type.dataFetcher("applicationUpdated",
                env -> subscriptions.of(env, Change.Kind.APPLICATION, applications::findById)));
        wiring.type("Mutation", type -> type
                .dataFetcher("submitApplication", this::submitApplication)
                .dataFetcher("rejectApplication", this::rejectApplication));
    }

    private Mono<SubmitApplicationPayload> submitApplication(DataFetchingEnvironment env) {
        Caller caller = Callers.require(env);
        return service.submit(caller, Arguments.input(env, "input", SubmitApplicationInput.class))
                .map(SubmitApplicationPayload::new);
    }

    private Mono<RejectApplicationPayload> rejectApplication(DataFetchingEnvironment env) {
        Caller caller = Callers.require(env);
        return service.reject(caller, Arguments.input(env, "input", RejectApplicationInput.class))
                .map(RejectApplicationPayload::new);
    }

    private CompletableFuture<Connection<LoanApplication>> applications(DataFetchingEnvironment env) {
        ApplicationFilter filter = Arguments.filter(env, ApplicationFilter.class);
        PageRequest<LoanApplication> page = Arguments.page(env, ApplicationRepository.TABLE);
        return Connections.of(env, applications.findPage(filter, page), () -> applications.countMatching(filter));
    }

    private static ApplicationState state(DataFetchingEnvironment env) {
        return Arguments.enumValue(env.getArgument("state"), ApplicationState.class);
    }
}
