// Several instances behind HAProxy (round-robin) on one database and one Redis: what one client
// sees through the load balancer is one service. Usage, one check per run (run.sh orders them):
//   LENDX_URL=<balancer> LENDX_INSTANCES=<a>,<b> LENDX_ADMIN_API_KEY=… node instances.mjs <check>
// budget          150 requests against a key's budget of 100 serve about 100, not 200
// without-redis   with Redis stopped, requests keep being served (each instance counts alone)
// redis-back      both instances report Redis UP again, and the budget is shared again
// expiry          applications past their dissolution date expire once each, one notice each
// replica         a key's query right after its mutation shows the write on either instance; an
//                 anonymous one reads the replica (2 s behind) and shows it within the delay
// replica-down    with the replica stopped, queries are served from the primary, up to date
// replica-back    both instances read the replica again
// lockout         failed authentications through the balancer lock the address out on both
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import assert from 'node:assert/strict';
import { graphqlAt, register, until } from './operations.mjs';

const balancer = new URL(process.env.LENDX_URL);
const instances = process.env.LENDX_INSTANCES.split(',').map(url => new URL(url));
const adminKey = process.env.LENDX_ADMIN_API_KEY;
const BUDGET = 100;
const graphql = graphqlAt(balancer);

async function viewer(service, apiKey) {
  const response = await fetch(new URL('/graphql', service), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json',
      Authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query: '{ viewer { address } }' }),
  });
  await response.text();
  return response.status;
}

async function admittedOf(requests, apiKey) {
  let admitted = 0;
  for (let i = 0; i < requests; i++) {
    const status = await viewer(balancer, apiKey);
    assert.ok(status === 200 || status === 429, `status ${status}`);
    if (status === 200) admitted++;
  }
  return admitted;
}

async function redisStatus(instance) {
  const response = await fetch(new URL('/health', instance), { headers: { Authorization: `Bearer ${adminKey}` } });
  return (await response.json()).details?.redis?.status;
}

async function budget() {
  const { apiKey } = await register(graphql);
  const started = Date.now();
  const admitted = await admittedOf(150, apiKey);
  // The bucket refills 100 a minute, so that many more may pass while the 150 are sent.
  const refilled = Math.ceil((Date.now() - started) / 60_000 * BUDGET);
  assert.ok(admitted >= BUDGET && admitted <= BUDGET + refilled, `${admitted} of 150 admitted, ${refilled} refilled`);
  console.log(`instances: a key's budget of ${BUDGET} is one budget behind the balancer (${admitted} of 150 served)`);
}

async function withoutRedis() {
  for (const instance of instances) {
    await until(async () => await redisStatus(instance) === 'DOWN', `${instance} to report Redis DOWN`);
  }
  const { apiKey } = await register(graphql);
  const admitted = await admittedOf(2 * BUDGET, apiKey);
  assert.equal(admitted, 2 * BUDGET, 'each instance serves its own budget while Redis is away');
  console.log('instances: with Redis stopped no request failed; each instance counted its own budget');
}

async function redisBack() {
  for (const instance of instances) {
    await until(async () => await redisStatus(instance) === 'UP', `${instance} to find Redis again`);
  }
  await budget();
}

