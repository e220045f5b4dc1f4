import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { ApiClient, demoInvite, PY_LOG_AGGREGATION, startTestServer } from '../support/server.ts';

const server = await startTestServer();
const staff = new ApiClient(server.url);
await staff.login();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...a);
try {
  const invite = await demoInvite(staff, 'x');
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('pageerror', (e) => log('pageerror', e.message));
  page.on('console', (m) => log('console', m.type(), m.text()));
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${server.url}/invite/${invite.token}`);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.locator('.head-tools input[role="switch"]').check();
  const editor = page.locator('.editor-box textarea');
  await page.locator('.code-pane select').selectOption('python');
  await editor.fill('print(1)\n');
  log('filled');
  await page.waitForTimeout(2000);
  log('status', await page.locator('.status-area').innerText());
  log('sw ready?', await page.evaluate('navigator.serviceWorker.ready.then(r => !!r.active)'));
  log('controller', await page.evaluate('navigator.serviceWorker.controller !== null'));
  await context.setOffline(true);
  await page.waitForTimeout(1000);
  log('status offline', await page.locator('.status-area').innerText());
  await editor.focus();
  await page.keyboard.press('Control+End');
  await editor.pressSequentially('abc def ghi');
  await editor.fill('print(2)\n');
  const r = await page.reload().catch((e) => log('reload error', e.message));
  log('reloaded', r && r.fromServiceWorker(), r && r.status());
  await page.waitForTimeout(3000);
  log('body', (await page.locator('body').innerText()).slice(0, 600));
} catch (e) {
  log('error', (e as Error).message);
}
await browser.close();
await server.stop();
