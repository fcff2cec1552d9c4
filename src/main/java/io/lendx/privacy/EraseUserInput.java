package io.lendx.privacy;

/** Mirrors the SDL input {@code EraseUserInput}. */
public record EraseUserInput(String address) {
}