async function expiry() {
  const issuer = await register(graphql);
  const borrower = await register(graphql);
  const pool = (await graphql(`mutation { createPool(input: {totalBalance: "5000", minimumLoan: "100",
    durationDays: 30, interestRate: "7.3"}) { pool { address } } }`, {}, issuer.apiKey)).createPool.pool.address;
  const events = [];
  const client = createClient({ url: balancer.href.replace(/^http/, 'ws').replace(/\/$/, '') + '/graphql-ws',
    webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${borrower.apiKey}` } });
  const unsubscribe = client.subscribe({
    query: 'subscription($p: String) { applicationUpdated(poolAddress: $p) { address state } }',
    variables: { p: pool },
  }, { next: value => events.push(value.data.applicationUpdated), error: error => { throw error; }, complete: () => {} });

  // Submitted (one notice each), then expired by whichever instance's round comes first.
  const dissolution = new Date(Date.now() + 4000).toISOString();
  const submitted = [];
  for (let i = 0; i < 3; i++) {
    submitted.push((await graphql(`mutation($p: String!, $d: DateTime!) { submitApplication(input: {poolAddress: $p,
      principal: "200", dissolutionDate: $d}) { application { address } } }`, { p: pool, d: dissolution },
    borrower.apiKey)).submitApplication.application.address);
  }
  await until(() => events.filter(event => event.state === 'EXPIRED').length >= 3, 'three EXPIRED notices');
  // Both instances run the job every second: three more rounds would show any second expiry.
  await new Promise(resolve => setTimeout(resolve, 3000));
  unsubscribe();
  await client.dispose();
  const expired = events.filter(event => event.state === 'EXPIRED').map(event => event.address).sort();
  assert.deepEqual(expired, [...submitted].sort(), JSON.stringify(events));
  for (const address of submitted) {
    const { application } = await graphql('query($a: String!) { application(address: $a) { state } }', { a: address });
    assert.equal(application.state, 'EXPIRED');
  }
  console.log('instances: with the job on both instances, each expired application was expired and announced once');
}

async function lockout() {
  const { apiKey } = await register(graphql);
  for (let i = 0; i < 11; i++) {
    assert.equal(await viewer(balancer, `lx_unknown_${i}`), 401);
  }
  for (const instance of instances) {
    assert.equal(await viewer(instance, apiKey), 429, `${instance} honours the lockout`);
  }
  console.log('instances: failed authentications spread over both instances locked the address out on both');
}

const POOL = 'query($a: String!) { pool(address: $a) { address } }';
const createPool = async apiKey => (await graphql(`mutation { createPool(input: {totalBalance: "1000",
  minimumLoan: "100", durationDays: 30, interestRate: "5"}) { pool { address } } }`, {}, apiKey)).createPool.pool.address;

async function metric(instance, name, labels) {
  const text = await (await fetch(new URL('/prometheus', instance))).text();
  return text.split('\n').filter(line => line.startsWith(name + '{') && labels.every(label => line.includes(label)))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}
const replicaReads = async () => (await Promise.all(instances.map(instance =>
  metric(instance, 'lendx_db_reads_total', ['target="replica"'])))).reduce((a, b) => a + b, 0);

/** New anonymous queries (cache misses) read the replica once it has replayed the changes heard. */
async function readsTheReplica() {
  const before = await replicaReads();
  await until(async () => {
    await graphql(POOL, { a: `missing-${Date.now()}` });
    return await replicaReads() > before;
  }, 'anonymous queries to read the replica');
}

async function replicaState(instance) {
  const response = await fetch(new URL('/health', instance), { headers: { Authorization: `Bearer ${adminKey}` } });
  return (await response.json()).details?.replica?.details?.state;
}

async function replica() {
  for (const instance of instances) {
    await until(async () => await replicaState(instance) === 'UP', `${instance} to use its replica`);
  }
  const { apiKey } = await register(graphql);
  // Round-robin: the mutation and the query land on different instances every other time.
  for (let i = 0; i < 4; i++) {
    const pool = await createPool(apiKey);
    const { pool: read } = await graphql(POOL, { a: pool }, apiKey);
    assert.equal(read?.address, pool, `the key reads its own write at once (round ${i})`);
  }
  const pool = await createPool(apiKey);
  const written = Date.now();
  await until(async () => (await graphql(POOL, { a: pool })).pool?.address === pool, 'an anonymous read of the pool');
  const behind = Date.now() - written;
  assert.ok(behind < 2000 + 3000, `anonymous reads were ${behind} ms behind`);
  await readsTheReplica();
  console.log(`instances: a key read its own writes at once on either instance; an anonymous query saw one after ${behind} ms`);
}

async function replicaDown() {
  for (const instance of instances) {
    await until(async () => await replicaState(instance) === 'DOWN', `${instance} to see the replica down`);
  }
  const { apiKey } = await register(graphql);
  const pool = await createPool(apiKey);
  const started = Date.now();
  assert.equal((await graphql(POOL, { a: pool })).pool?.address, pool, 'served from the primary, up to date');
  console.log(`instances: with the replica stopped, a query was served by the primary in ${Date.now() - started} ms`);
}

async function replicaBack() {
  for (const instance of instances) {
    await until(async () => await replicaState(instance) === 'UP', `${instance} to use its replica again`);
  }
  await readsTheReplica();
  console.log('instances: once the replica was back, queries read it again');
}

const checks = { budget, replica, 'replica-down': replicaDown, 'replica-back': replicaBack, 'without-redis': withoutRedis, 'redis-back': redisBack, expiry, lockout };
await checks[process.argv[2]]();
process.exit(0);
