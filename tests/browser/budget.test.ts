/**
 * The candidate page's byte budget (DESIGN.md, issue 11), in headless
 * Chromium on the issue's slow link against a real server: at most 150 KB on
 * the wire before the candidate can type (the editor takes a keystroke; the
 * first visit includes pressing Start), and a second visit in the same
 * browser under 30 KB. Bytes are deterministic; times are printed, not
 * asserted (`npm run bench:client` reports them over several runs).
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figuresTable, measureFirstAndSecondVisit, SLOW_LINK } from '../support/client-load.ts';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, demoInvite, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // NODE_ENV=production: under vitest it is `test`, which would make Vite build React's development bundle.
  execFileSync('bash', ['scripts/build.sh'], { cwd: REPO_ROOT, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
  server = await startTestServer({ KODBRO_WORKERS: '0' });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the candidate page on a slow link', () => {
  it('sends at most 150 KB before the candidate can type, and under 30 KB on a second visit', async () => {
    const staff = new ApiClient(server.url);
    await staff.login();
    const invite = await demoInvite(staff, 'Budget Candidate');
    // The throttled link also makes the count exact: Monaco, fetched only after
    // the editor shows, cannot arrive before the keystroke does.
    const figures = await measureFirstAndSecondVisit(browser, `${server.url}/invite/${invite.token}`, { throttle: SLOW_LINK, monacoWaitMs: 1 });
    console.log(figuresTable(figures));
    const largest = figures.first.responses.slice(0, 5).map((r) => `${r.url.replace(server.url, '')} ${r.bytes}`).join(', ');
    expect(figures.first.bytesBeforeTyping, `first visit: ${largest}`).toBeLessThanOrEqual(150 * 1024);
    expect(figures.second.bytesBeforeTyping, `second visit: ${figures.second.responses.map((r) => `${r.url.replace(server.url, '')} ${r.bytes}`).join(', ')}`).toBeLessThan(30 * 1024);
  });
});
