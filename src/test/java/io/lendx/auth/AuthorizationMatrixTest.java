package io.lendx.auth;

import io.lendx.support.Actors;
import io.lendx.support.Actors.Actor;
import io.lendx.support.DatabaseTest;
import io.lendx.support.Fixtures;
import io.lendx.support.GraphQLClient;
import io.lendx.support.GraphQLResponse;
import io.lendx.support.MutableClock;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static io.lendx.support.Actors.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Every mutation against every kind of caller. Each case builds its own data, snapshots what
 * the mutation could change, calls it and checks either its effect or that it was refused with
 * the expected code and changed nothing.
 */
@MicronautTest(transactional = false)
class AuthorizationMatrixTest extends DatabaseTest {

    /** Expected outcome of a call that is allowed. */
    static final String OK = "OK";
    static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    static final String FORBIDDEN = "FORBIDDEN";
    static final String BAD_USER_INPUT = "BAD_USER_INPUT";

    /** Who calls. */
    enum Who {
        /** No Authorization header. */
        ANONYMOUS,
        /** The user the mutation's rules allow (for updateMptBalance: a user holding an ADMIN key). */
        OWNER,
        /** A registered user who is not the owner; where the object has another party, that party. */
        OTHER_USER,
        /** The bootstrap admin key, which belongs to no user. */
        ADMIN
    }

    /** The mutations and what each kind of caller gets: anonymous, owner, other user, admin. */
    enum Mutation {
        REGISTER_USER(OK, OK, OK, OK),
        /** createApiKey without userAddress: a key for the caller itself. */
        CREATE_API_KEY_FOR_CALLER(UNAUTHENTICATED, OK, OK, BAD_USER_INPUT),
        /** createApiKey naming the owner as userAddress. */
        CREATE_API_KEY_FOR_OWNER(UNAUTHENTICATED, OK, FORBIDDEN, OK),
        /** revokeApiKey of one of the owner's keys; the other user is a bystander. */
        REVOKE_API_KEY(UNAUTHENTICATED, OK, FORBIDDEN, OK),
        /** createPool: any user may open a pool of its own. */
        CREATE_POOL(UNAUTHENTICATED, OK, OK, FORBIDDEN),
        /** submitApplication: the owner is any non-issuer; the other user is the pool's issuer. */
        SUBMIT_APPLICATION(UNAUTHENTICATED, OK, FORBIDDEN, FORBIDDEN),
        /** approveApplication: the owner is the pool's issuer; the other user is the borrower. */
        APPROVE_APPLICATION(UNAUTHENTICATED, OK, FORBIDDEN, FORBIDDEN),
        /** rejectApplication: the owner is the pool's issuer; the other user is the borrower. */
        REJECT_APPLICATION(UNAUTHENTICATED, OK, FORBIDDEN, FORBIDDEN),
        /** repayLoan: the owner is the borrower; the other user is the lender. */
        REPAY_LOAN(UNAUTHENTICATED, OK, FORBIDDEN, FORBIDDEN),
        /** markLoanDefaulted, 31 days into a 30-day loan: the owner is the lender; the other user the borrower. */
        MARK_LOAN_DEFAULTED(UNAUTHENTICATED, OK, FORBIDDEN, FORBIDDEN),
        /** updateMptBalance: the owner is a user with an ADMIN key; the other user is the holder (USER key). */
        UPDATE_MPT_BALANCE(UNAUTHENTICATED, OK, FORBIDDEN, OK);

        private final List<String> expected;

        Mutation(String anonymous, String owner, String otherUser, String admin) {
            this.expected = List.of(anonymous, owner, otherUser, admin);
        }

        String expected(Who who) {
            return expected.get(who.ordinal());
        }
    }

    /**
     * One prepared call: the operation and its input, the keys of the owner and the other user,
     * a snapshot of everything the call could change, and the check of a successful call (given
     * the response and the caller's address, null for anonymous and the bootstrap admin).
     */
    record Scenario(String operation, Map<String, Object> input, String ownerKey, String otherKey,
                    Supplier<Object> state, BiConsumer<GraphQLResponse, String> succeeded) {
    }

    @Inject
    GraphQLClient graphql;
    @Inject
    Actors actors;
    @Inject
    MutableClock clock;

    static Stream<Arguments> matrix() {
        return Arrays.stream(Mutation.values()).flatMap(mutation -> Arrays.stream(Who.values())
                .map(who -> Arguments.of(mutation, who, mutation.expected(who))));
    }

