package io.lendx.loan;

import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.lendx.application.ApplicationLoaders;
import io.lendx.application.LoanApplication;
import io.lendx.auth.Caller;
import io.lendx.auth.Callers;
import io.lendx.graphql.Arguments;
import io.lendx.graphql.ChildPages;
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
import java.util.concurrent.CompletionStage;

@Singleton
public class LoanWiring implements FeatureWiring {

    private final LoanService service;

    public LoanWiring(LoanService service) {
        this.service = service;
    }

    @Override
    public String schemaFile() {
        return "loan.graphqls";
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type
                .dataFetcher("loan", env -> LoanLoaders.LOAN_BY_ADDRESS.in(env).load(env.getArgument("address")))
                .dataFetcher("loans", this::loans));
        wiring.type("Loan", type -> type
                .dataFetcher("pool", env -> PoolLoaders.POOL_BY_ADDRESS.in(env).load(loan(env).poolAddress()))
                .dataFetcher("borrower", env -> UserLoaders.USER_BY_ADDRESS.in(env).load(loan(env).borrowerAddress()))
                .dataFetcher("lender", env -> UserLoaders.USER_BY_ADDRESS.in(env).load(loan(env).lenderAddress()))
                .dataFetcher("application", LoanWiring::application)
                .dataFetcher("isOverdue", env -> service.isOverdue(loan(env))));
        wiring.type("LoanApplication", type -> type.dataFetcher("loan", env -> LoanLoaders.LOAN_BY_APPLICATION
                .in(env).load(env.<LoanApplication>getSource().address())));
        wiring.type("Pool", type -> type.dataFetcher("loans",
                env -> children(env, LoanParent.POOL, env.<Pool>getSource().address())));
        wiring.type("User", type -> type
                .dataFetcher("loansAsBorrower",
                        env -> children(env, LoanParent.BORROWER, env.<User>getSource().address()))
                .dataFetcher("loansAsLender",
                        env -> children(env, LoanParent.LENDER, env.<User>getSource().address())));
        wiring.type("Mutation", type -> type
                .dataFetcher("approveApplication", this::approveApplication)
                .dataFetcher("repayLoan", env -> service.repay(Callers.require(env),
                        Arguments.input(env, "input", RepayLoanInput.class)).map(RepayLoanPayload::new))
                .dataFetcher("markLoanDefaulted", env -> service.markDefaulted(
                        Callers.require(env), Arguments.input(env, "input", MarkLoanDefaultedInput.class))
                        .map(MarkLoanDefaultedPayload::new)));
    }

    private Mono<ApproveApplicationPayload> approveApplication(DataFetchingEnvironment env) {
        Caller caller = Callers.require(env);
        return service.approve(caller, Arguments.input(env, "input", ApproveApplicationInput.class));
    }

    private CompletableFuture<Connection<Loan>> loans(DataFetchingEnvironment env) {
        LoanFilter filter = Arguments.filter(env, LoanFilter.class);
        PageRequest<Loan> page = Arguments.page(env, LoanRepository::sortField, "CREATED_AT");
        return Connections.of(env, service.list(filter, page), () -> service.count(filter));
    }

    private static CompletionStage<LoanApplication> application(DataFetchingEnvironment env) {
        String address = loan(env).applicationAddress();
        return address == null ? CompletableFuture.completedFuture(null)
                : ApplicationLoaders.APPLICATION_BY_ADDRESS.in(env).load(address);
    }

    private static CompletableFuture<Connection<Loan>> children(DataFetchingEnvironment env, LoanParent parent,
                                                                String key) {
        LoanState state = Arguments.enumValue(env.getArgument("state"), LoanState.class);
        return ChildPages.connection(env, key, state, LoanRepository.OLDEST_FIRST,
                LoanLoaders.LOANS_BY.get(parent), LoanLoaders.LOAN_COUNT_BY.get(parent));
    }

    private static Loan loan(DataFetchingEnvironment env) {
        return env.getSource();
    }
}
