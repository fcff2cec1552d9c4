package io.lendx.user;

import io.lendx.graphql.FeatureLoaders;
import io.lendx.graphql.LoaderKey;
import io.lendx.graphql.SelectedFields.Shape;
import jakarta.inject.Singleton;
import io.lendx.graphql.LoaderRegistrar;

@Singleton
public class UserLoaders implements FeatureLoaders {

    /** Users by address: every relation that points at a user (issuer, borrower, lender, holder). */
    public static final LoaderKey<String, User> USER_BY_ADDRESS = new LoaderKey<>("userByAddress");

    private final UserRepository users;

    public UserLoaders(UserRepository users) {
        this.users = users;
    }

    @Override
    public void register(LoaderRegistrar registry) {
        registry.register(USER_BY_ADDRESS, Shape.OBJECT, (addresses, fields) -> users
                .findByAddressIn(addresses, UserRepository.TABLE.projection(fields)).collectMap(User::address));
    }
}
