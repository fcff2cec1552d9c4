package io.lendx.replica;

/** PostgreSQL's {@code pg_lsn} text form ({@code 16/B374D848}) as a number that orders like it. */
final class WalPosition {

    private WalPosition() {
    }

    static long parse(String lsn) {
        int slash = lsn.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("Not a WAL position: " + lsn);
        }
        return (Long.parseLong(lsn.substring(0, slash), 16) << 32) | Long.parseLong(lsn.substring(slash + 1), 16);
    }
}
