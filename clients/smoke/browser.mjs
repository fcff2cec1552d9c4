// A real browser (Debian's Chromium, headless) against the running service:
//  1. /graphiql works offline: every request the page makes goes to the service itself; it opens
//     with MarketplaceOverview, runs it, the result pane shows the pools, and the docs pane shows
//     the schema's descriptions.
//  2. CORS: a page served from a development origin (http://localhost:5173) calls the API and
//     reads the exposed X-Request-Id; a page from an origin not allowed cannot.
// Usage: LENDX_URL=http://localhost:18080 node browser.mjs
import { chromium } from 'playwright-core';
import http from 'node:http';
import assert from 'node:assert/strict';

const service = new URL(process.env.LENDX_URL ?? 'http://localhost:8080');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';

const browser = await chromium.launch({
  executablePath: chromiumPath,
  // Root in CI, and a closed network: no sandbox, no background calls to Google's hosts.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  await graphiqlOffline();
  await crossOrigin();
  console.log('browser: ok');
} finally {
  await browser.close();
}

async function graphiqlOffline() {
  const page = await browser.newPage();
  const foreign = [];
  await page.route('**/*', route => {
    const url = new URL(route.request().url());
    if (url.origin === service.origin) {
      return route.continue();
    }
    foreign.push(url.href);
    return route.abort();
  });
  await page.goto(new URL('/graphiql', service).href);
  const editor = page.locator('.graphiql-query-editor');
  await editor.getByText('query MarketplaceOverview').first().waitFor({ timeout: 30_000 });
  await page.locator('.graphiql-execute-button').click();
  const result = page.locator('.result-window');
  await result.getByText('"totalCount"').first().waitFor({ timeout: 30_000 });
  const shown = await result.innerText();
  assert.match(shown, /"pools"/, 'the result pane shows the pools');
  assert.doesNotMatch(shown, /"errors"/, 'without errors');
  await page.getByLabel('Show Documentation Explorer').click();
  await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().click();
  await page.getByText('The LendX marketplace graph').first().waitFor({ timeout: 15_000 });
  assert.deepEqual(foreign, [], 'GraphiQL asked for nothing outside the service');
  console.log('browser: GraphiQL ran MarketplaceOverview offline; its docs show the descriptions');
  await page.close();
}

async function crossOrigin() {
  const apiUrl = new URL('/graphql', service).href;
  const html = `<!doctype html><body><script>
    fetch(${JSON.stringify(apiUrl)}, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify({ query: '{ pools(first: 1) { totalCount } }' }),
    })
      .then(async r => { document.body.dataset.result = JSON.stringify({ status: r.status,
          requestId: r.headers.get('X-Request-Id'), body: await r.json() }); })
      .catch(e => { document.body.dataset.result = JSON.stringify({ failed: String(e) }); });
  </script></body>`;
  const server = http.createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end(html);
  });
  const otherServer = http.createServer(server.listeners('request')[0]);
  const allowed = await listen(server, 5173);
  const other = await listen(otherServer, 5174);
  try {
    const fromAllowed = await resultOf(`http://localhost:${allowed}/`);
    assert.equal(fromAllowed.status, 200, JSON.stringify(fromAllowed));
    assert.ok(fromAllowed.body.data.pools.totalCount >= 0, JSON.stringify(fromAllowed));
    assert.ok(fromAllowed.requestId, 'X-Request-Id is readable cross-origin');
    const fromOther = await resultOf(`http://localhost:${other}/`);
    assert.ok(fromOther.failed, `an origin not allowed is refused by the browser: ${JSON.stringify(fromOther)}`);
    console.log('browser: CORS lets http://localhost:5173 in and keeps http://localhost:5174 out');
  } finally {
    server.close();
    otherServer.close();
  }
}

async function resultOf(url) {
  const page = await browser.newPage();
  await page.goto(url);
  const result = await page.waitForFunction(() => document.body.dataset.result, null, { timeout: 15_000 });
  const value = JSON.parse(await result.jsonValue());
  await page.close();
  return value;
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, 'localhost', () => resolve(server.address().port));
  });
}
