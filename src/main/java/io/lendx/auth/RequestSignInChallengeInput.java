package io.lendx.auth;

/** Mirrors the SDL input {@code RequestSignInChallengeInput}. */
public record RequestSignInChallengeInput(String address) {
}
