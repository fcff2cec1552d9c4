package io.lendx.loan;

import io.lendx.subscription.ChangeSubscriptions;
import io.lendx.subscription.Change;
import graphql.GraphQLContext;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.idl.RuntimeWiring;
import io.lendx.application.ApplicationLoaders;
import io.lendx.application.LoanApplication;
import io.lendx.auth.Caller;
import io.lendx.auth.Callers;
import io.lendx.graphql.Arguments;
import io.lendx.graphql.Connection;
import io.lendx.graphql.Connections;
import io.lendx.graphql.FeatureWiring;
import io.lendx.graphql.RequestTime;
import io.lendx.graphql.ResponseHints;
import io.lendx.graphql.SourceField;
import io.lendx.paging.PageRequest;
import io.lendx.pool.Pool;
import io.lendx.pool.PoolLoaders;
import io.lendx.user.User;
import io.lendx.user.UserLoaders;
import jakarta.inject.Singleton;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletableFuture;

@Singleton
public class LoanWiring implements FeatureWiring {

    private final LoanService service;
    private final LoanRepository loans;
    private final ChangeSubscriptions subscriptions;

    public LoanWiring(LoanService service, LoanRepository loans, ChangeSubscriptions subscriptions) {
        this.service = service;
        this.loans = loans;
        this.subscriptions = subscriptions;
    }

    @Override
    public String schemaFile() {
        return "loan.graphqls";
    }

    @Override
    public void wire(RuntimeWiring.Builder wiring) {
        wiring.type("Query", type -> type
                .dataFetcher("loan", env -> LoanLoaders.LOAN_BY_ADDRESS.load(env, env.getArgument("address")))
                .dataFetcher("loans", this::loans));
        wiring.type("Loan", type -> type
                .dataFetcher("pool", PoolLoaders.POOL_BY_ADDRESS.of(Loan::poolAddress))
                .dataFetcher("borrower", UserLoaders.USER_BY_ADDRESS.of(Loan::borrowerAddress))
                .dataFetcher("lender", UserLoaders.USER_BY_ADDRESS.of(Loan::lenderAddress))
                .dataFetcher("application", ApplicationLoaders.APPLICATION_BY_ADDRESS.of(Loan::applicationAddress))
                .dataFetcher("isOverdue", SourceField.<Loan>of(this::isOverdue)));
        wiring.type("LoanApplication", type -> type.dataFetcher("loan", LoanLoaders.LOAN_BY_APPLICATION.of(LoanApplication::address)));
        wiring.type("Pool", type -> type.dataFetcher("loans",
                env -> LoanLoaders.LOANS_OF_POOL.connection(env, env.<Pool>getSource().address(), state(env))));
        wiring.type("User", type -> type
                .dataFetcher("loansAsBorrower",
                        env -> LoanLoaders.LOANS_OF_BORROWER.connection(env, env.<User>getSource().address(),
                                state(env)))
                .dataFetcher("loansAsLender",
                        env -> LoanLoaders.LOANS_OF_LENDER.connection(env, env.<User>getSource().address(),
                                state(env))));
        wiring.type("Subscription", type -> type.dataFetcher("loanUpdated",
                env -> subscriptions.of(env, Change.Kind.LOAN, loans::findById)));
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
        if (filter.overdue() != null) {
            // Which loans are overdue changes as end dates pass, with no write to announce it.
            ResponseHints.changesWithTime(env);
        }
        PageRequest<Loan> page = Arguments.page(env, LoanRepository.TABLE);
        return Connections.of(env, loans.findPage(filter, page), () -> loans.countMatching(filter));
    }

    private boolean isOverdue(Loan loan, GraphQLContext request) {
        boolean overdue = loan.isOverdueAt(RequestTime.of(request, service::now));
        if (!overdue && loan.state() == LoanState.ONGOING) {
            ResponseHints.changesAt(request, loan.endDate());
        }
        return overdue;
    }

    private static LoanState state(DataFetchingEnvironment env) {
        return Arguments.enumValue(env.getArgument("state"), LoanState.class);
    }
}
