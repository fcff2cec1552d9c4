// graphql-http's audit of the GraphQL-over-HTTP spec against the service: no MUST (error) and no
// SHOULD (warn) may fail; a MAY the service leaves out is only a notice. Usage: LENDX_URL=… node audit.mjs
import { auditServer } from 'graphql-http';

const service = new URL(process.env.LENDX_URL ?? 'http://localhost:8080');
const results = await auditServer({ url: new URL('/graphql', service).href });
const failed = results.filter(result => result.status === 'error' || result.status === 'warn');
const notices = results.filter(result => result.status === 'notice');
for (const result of failed) {
  console.error(`audit: ${result.status}: ${result.name}: ${result.reason}`);
}
if (failed.length > 0) process.exit(1);
console.log(`audit: graphql-http's ${results.length} checks of the GraphQL-over-HTTP spec: 0 MUST and 0 SHOULD `
  + `failures (${notices.length} MAY left out: ${notices.map(notice => notice.name).join('; ')})`);
process.exit(0);
