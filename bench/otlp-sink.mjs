// The bench's OpenTelemetry collector for the "traced" pass: takes every OTLP/HTTP export and
// answers 200, so that the service exports as it would to a real one. Usage: node otlp-sink.mjs PORT
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 4318);
let spansBytes = 0;
createServer((request, response) => {
  request.on('data', chunk => { spansBytes += chunk.length; });
  request.on('end', () => response.writeHead(200, { 'Content-Type': 'application/x-protobuf' }).end());
}).listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  console.log(`otlp-sink: ${spansBytes} bytes of spans received`);
  process.exit(0);
});
