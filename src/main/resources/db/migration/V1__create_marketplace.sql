-- The marketplace read model. Money is NUMERIC(20,6) (XRP drop precision); states are
-- TEXT + CHECK because r2dbc-postgresql cannot decode native enum types.

CREATE TABLE users (
    address    VARCHAR(35)  PRIMARY KEY
               CHECK (address ~ '^r[1-9A-HJ-NP-Za-km-z]{24,34}$'),
    did        VARCHAR(255) UNIQUE
               CHECK (did ~ '^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$'),
    created_at TIMESTAMPTZ  NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL
);

CREATE TABLE pools (
    pool_address    VARCHAR(66)   PRIMARY KEY CHECK (pool_address ~ '^[0-9A-Za-z]{1,66}$'),
    issuer_address  VARCHAR(35)   NOT NULL REFERENCES users (address),
    total_balance   NUMERIC(20,6) NOT NULL CHECK (total_balance > 0),
    current_balance NUMERIC(20,6) NOT NULL CHECK (current_balance >= 0),
    interest_earned NUMERIC(20,6) NOT NULL DEFAULT 0 CHECK (interest_earned >= 0),
    minimum_loan    NUMERIC(20,6) NOT NULL CHECK (minimum_loan > 0),
    duration_days   INT           NOT NULL CHECK (duration_days BETWEEN 1 AND 3650),
    interest_rate   NUMERIC(7,4)  NOT NULL CHECK (interest_rate BETWEEN 0 AND 100),
    tx_hash         VARCHAR(64)   CHECK (tx_hash ~ '^[0-9A-Fa-f]{64}$'),
    created_at      TIMESTAMPTZ   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL,
    CONSTRAINT pools_current_within_total CHECK (current_balance <= total_balance),
    CONSTRAINT pools_minimum_within_total CHECK (minimum_loan <= total_balance)
);

CREATE TABLE applications (
    application_address VARCHAR(66)   PRIMARY KEY
                        CHECK (application_address ~ '^[0-9A-Za-z]{1,66}$'),
    borrower_address    VARCHAR(35)   NOT NULL REFERENCES users (address),
    pool_address        VARCHAR(66)   NOT NULL REFERENCES pools (pool_address),
    state               TEXT          NOT NULL
                        CHECK (state IN ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED')),
    principal           NUMERIC(20,6) NOT NULL CHECK (principal > 0),
    offered_collateral  NUMERIC(20,6) NOT NULL DEFAULT 0 CHECK (offered_collateral >= 0),
    application_date    TIMESTAMPTZ   NOT NULL,
    dissolution_date    TIMESTAMPTZ   NOT NULL,
    tx_hash             VARCHAR(64)   CHECK (tx_hash ~ '^[0-9A-Fa-f]{64}$'),
    created_at          TIMESTAMPTZ   NOT NULL,
    updated_at          TIMESTAMPTZ   NOT NULL,
    CONSTRAINT applications_dissolution_after_application
        CHECK (dissolution_date > application_date)
);

CREATE TABLE loans (
    loan_address        VARCHAR(66)   PRIMARY KEY CHECK (loan_address ~ '^[0-9A-Za-z]{1,66}$'),
    pool_address        VARCHAR(66)   NOT NULL REFERENCES pools (pool_address),
    borrower_address    VARCHAR(35)   NOT NULL REFERENCES users (address),
    lender_address      VARCHAR(35)   NOT NULL REFERENCES users (address),
    application_address VARCHAR(66)   UNIQUE REFERENCES applications (application_address),
    principal           NUMERIC(20,6) NOT NULL CHECK (principal > 0),
    interest            NUMERIC(20,6) NOT NULL CHECK (interest >= 0),
    start_date          TIMESTAMPTZ   NOT NULL,
    end_date            TIMESTAMPTZ   NOT NULL,
    state               TEXT          NOT NULL CHECK (state IN ('ONGOING', 'PAID', 'DEFAULTED')),
    tx_hash             VARCHAR(64)   CHECK (tx_hash ~ '^[0-9A-Fa-f]{64}$'),
    created_at          TIMESTAMPTZ   NOT NULL,
    updated_at          TIMESTAMPTZ   NOT NULL,
    CONSTRAINT loans_end_after_start CHECK (end_date > start_date)
);

CREATE TABLE user_mpt_balances (
    user_address   VARCHAR(35)   NOT NULL REFERENCES users (address),
    mpt_id         VARCHAR(66)   NOT NULL CHECK (mpt_id ~ '^[0-9A-Za-z]{1,66}$'),
    balance        NUMERIC(20,6) NOT NULL CHECK (balance >= 0),
    last_synced_at TIMESTAMPTZ   NOT NULL,
    PRIMARY KEY (user_address, mpt_id)
);

-- Every foreign key is indexed. Where a relation is paged (User.pools, Pool.loans, ...) the
-- index continues with the connection's keyset order, so a page is one index range scan.
CREATE INDEX pools_issuer_address_idx         ON pools (issuer_address, created_at, pool_address);
CREATE INDEX applications_borrower_address_idx ON applications (borrower_address, created_at, application_address);
CREATE INDEX applications_pool_address_idx     ON applications (pool_address, created_at, application_address);
CREATE INDEX loans_pool_address_idx            ON loans (pool_address, created_at, loan_address);
CREATE INDEX loans_borrower_address_idx        ON loans (borrower_address, created_at, loan_address);
CREATE INDEX loans_lender_address_idx          ON loans (lender_address, created_at, loan_address);
-- loans.application_address is covered by its UNIQUE constraint, and
-- user_mpt_balances.user_address by the leading column of its primary key.

CREATE INDEX applications_state_idx      ON applications (state);
CREATE INDEX loans_state_idx             ON loans (state);
CREATE INDEX user_mpt_balances_mpt_id_idx ON user_mpt_balances (mpt_id);

-- Keyset orderings of the root connections (default order: created_at, then key).
CREATE INDEX users_created_at_idx        ON users (created_at, address);
CREATE INDEX pools_created_at_idx        ON pools (created_at, pool_address);
CREATE INDEX applications_created_at_idx ON applications (created_at, application_address);
CREATE INDEX loans_created_at_idx        ON loans (created_at, loan_address);
CREATE INDEX loans_end_date_idx          ON loans (end_date, loan_address);
CREATE INDEX pools_interest_rate_idx     ON pools (interest_rate, pool_address);
CREATE INDEX applications_dissolution_date_idx ON applications (dissolution_date, application_address);
