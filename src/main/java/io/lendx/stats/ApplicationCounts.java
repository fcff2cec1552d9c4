package io.lendx.stats;

/** Mirrors the SDL type {@code ApplicationCounts}. */
public record ApplicationCounts(int pending, int approved, int rejected, int expired) {
}
