-- The benchmark marketplace, loaded by bench/run.sh into its throw-away database after
-- `db migrate`: 500 users, 100 pools, 5,000 applications, 2,000 loans and 1,000 token
-- balances. Deterministic: every choice comes from a hash of the row's number (no random()),
-- so two runs load the same rows; only the dates move with now(), like the sample marketplace.
--   psql -v ON_ERROR_STOP=1 -f bench/seed.sql postgres://...   (refuses a database with users)
--
-- Shape: users 1-50 are issuers (two pools each), users 51-500 borrowers. Each application
-- goes to a pool chosen by hash (about 50 per pool, 34 to 69), 40% APPROVED, 20% each PENDING,
-- REJECTED and EXPIRED. Every APPROVED application became a loan (about 20 per pool, half
-- the pools have more than 20), one loan in 20 without its application_address (imported).
-- Loans past their end date are mostly PAID, some DEFAULTED and some still ONGOING (overdue).
-- Pool balances are consistent with the loans: current = total - ONGOING/DEFAULTED principal,
-- interest_earned = the PAID loans' interest.

\set ON_ERROR_STOP on
BEGIN;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM users) THEN
        RAISE EXCEPTION 'bench/seed.sql: the database already has users; load it into an empty, migrated database';
    END IF;
END
$$;

CREATE SCHEMA bench_seed;

-- A deterministic non-negative 60-bit number for a key: the first 15 hex digits of its MD5.
CREATE FUNCTION bench_seed.h(key text) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT ('x' || substr(md5(key), 1, 15))::bit(60)::bigint $$;

