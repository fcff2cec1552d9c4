// OpenTelemetry over OTLP/HTTP, as an operator's collector receives it: this script is the
// collector (a small HTTP server on LENDX_OTLP_PORT that the service exports to), sends one
// persisted query with its own W3C traceparent, and checks that the spans of that request arrive
// under the trace id it sent: the HTTP request's, the operation's and its SQL statements'.
// Usage: LENDX_URL=… LENDX_OTLP_PORT=… node tracing.mjs (the service started with
// OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:$LENDX_OTLP_PORT).
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { until } from './operations.mjs';

const service = new URL(process.env.LENDX_URL ?? 'http://localhost:8080');
const port = Number(process.env.LENDX_OTLP_PORT ?? 4318);
const exports = [];
const collector = createServer((request, response) => {
  const chunks = [];
  request.on('data', chunk => chunks.push(chunk));
  request.on('end', () => {
    if (request.url === '/v1/traces' && request.headers['content-type'] === 'application/x-protobuf') {
      exports.push(Buffer.concat(chunks));
    }
    response.writeHead(200, { 'Content-Type': 'application/x-protobuf' }).end();
  });
});
await new Promise(resolve => collector.listen(port, '127.0.0.1', resolve));

const traceId = randomBytes(16);
const callerSpan = randomBytes(8);
const text = readFileSync(fileURLToPath(new URL('../../graphql/operations/marketplace/PoolsFirstPage.graphql',
  import.meta.url)), 'utf8');
const response = await fetch(new URL('/graphql', service), {
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Accept: 'application/json',
    traceparent: `00-${traceId.toString('hex')}-${callerSpan.toString('hex')}-01` },
  body: JSON.stringify({ variables: { first: 5 }, extensions: { persistedQuery: { version: 1,
    sha256Hash: createHash('sha256').update(text).digest('hex') } } }),
});
const body = await response.json();
if (response.status !== 200 || body.errors !== undefined) throw new Error(`the query failed: ${JSON.stringify(body)}`);

// An OTLP export is protobuf: a span's trace id is its 16 raw bytes, names and attribute values
// their UTF-8 text. The spans of one request may come in more than one export.
const ofTrace = () => exports.filter(batch => batch.includes(traceId));
const has = text => ofTrace().some(batch => batch.includes(Buffer.from(text, 'utf8')));
try {
  await until(() => has('POST /graphql') && has('query PoolsFirstPage') && has('SELECT'),
    'the request, operation and statement spans under the trace id sent');
} catch (e) {
  console.error(`tracing: ${exports.length} exports received, ${ofTrace().length} of the trace`);
  throw e;
}
if (!ofTrace().some(batch => batch.includes(callerSpan))) throw new Error("the caller's span is not the request's parent");
if (!has('lendx-api')) throw new Error('the spans do not name the service lendx-api');
console.log(`tracing: the request's spans (HTTP, operation, SQL) arrived over OTLP/HTTP under the caller's trace `
  + `${traceId.toString('hex')}, in ${ofTrace().length} of ${exports.length} exports`);
collector.close();
process.exit(0);
