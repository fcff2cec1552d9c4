// A graphql-ws client subscribes to loanUpdated and receives the approval and the repayment of
// a loan, made through HTTP — on the same instance, or (LENDX_MUTATION_URL) on another one that
// shares the database. Behind a load balancer, LENDX_METRICS_URLS lists the instances (comma-
// separated) whose metrics show the subscription listening.
// Usage: LENDX_URL=… [LENDX_MUTATION_URL=…] [LENDX_METRICS_URLS=…,…] node subscription.mjs
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import assert from 'node:assert/strict';
import { graphqlAt, register, until } from './operations.mjs';

const service = new URL(process.env.LENDX_URL ?? 'http://localhost:8080');
const mutations = new URL(process.env.LENDX_MUTATION_URL ?? service.href);

const graphql = graphqlAt(mutations);
const lender = await register(graphql);
const borrower = await register(graphql);

const instances = (process.env.LENDX_METRICS_URLS ?? service.href).split(',').map(url => new URL(url));
async function listening() {
  let total = 0;
  for (const instance of instances) {
    const metrics = await (await fetch(new URL('/prometheus', instance))).text();
    const line = metrics.split('\n').find(text => text.startsWith('lendx_ws_subscriptions'));
    total += line ? Number(line.split(' ').pop()) : 0;
  }
  return total;
}
const before = await listening();

const client = createClient({
  url: service.href.replace(/^http/, 'ws').replace(/\/$/, '') + '/graphql-ws',
  webSocketImpl: WebSocket,
  connectionParams: { Authorization: `Bearer ${borrower.apiKey}` },
});
const events = [];
let subscribed;
let firstArrived;
const first = new Promise(resolve => { firstArrived = resolve; });
const received = new Promise((resolve, reject) => {
  subscribed = client.subscribe({
    query: `subscription($b: String) { loanUpdated(borrowerAddress: $b) { address state borrower { address } pool { currentBalance } } }`,
    variables: { b: borrower.user.address },
  }, {
    next: value => {
      events.push(value);
      if (events.length === 1) firstArrived();
      if (events.length === 2) resolve();
    },
    error: reject,
    complete: () => reject(new Error('completed before two events')),
  });
  setTimeout(() => reject(new Error(`timed out with ${events.length} events`)), 30_000);
});
// graphql-ws does not acknowledge a subscribe: wait until the service counts one more listening.
await until(async () => await listening() > before, 'the subscription to be listening');

const pool = (await graphql(`mutation { createPool(input: {totalBalance: "5000", minimumLoan: "100", durationDays: 30,
  interestRate: "7.3"}) { pool { address } } }`, {}, lender.apiKey)).createPool.pool;
const application = (await graphql(`mutation($p: String!) { submitApplication(input: {poolAddress: $p, principal: "1000"}) {
  application { address } } }`, { p: pool.address }, borrower.apiKey)).submitApplication.application;
const loan = (await graphql(`mutation($a: String!) { approveApplication(input: {applicationAddress: $a}) { loan { address } } }`,
  { a: application.address }, lender.apiKey)).approveApplication.loan;
// Nested fields are read when an event is delivered: repay only once the approval is shown.
await Promise.race([first, received]);
await graphql(`mutation($l: String!) { repayLoan(input: {loanAddress: $l}) { loan { state } } }`,
  { l: loan.address }, borrower.apiKey);

await received;
subscribed();
await client.dispose();
assert.deepEqual(events.map(event => event.data.loanUpdated.state), ['ONGOING', 'PAID']);
assert.ok(events.every(event => event.data.loanUpdated.address === loan.address));
assert.equal(events[0].data.loanUpdated.borrower.address, borrower.user.address);
assert.equal(events[0].data.loanUpdated.pool.currentBalance, '4000.000000');
assert.equal(events[1].data.loanUpdated.pool.currentBalance, '5000.000000');
console.log(`subscription: loanUpdated delivered the approval and the repayment${
  mutations.href === service.href ? '' : ' made on another instance'}`);
process.exit(0);
