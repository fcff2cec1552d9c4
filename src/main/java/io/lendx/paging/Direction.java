package io.lendx.paging;

/** Sort direction of a keyset page. */
public enum Direction {
    ASC(">"),
    DESC("<");

    private final String after;

    Direction(String after) {
        this.after = after;
    }

    /** The SQL comparison that selects rows after a cursor in this direction. */
    String afterOperator() {
        return after;
    }
}
