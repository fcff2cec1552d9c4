package io.lendx.application;

/** The payload of submitApplication and rejectApplication. */
public record ApplicationPayload(LoanApplication application) {
}
