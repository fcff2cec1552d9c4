-- API keys: only a SHA-256 hash of the key is stored; the plaintext is shown once.
CREATE TABLE api_keys (
    key_id       UUID         PRIMARY KEY,
    user_address VARCHAR(35)  NOT NULL REFERENCES users (address),
    key_hash     CHAR(64)     NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
    role         TEXT         NOT NULL CHECK (role IN ('USER', 'ADMIN')),
    created_at   TIMESTAMPTZ  NOT NULL,
    expires_at   TIMESTAMPTZ  NOT NULL,
    revoked_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ,
    CONSTRAINT api_keys_expire_after_creation CHECK (expires_at > created_at)
);
CREATE INDEX api_keys_user_address_idx ON api_keys (user_address);

-- One row per (caller, idempotency key): the first request's outcome, replayed to retries.
-- It is written in the mutation's own transaction, so it exists exactly when the effect does;
-- a concurrent retry waits on the primary key until the first request commits or rolls back.
CREATE TABLE idempotency_keys (
    caller          VARCHAR(100) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    operation       VARCHAR(50)  NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    result          TEXT         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (caller, idempotency_key)
);
CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);
