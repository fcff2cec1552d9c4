// The mixed run's writer (bench/run.sh): runs the lending lifecycle through the service's
// /graphql at a fixed rate of mutations until SIGTERM or SIGINT, waits for the mutations still
// in flight, then prints one machine-readable line:
//   WRITER_RESULT mutations=N errors=E seconds=S submitted=A approved=B repaid=C skipped=K
// Environment (all required):
//   WRITER_URL            the service's /graphql endpoint
//   WRITER_RATE           mutations per second
//   WRITER_POOL           the pool applied to
//   WRITER_PRINCIPAL      the principal asked (the pool's minimum loan, a decimal string)
//   WRITER_BORROWER_KEY   API key of the borrower (a user who is not the pool's issuer)
//   WRITER_ISSUER_KEY     API key of the pool's issuer
// A lifecycle is submitApplication (borrower), approveApplication (issuer), repayLoan
// (borrower), with the documents of graphql/operations: application/SubmitApplication,
// loan/ApproveApplication, loan/RepayLoan. Each tick of the rate sends one mutation: the next
// step of a lifecycle waiting for one, else a new submitApplication. A tick does not wait for
// the previous answers, so slow answers do not lower the rate; a tick that finds MAX_IN_FLIGHT
// mutations unanswered is skipped, as are the ticks more than a second late (both counted).
// A mutation fails when its status is not 200 or its body has "errors" (as in
// bench/graphql.lua); its lifecycle is dropped and the first 3 failures are printed on stderr.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const MAX_IN_FLIGHT = 64;

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`writer: ${name} is not set`);
    process.exit(2);
  }
  return value;
}

const url = required("WRITER_URL");
const rate = Number(required("WRITER_RATE"));
if (!(rate > 0)) {
  console.error(`writer: WRITER_RATE '${process.env.WRITER_RATE}' is not a positive number`);
  process.exit(2);
}
const pool = required("WRITER_POOL");
const principal = required("WRITER_PRINCIPAL");
const borrowerKey = required("WRITER_BORROWER_KEY");
const issuerKey = required("WRITER_ISSUER_KEY");

const operations = join(dirname(fileURLToPath(import.meta.url)), "..", "graphql", "operations");
const documents = {
  submit: readFileSync(join(operations, "application", "SubmitApplication.graphql"), "utf8"),
  approve: readFileSync(join(operations, "loan", "ApproveApplication.graphql"), "utf8"),
  repay: readFileSync(join(operations, "loan", "RepayLoan.graphql"), "utf8"),
};

const counts = { mutations: 0, errors: 0, submitted: 0, approved: 0, repaid: 0, skipped: 0 };
const waiting = []; // lifecycles whose next step is due: { step: "approve" | "repay", address }
let inFlight = 0;
let sequence = 0;
let reported = 0;

function failed(id, status, text) {
  counts.errors++;
  if (reported < 3) {
    reported++;
    console.error(`writer: ${id} answered ${status}: ${text.slice(0, 300)}`);
  }
  return null;
}

// Sends one mutation; its `data`, or null (counted and reported) when it failed.
async function mutation(document, key, input) {
  const id = `bench-writer-${++sequence}`;
  let status = 0;
  let text = "";
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/graphql-response+json, application/json",
        Authorization: `Bearer ${key}`,
        "X-Request-Id": id,
      },
      body: JSON.stringify({ query: document, variables: { input } }),
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    counts.mutations++;
    return failed(id, "no response", String(error));
  }
  counts.mutations++;
  if (status !== 200 || text.includes('"errors"')) {
    return failed(id, status, text);
  }
  try {
    return JSON.parse(text).data;
  } catch (error) {
    return failed(id, status, `unreadable JSON (${error.message}): ${text}`);
  }
}

// Sends the next mutation of `cycle` (a new lifecycle when undefined).
async function step(cycle) {
  inFlight++;
  try {
    if (!cycle) {
      const data = await mutation(documents.submit, borrowerKey, { poolAddress: pool, principal });
      const address = data?.submitApplication?.application?.address;
      if (address) {
        counts.submitted++;
        waiting.push({ step: "approve", address });
      }
    } else if (cycle.step === "approve") {
      const data = await mutation(documents.approve, issuerKey, { applicationAddress: cycle.address });
      const address = data?.approveApplication?.loan?.address;
      if (address) {
        counts.approved++;
        waiting.push({ step: "repay", address });
      }
    } else {
      const data = await mutation(documents.repay, borrowerKey, { loanAddress: cycle.address });
      if (data?.repayLoan?.loan) {
        counts.repaid++;
      }
    }
  } finally {
    inFlight--;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
let stopping = false;
process.on("SIGTERM", () => { stopping = true; });
process.on("SIGINT", () => { stopping = true; });

const period = 1000 / rate;
const started = performance.now();
let next = started;
while (!stopping) {
  const now = performance.now();
  if (next > now) {
    await sleep(next - now);
    if (stopping) break;
  } else if (now - next > 1000) {
    const late = Math.floor((now - next) / period);
    counts.skipped += late;
    next += late * period;
  }
  next += period;
  if (inFlight >= MAX_IN_FLIGHT) {
    counts.skipped++;
    continue;
  }
  step(waiting.shift());
}
const ended = performance.now();
for (let waited = 0; inFlight > 0 && waited < 15000; waited += 20) {
  await sleep(20);
}
if (inFlight > 0) {
  console.error(`writer: ${inFlight} mutation(s) still unanswered 15 s after the stop`);
}
const seconds = ((ended - started) / 1000).toFixed(3);
console.log(`WRITER_RESULT mutations=${counts.mutations} errors=${counts.errors} seconds=${seconds} ` +
  `submitted=${counts.submitted} approved=${counts.approved} repaid=${counts.repaid} skipped=${counts.skipped}`);
process.exit(inFlight > 0 ? 1 : 0);
