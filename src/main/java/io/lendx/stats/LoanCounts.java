package io.lendx.stats;

/** Mirrors the SDL type {@code LoanCounts}. */
public record LoanCounts(int ongoing, int paid, int defaulted) {
}