    @ParameterizedTest(name = "{0} as {1} → {2}")
    @MethodSource("matrix")
    void everyMutationAuthorizesItsCaller(Mutation mutation, Who who, String expected) {
        Scenario scenario = scenario(mutation);
        String key = switch (who) {
            case ANONYMOUS -> null;
            case OWNER -> scenario.ownerKey();
            case OTHER_USER -> scenario.otherKey();
            case ADMIN -> Actors.ADMIN_KEY;
        };
        String callerAddress = key == null || key.equals(Actors.ADMIN_KEY) ? null : viewer(key);
        Object before = scenario.state().get();

        GraphQLResponse response = graphql.mutation(scenario.operation(), scenario.input(), key);

        if (expected.equals(OK)) {
            assertEquals(List.of(), response.errors());
            scenario.succeeded().accept(response, callerAddress);
        } else {
            response.singleError(expected);
            assertNull(response.body().get("data"), () -> "A refused mutation returned data: " + response.body());
            assertEquals(before, scenario.state().get(), "A refused mutation changed something");
        }
    }

    private Scenario scenario(Mutation mutation) {
        return switch (mutation) {
            case REGISTER_USER -> registerUser();
            case CREATE_API_KEY_FOR_CALLER -> createApiKey(false);
            case CREATE_API_KEY_FOR_OWNER -> createApiKey(true);
            case REVOKE_API_KEY -> revokeApiKey();
            case CREATE_POOL -> createPool();
            case SUBMIT_APPLICATION -> submitApplication();
            case APPROVE_APPLICATION -> decideApplication("loan/ApproveApplication", "APPROVED");
            case REJECT_APPLICATION -> decideApplication("application/RejectApplication", "REJECTED");
            case REPAY_LOAN -> repayLoan();
            case MARK_LOAN_DEFAULTED -> markLoanDefaulted();
            case UPDATE_MPT_BALANCE -> updateMptBalance();
        };
    }

    private Scenario registerUser() {
        Actor owner = actors.register();
        Actor other = actors.register();
        String address = Fixtures.newAddress();
        return new Scenario("auth/RegisterUser", input("address", address), owner.apiKey(), other.apiKey(),
                () -> user(address),
                (response, caller) -> {
                    assertEquals(address, response.data("registerUser.user.address"));
                    assertEquals(address, viewer(response.data("registerUser.apiKey")));
                });
    }

    private Scenario createApiKey(boolean namingOwner) {
        Actor owner = actors.register();
        Actor other = actors.register();
        Map<String, Object> input = namingOwner ? input("userAddress", owner.address()) : input();
        return new Scenario("auth/CreateApiKey", input, owner.apiKey(), other.apiKey(),
                () -> count("SELECT count(*) FROM api_keys"),
                (response, caller) -> {
                    String apiKey = response.data("createApiKey.apiKey");
                    assertNotNull(response.data("createApiKey.keyId"));
                    assertEquals(namingOwner ? owner.address() : caller, viewer(apiKey));
                });
    }

    private Scenario revokeApiKey() {
        Actor owner = actors.register();
        Actor other = actors.register();
        GraphQLResponse target = graphql.mutation("auth/CreateApiKey", input(), owner.apiKey());
        String keyId = target.data("createApiKey.keyId");
        String targetKey = target.data("createApiKey.apiKey");
        return new Scenario("auth/RevokeApiKey", input("keyId", keyId), owner.apiKey(), other.apiKey(),
                () -> List.of(count("SELECT count(*) FROM api_keys WHERE revoked_at IS NOT NULL"),
                        String.valueOf(viewer(targetKey))),
                (response, caller) -> {
                    assertEquals(Boolean.TRUE, response.data("revokeApiKey.revoked"));
                    graphql.operation("auth/Viewer", Map.of(), targetKey).singleError(UNAUTHENTICATED);
                    assertEquals(owner.address(), viewer(owner.apiKey()));
                });
    }

    private Scenario createPool() {
        Actor owner = actors.register();
        Actor other = actors.register();
        String address = Fixtures.newObjectId();
        return new Scenario("pool/CreatePool", input("poolAddress", address, "totalBalance", "5000",
                "minimumLoan", "100", "durationDays", 30, "interestRate", "7.3"), owner.apiKey(), other.apiKey(),
                () -> List.of(String.valueOf(pool(address)), count("SELECT count(*) FROM pools")),
                (response, caller) -> {
                    assertEquals(address, response.data("createPool.pool.address"));
                    assertEquals(caller, response.data("createPool.pool.issuer.address"));
                    assertEquals("5000.000000", response.data("createPool.pool.currentBalance"));
                });
    }

