/**
 * The links `npm start` prints, opened in headless Chromium (Debian's, driven
 * by playwright-core) against a real server: a candidate opens the invite
 * link, starts, runs the samples, submits and sees the score; the candidate's
 * draft survives a reload; a recruiter signs in and sees the attempt.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorBox, editorText, setEditorText } from '../support/editor.ts';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, DEMO_EMAIL, DEMO_PASSWORD, demoInvite, PY_LOG_AGGREGATION, startTestServer, type TestServer } from '../support/server.ts';
import { indexedDbKeys } from './support/candidate.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // `npm test` builds the client first; a lone run of this file builds it when missing.
  if (!existsSync(path.join(REPO_ROOT, 'client/dist/index.html'))) execFileSync('npm', ['run', 'build', '-w', 'client', '--silent'], { cwd: REPO_ROOT, stdio: 'ignore' });
  server = await startTestServer();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

describe('the printed links in a browser', () => {
  it('a candidate opens the link, starts, runs samples, submits and sees the score; the draft survives a reload', async () => {
    const staff = new ApiClient(server.url);
    await staff.login();
    const invite = await demoInvite(staff, 'Browser Candidate');
    const page = await newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${server.url}/invite/${invite.token}`);
    await page.waitForURL(`${server.url}/attempt`);
    await expect.poll(() => page.getByRole('heading', { name: 'Demo assessment' }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Start' }).click();

    // Whichever editor shows (Monaco takes over once typing pauses), typed as a candidate would.
    await editorBox(page).waitFor();
    await page.getByLabel('Programming language').selectOption('python');
    await setEditorText(page, readFileSync(PY_LOG_AGGREGATION, 'utf8'));
    await expect.poll(() => page.getByText('Saved', { exact: true }).count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Run samples' }).click();
    await expect.poll(() => page.getByText('Expected output').count(), { timeout: 60_000 }).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => page.getByText('Score: 100 / 100').count(), { timeout: 90_000 }).toBeGreaterThan(0);

    // The draft is on the server, not only in this browser: a second browser,
    // with nothing stored, opening the same link finds the code, and so does staff.
    const firstLine = readFileSync(PY_LOG_AGGREGATION, 'utf8').split('\n')[0] ?? '';
    const other = await newPage();
    await other.goto(`${server.url}/invite/${invite.token}`);
    await editorBox(other).waitFor();
    await other.getByLabel('Programming language').selectOption('python');
    await expect.poll(() => editorText(other), { timeout: 15_000 }).toContain(firstLine);
    await other.context().close();
    const attempts = (await staff.get(`/api/assessments/${invite.assessmentId}/attempts`)).body.attempts as { id: string; inviteId: string }[];
    const attempt = attempts.find((a) => a.inviteId === invite.inviteId);
    const detail = await staff.get(`/api/attempts/${attempt?.id}`);
    expect(detail.body.drafts.map((d: { source: string }) => d.source).join('\n')).toContain(firstLine);

    await page.reload();
    await editorBox(page).waitFor();
    expect(await editorText(page)).toContain(firstLine);
    expect(errors).toEqual([]);
  });

  it('"leave this device" leaves nothing behind: neither the page\'s memory nor Back shows the attempt', async () => {
    const staff = new ApiClient(server.url);
    await staff.login();
    const invite = await demoInvite(staff, 'Shared Device Candidate');
    const page = await newPage();
    await page.goto(`${server.url}/`);
    await page.goto(`${server.url}/invite/${invite.token}`);
    await page.waitForURL(`${server.url}/attempt`);
    await page.getByRole('button', { name: 'Start' }).click();
    await editorBox(page).waitFor();
    const secret = `# private-note-${Date.now()}`;
    await setEditorText(page, `${secret}\nprint(1)\n`);
    await expect.poll(() => page.getByText('Saved', { exact: true }).count(), { timeout: 15_000 }).toBeGreaterThan(0);

    await page.getByRole('button', { name: /Leave this device/ }).click();
    await page.waitForURL(`${server.url}/`);
    expect(await page.evaluate('Object.keys(localStorage).join(" ")')).not.toContain('draft');
    // Nor IndexedDB, where the drafts, runs and offline copies of the attempt were kept.
    expect(await indexedDbKeys(page)).toEqual([]);

    // The page's memory holds nothing: a history step to /attempt inside this
    // document (what Back and Forward do in a single-page app) must ask the
    // server, which no longer knows this device.
    await page.evaluate("history.pushState(null, '', '/attempt'); dispatchEvent(new PopStateEvent('popstate'))");
    await expect.poll(() => page.getByRole('link', { name: /code/i }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { name: 'Demo assessment' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Leave this device/ }).count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(secret);

    // Back, whatever page it lands on, shows nothing of the attempt either.
    await page.goBack().catch(() => undefined);
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { name: 'Demo assessment' }).count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(secret);
  });

  it('switches the interface to Arabic, right to left', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.getByLabel('Language').selectOption('ar');
    await expect.poll(() => page.evaluate('document.documentElement.dir + " " + document.documentElement.lang')).toBe('rtl ar');
  });

  it('a recruiter signs in with the demo login and sees the candidate who submitted', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/staff/login`);
    await page.getByLabel('E-mail').fill(DEMO_EMAIL);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Demo assessment').first().click();
    await expect.poll(() => page.getByText('Browser Candidate').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  });
});
