-- Single-use messages a wallet signs to prove it owns an address (requestSignInChallenge).
-- Only the SHA-256 of a challenge is kept, so reading this table gives nobody a usable one.
CREATE TABLE sign_in_challenges (
    challenge_hash TEXT PRIMARY KEY,
    address        TEXT        NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    used_at        TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX sign_in_challenges_expires_at ON sign_in_challenges (expires_at);