    private Scenario submitApplication() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");
        String address = Fixtures.newObjectId();
        return new Scenario("application/SubmitApplication", input("applicationAddress", address,
                "poolAddress", pool, "principal", "1000"), borrower.apiKey(), issuer.apiKey(),
                () -> List.of(String.valueOf(application(address)), pool(pool)),
                (response, caller) -> {
                    assertEquals(address, response.data("submitApplication.application.address"));
                    assertEquals("PENDING", response.data("submitApplication.application.state"));
                    assertEquals(borrower.address(), response.data("submitApplication.application.borrower.address"));
                });
    }

    private Scenario decideApplication(String operation, String decided) {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");
        String application = actors.apply(borrower, pool, "1000");
        return new Scenario(operation, input("applicationAddress", application), issuer.apiKey(), borrower.apiKey(),
                () -> List.of(application(application), pool(pool)),
                (response, caller) -> {
                    assertEquals(decided, application(application).get("state"));
                    Map<String, Object> after = pool(pool);
                    assertEquals(decided.equals("APPROVED") ? "4000.000000" : "5000.000000",
                            after.get("currentBalance"));
                    assertEquals(decided.equals("APPROVED") ? 1 : 0, nested(after, "loans", "totalCount"));
                });
    }

    private Scenario repayLoan() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");
        String loan = actors.approve(issuer, actors.apply(borrower, pool, "1000"));
        return new Scenario("loan/RepayLoan", input("loanAddress", loan), borrower.apiKey(), issuer.apiKey(),
                () -> List.of(loan(loan), pool(pool)),
                (response, caller) -> {
                    assertEquals("PAID", response.data("repayLoan.loan.state"));
                    assertEquals("5000.000000", response.data("repayLoan.loan.pool.currentBalance"));
                    assertEquals("6.000000", response.data("repayLoan.loan.pool.interestEarned"));
                });
    }

    private Scenario markLoanDefaulted() {
        Actor issuer = actors.register();
        Actor borrower = actors.register();
        String pool = actors.pool(issuer, "5000");
        String loan = actors.approve(issuer, actors.apply(borrower, pool, "1000"));
        clock.advance(Duration.ofDays(31));
        return new Scenario("loan/MarkLoanDefaulted", input("loanAddress", loan), issuer.apiKey(), borrower.apiKey(),
                () -> List.of(loan(loan), pool(pool)),
                (response, caller) -> {
                    assertEquals("DEFAULTED", response.data("markLoanDefaulted.loan.state"));
                    assertEquals("DEFAULTED", loan(loan).get("state"));
                    assertEquals("4000.000000", response.data("markLoanDefaulted.loan.pool.currentBalance"));
                });
    }

    private Scenario updateMptBalance() {
        Actor operator = actors.register();
        String operatorAdminKey = graphql.mutation("auth/CreateApiKey", input("userAddress", operator.address(),
                "role", "ADMIN"), Actors.ADMIN_KEY).data("createApiKey.apiKey");
        Actor holder = actors.register();
        String mptId = Fixtures.newObjectId();
        return new Scenario("balance/UpdateMptBalance", input("userAddress", holder.address(), "mptId", mptId,
                "balance", "250.5"), operatorAdminKey, holder.apiKey(),
                () -> graphql.operation("user/GetUser", Map.of("address", holder.address())).data("user.mptBalances"),
                (response, caller) -> {
                    assertEquals(mptId, response.data("updateMptBalance.mptBalance.mptId"));
                    assertEquals("250.500000", response.data("updateMptBalance.mptBalance.balance"));
                    assertEquals(holder.address(), response.data("updateMptBalance.mptBalance.user.address"));
                    List<Map<String, Object>> balances = graphql.operation("user/GetUser",
                            Map.of("address", holder.address())).data("user.mptBalances");
                    assertEquals(1, balances.size());
                    assertEquals("250.500000", balances.get(0).get("balance"));
                });
    }

    /** The address of the user a key stands for; null for the bootstrap admin key. */
    @Nullable
    private String viewer(String apiKey) {
        Map<String, Object> viewer = graphql.operation("auth/Viewer", Map.of(), apiKey).data("viewer");
        return viewer == null ? null : (String) viewer.get("address");
    }

    private Map<String, Object> user(String address) {
        return graphql.operation("user/GetUser", Map.of("address", address)).data("user");
    }

    private Map<String, Object> pool(String address) {
        return graphql.operation("pool/GetPool", Map.of("address", address)).data("pool");
    }

    private Map<String, Object> application(String address) {
        return graphql.operation("application/GetApplication", Map.of("address", address)).data("application");
    }

    private Map<String, Object> loan(String address) {
        return graphql.operation("loan/GetLoan", Map.of("address", address)).data("loan");
    }

    @SuppressWarnings("unchecked")
    private static Object nested(Map<String, Object> map, String object, String field) {
        return ((Map<String, Object>) map.get(object)).get(field);
    }

}
