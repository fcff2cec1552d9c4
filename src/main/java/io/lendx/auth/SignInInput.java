package io.lendx.auth;

/** Mirrors the SDL input {@code SignInInput}. */
public record SignInInput(String address, String publicKey, String signature, String challenge) {
}