-- 64 hex digits (an on-chain object id or transaction hash) for a key.
CREATE FUNCTION bench_seed.hex64(key text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT
    AS $$ SELECT upper(encode(sha256(convert_to(key, 'UTF8')), 'hex')) $$;

-- The XRPL classic address of a 20-byte account id: base58 (XRPL alphabet) of 0x00 + id +
-- the first 4 bytes of SHA-256(SHA-256(0x00 + id)); each leading zero byte encodes as 'r'.
CREATE FUNCTION bench_seed.xrpl_address(account_id bytea) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT
    AS $$
DECLARE
    alphabet CONSTANT text := 'rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz';
    body      bytea;
    payload   bytea;
    value     numeric := 0;
    encoded   text := '';
    i         int := 0;
BEGIN
    IF length(account_id) <> 20 THEN
        RAISE EXCEPTION 'an XRPL account id has 20 bytes, not %', length(account_id);
    END IF;
    body := '\x00'::bytea || account_id;
    payload := body || substring(sha256(sha256(body)) FROM 1 FOR 4);
    FOR i IN 0 .. length(payload) - 1 LOOP
        value := value * 256 + get_byte(payload, i);
    END LOOP;
    WHILE value > 0 LOOP
        encoded := substr(alphabet, mod(value, 58)::int + 1, 1) || encoded;
        value := div(value, 58);
    END LOOP;
    i := 0;
    WHILE i < length(payload) AND get_byte(payload, i) = 0 LOOP
        encoded := 'r' || encoded;
        i := i + 1;
    END LOOP;
    RETURN encoded;
END
$$;

-- Rounds to 6 decimals, half to even (as the service computes Loan.interest).
CREATE FUNCTION bench_seed.round6(x numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT
    AS $$
    SELECT CASE
        WHEN x * 1000000 - trunc(x * 1000000) = 0.5 AND mod(trunc(x * 1000000), 2) = 0
            THEN trunc(x, 6)
        ELSE round(x, 6)
    END
$$;

-- Users: n = 1..500, account id = the first 20 bytes of sha256('bench-user-' || n).
CREATE TABLE bench_seed.users AS
SELECT n,
       bench_seed.xrpl_address(substring(sha256(convert_to('bench-user-' || n, 'UTF8')) FROM 1 FOR 20)) AS address,
       now() - INTERVAL '400 days' + n * INTERVAL '47 minutes' AS created_at
FROM generate_series(1, 500) AS n;

INSERT INTO users (address, did, created_at, updated_at)
SELECT address,
       CASE WHEN n % 2 = 0 THEN 'did:xrpl:1:' || address END,
       created_at,
       created_at + CASE WHEN n % 2 = 0 THEN INTERVAL '2 hours' ELSE INTERVAL '0 hours' END
FROM bench_seed.users
ORDER BY n;

-- Pools: p = 1..100, issued by users 1-50 (pools p and p + 50 share an issuer), created from
-- 365 to 68 days ago. Balances are set from the loans at the end.
CREATE TABLE bench_seed.pools AS
SELECT p,
       bench_seed.hex64('bench-pool-' || p) AS address,
       (SELECT address FROM bench_seed.users WHERE n = 1 + (p - 1) % 50) AS issuer_address,
       t.total AS total_balance,
       t.total / 500 AS minimum_loan,
       (ARRAY[14, 30, 60, 90, 180, 365])[1 + bench_seed.h('pool-duration-' || p) % 6]::int AS duration_days,
       round(1.5 + (bench_seed.h('pool-rate-' || p) % 135000) / 10000.0, 4) AS interest_rate,
       CASE WHEN p % 4 <> 0 THEN bench_seed.hex64('bench-pool-tx-' || p) END AS tx_hash,
       now() - INTERVAL '365 days' + (p - 1) * INTERVAL '3 days'
             + (bench_seed.h('pool-minute-' || p) % 600) * INTERVAL '1 minute' AS created_at
FROM generate_series(1, 100) AS p,
     LATERAL (SELECT (ARRAY[50000, 100000, 250000, 500000, 1000000])[1 + bench_seed.h('pool-total-' || p) % 5]::numeric AS total) AS t;

INSERT INTO pools (pool_address, issuer_address, total_balance, current_balance, interest_earned,
                   minimum_loan, duration_days, interest_rate, tx_hash, created_at, updated_at)
SELECT address, issuer_address, total_balance, total_balance, 0,
       minimum_loan, duration_days, interest_rate, tx_hash, created_at, created_at
FROM bench_seed.pools
ORDER BY p;

-- Applications: i = 1..5000, state by i % 5 (0, 1 APPROVED; 2 PENDING; 3 REJECTED; 4 EXPIRED).
-- PENDING ones are recent (dissolution in the future), EXPIRED ones dissolved at least two
-- weeks ago, the others anywhere in the pool's life up to three days ago.
CREATE TABLE bench_seed.applications AS
SELECT a.i, a.address, a.borrower_address, a.p, a.state, a.principal,
       a.offered_collateral, a.application_date,
       a.application_date + INTERVAL '30 days' AS dissolution_date, a.tx_hash
FROM (
    SELECT i,
           bench_seed.hex64('bench-application-' || i) AS address,
           (SELECT address FROM bench_seed.users WHERE n = 51 + bench_seed.h('application-borrower-' || i) % 450) AS borrower_address,
           pool.p,
           s.state,
           s.principal,
           bench_seed.round6(s.principal * (bench_seed.h('application-collateral-' || i) % 50) / 100) AS offered_collateral,
           CASE s.state
               WHEN 'PENDING' THEN now() - (bench_seed.h('application-day-' || i) % 20) * INTERVAL '1 day'
               WHEN 'EXPIRED' THEN pool.created_at + INTERVAL '1 day' + (bench_seed.h('application-day-' || i) % (pool.age_days - 46)) * INTERVAL '1 day'
               ELSE pool.created_at + INTERVAL '1 day' + (bench_seed.h('application-day-' || i) % (pool.age_days - 4)) * INTERVAL '1 day'
           END - (bench_seed.h('application-minute-' || i) % 1440) * INTERVAL '1 minute' AS application_date,
           CASE WHEN i % 3 <> 0 THEN bench_seed.hex64('bench-application-tx-' || i) END AS tx_hash
    FROM generate_series(1, 5000) AS i,
         LATERAL (SELECT pp.p, pp.created_at, pp.minimum_loan,
                         floor(extract(EPOCH FROM now() - pp.created_at) / 86400)::int AS age_days
                  FROM bench_seed.pools pp
                  WHERE pp.p = 1 + bench_seed.h('application-pool-' || i) % 100) AS pool,
         LATERAL (SELECT (ARRAY['APPROVED', 'APPROVED', 'PENDING', 'REJECTED', 'EXPIRED'])[1 + i % 5] AS state,
                         round(pool.minimum_loan * (1 + bench_seed.h('application-principal-' || i) % 40)
                               + CASE WHEN i % 4 = 0 THEN 0
                                      ELSE (bench_seed.h('application-cents-' || i) % 1000000) / 1000000.0 END, 6) AS principal) AS s
) AS a;

INSERT INTO applications (application_address, borrower_address, pool_address, state, principal,
                          offered_collateral, application_date, dissolution_date, tx_hash,
                          created_at, updated_at)
SELECT a.address, a.borrower_address, pl.address, a.state, a.principal,
       a.offered_collateral, a.application_date, a.dissolution_date, a.tx_hash,
       a.application_date,
       CASE a.state
           WHEN 'PENDING' THEN a.application_date
           WHEN 'EXPIRED' THEN a.dissolution_date + INTERVAL '1 minute'
           ELSE a.application_date + INTERVAL '1 day'   -- approved / rejected the next day
       END
FROM bench_seed.applications a
JOIN bench_seed.pools pl ON pl.p = a.p
ORDER BY a.i;

-- Loans: one per APPROVED application, opened the day after it (when it was approved) by
-- the pool's issuer, for the pool's duration; every 20th has no application_address.
CREATE TABLE bench_seed.loans AS
SELECT l.*,
       CASE
           WHEN l.end_date < now() THEN
               (ARRAY['PAID', 'PAID', 'PAID', 'PAID', 'PAID', 'PAID', 'DEFAULTED', 'DEFAULTED', 'ONGOING', 'ONGOING'])
                   [1 + bench_seed.h('loan-state-' || l.i) % 10]
           WHEN bench_seed.h('loan-state-' || l.i) % 10 < 2 THEN 'PAID'   -- repaid early
           ELSE 'ONGOING'
       END AS state
FROM (
    SELECT a.i,
           row_number() OVER (ORDER BY a.i) AS j,
           bench_seed.hex64('bench-loan-' || a.i) AS address,
           pl.address AS pool_address,
           a.borrower_address,
           pl.issuer_address AS lender_address,
           a.address AS application_address,
           a.principal,
           bench_seed.round6(a.principal * pl.interest_rate * pl.duration_days / 36500) AS interest,
           a.application_date + INTERVAL '1 day' AS start_date,
           a.application_date + INTERVAL '1 day' + pl.duration_days * INTERVAL '1 day' AS end_date,
           CASE WHEN a.i % 7 <> 0 THEN bench_seed.hex64('bench-loan-tx-' || a.i) END AS tx_hash
    FROM bench_seed.applications a
    JOIN bench_seed.pools pl ON pl.p = a.p
    WHERE a.state = 'APPROVED'
) AS l;

INSERT INTO loans (loan_address, pool_address, borrower_address, lender_address, application_address,
                   principal, interest, start_date, end_date, state, tx_hash, created_at, updated_at)
SELECT address, pool_address, borrower_address, lender_address,
       CASE WHEN j % 20 <> 0 THEN application_address END,
       principal, interest, start_date, end_date, state, tx_hash,
       start_date,
       CASE state
           WHEN 'ONGOING' THEN start_date
           WHEN 'PAID' THEN start_date + (least(end_date, now()) - start_date) * 0.7
           ELSE least(now(), end_date + INTERVAL '2 days')                   -- DEFAULTED
       END
FROM bench_seed.loans
ORDER BY i;

-- Pool balances from the loans: principal out on ONGOING and DEFAULTED loans is not in the
-- pool; PAID loans returned theirs and earned their interest. A pool too small for what it
-- lent (a few, given the hash spread) is made large enough.
UPDATE pools
SET total_balance   = sized.total,
    current_balance = sized.total - sized.lent,
    interest_earned = sized.earned,
    updated_at      = now() - INTERVAL '1 day'
FROM (
    SELECT pl.pool_address,
           coalesce(sum(l.principal) FILTER (WHERE l.state IN ('ONGOING', 'DEFAULTED')), 0) AS lent,
           coalesce(sum(l.interest) FILTER (WHERE l.state = 'PAID'), 0) AS earned,
           greatest(pl.total_balance,
                    ceil((coalesce(sum(l.principal) FILTER (WHERE l.state IN ('ONGOING', 'DEFAULTED')), 0)
                          + 20 * pl.minimum_loan) / 1000) * 1000) AS total
    FROM pools pl
    LEFT JOIN loans l ON l.pool_address = pl.pool_address
    GROUP BY pl.pool_address, pl.total_balance, pl.minimum_loan
) AS sized
WHERE pools.pool_address = sized.pool_address;

-- Token balances: k = 1..1000, two per user (users 1-500), in pools' tokens, synced within
-- the last 12 hours.
INSERT INTO user_mpt_balances (user_address, mpt_id, balance, last_synced_at)
SELECT u.address,
       pl.address,
       (bench_seed.h('balance-' || k) % 100000000000) / 1000000.0,
       now() - (bench_seed.h('balance-minute-' || k) % 720) * INTERVAL '1 minute'
FROM generate_series(1, 1000) AS k
JOIN bench_seed.users u ON u.n = 1 + (k - 1) % 500
JOIN bench_seed.pools pl ON pl.p = 1 + (k * 7 + ((k - 1) / 500) * 13) % 100
ORDER BY k;

DROP SCHEMA bench_seed CASCADE;
COMMIT;

ANALYZE users, pools, applications, loans, user_mpt_balances;
