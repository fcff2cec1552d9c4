// Apollo Client with the automatic-persisted-queries link (hashed queries over GET) runs the
// README's lifecycle walkthrough against the running service: register a lender and a
// borrower (each signing a challenge with its wallet), open a pool, apply, approve, repay. Every operation first goes out as a hash; the
// service asks for the text once (PERSISTED_QUERY_NOT_FOUND) and then knows it.
// Usage: LENDX_URL=http://localhost:18080 node apollo.mjs
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client/core/index.js';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries/index.js';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { newWallet, operation, proofFor } from './operations.mjs';

const service = new URL(process.env.LENDX_URL ?? 'http://localhost:8080');
const sent = [];
const recordingFetch = async (uri, options) => {
  const response = await fetch(uri, options);
  const body = await response.clone().text();
  sent.push({ method: options.method ?? 'GET', hashOnly: !String(uri).includes('query=') && !String(options.body ?? '').includes('"query"'),
    notFound: body.includes('PERSISTED_QUERY_NOT_FOUND'), cacheControl: response.headers.get('cache-control') });
  return response;
};
const client = new ApolloClient({
  link: createPersistedQueryLink({ sha256: text => createHash('sha256').update(text).digest('hex'),
    useGETForHashedQueries: true })
    .concat(new HttpLink({ uri: new URL('/graphql', service).href, fetch: recordingFetch })),
  cache: new InMemoryCache(),
  defaultOptions: { query: { fetchPolicy: 'network-only' } },
});

const as = apiKey => ({ headers: { Authorization: `Bearer ${apiKey}` } });
async function mutate(path, input, context) {
  const { data } = await client.mutate({ mutation: operation(path), variables: { input }, context });
  return data;
}

const request = async (query, variables) => (await client.mutate({ mutation: gql(query), variables })).data;
const register = async () => (await mutate('auth/RegisterUser', await proofFor(newWallet(), request))).registerUser;
const lender = await register();
const borrower = await register();
const { pool } = (await mutate('pool/CreatePool',
  { totalBalance: '10000', minimumLoan: '100', durationDays: 30, interestRate: '7.3' }, as(lender.apiKey))).createPool;
const { application } = (await mutate('application/SubmitApplication',
  { poolAddress: pool.address, principal: '1000' }, as(borrower.apiKey))).submitApplication;
const approved = (await mutate('loan/ApproveApplication',
  { applicationAddress: application.address, idempotencyKey: `smoke-${application.address}` }, as(lender.apiKey)))
  .approveApplication;
assert.equal(approved.application.state, 'APPROVED');
assert.equal(approved.loan.interest, '6.000000', '1000 × 7.3% × 30/365');
assert.equal(approved.loan.pool.currentBalance, '9000.000000');
const repaid = (await mutate('loan/RepayLoan', { loanAddress: approved.loan.address }, as(borrower.apiKey))).repayLoan;
assert.equal(repaid.loan.state, 'PAID');
assert.equal(repaid.loan.pool.currentBalance, '10000.000000');
assert.equal(repaid.loan.pool.interestEarned, '6.000000');

for (let i = 0; i < 2; i++) {
  const { data } = await client.query({ query: operation('auth/Viewer'), context: as(borrower.apiKey) });
  assert.equal(data.viewer.address, borrower.user.address);
}
const gets = sent.filter(request => request.method === 'GET');
assert.ok(gets.some(request => request.hashOnly && !request.notFound), 'a query ran over GET by its hash alone');
assert.ok(sent.some(request => request.notFound), 'the service asked for a text once');
assert.ok(gets.every(request => request.cacheControl), 'GET answers carry cache headers');
console.log(`apollo: walkthrough done with persisted queries (${sent.length} requests, ${gets.length} GET)`);
