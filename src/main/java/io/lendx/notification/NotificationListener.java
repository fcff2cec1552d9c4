package io.lendx.notification;

/** Hears one PostgreSQL notification channel through {@link DatabaseNotifications}. */
public interface NotificationListener {

    String channel();

    /** A notice's payload; called on the connection's thread, in commit order: keep it short. */
    void heard(String payload);

    /**
     * Whether notices are being heard: true once {@code LISTEN} is in place (at start-up and
     * after every reconnect), false as soon as the connection is lost.
     */
    default void listening(boolean listening) {
    }
}
