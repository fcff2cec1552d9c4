/**
 * Live updates: committed changes announced with PostgreSQL {@code NOTIFY} in the mutation's own
 * transaction ({@link io.lendx.subscription.ChangeNotices}), heard by every instance with
 * {@code LISTEN} ({@link io.lendx.subscription.ChangeFeed}), turned into the events of the
 * {@code Subscription} fields ({@link io.lendx.subscription.ChangeSubscriptions}) and carried over
 * the graphql-ws protocol ({@link io.lendx.subscription.SubscriptionSocket}). Features announce
 * their changes and wire their fields; this package knows none of them.
 */
package io.lendx.subscription;
