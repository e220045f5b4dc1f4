/**
 * The recruiter's journey, end to end with real parts: three candidates do
 * an assessment in their own browsers (one pastes a wrong program, one has a
 * name that is a spreadsheet formula) while a recruiter watches the dashboard,
 * which fills in their scores live. Then the CSV export has the right rows
 * with the formula neutralised, and the report of the candidate who failed
 * shows the hidden tests' verdicts with the first differing line, and a
 * replay that marks the paste and plays.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorBox } from '../support/editor.ts';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, DEMO_EMAIL, DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.ts';
import { candidatePage, launchBrowser, savedOnServer, screenshot } from './support/candidate.ts';

const DAY_MS = 24 * 60 * 60_000;
const solution = (file: string) => readFileSync(path.join(REPO_ROOT, 'challenges/log-aggregation/solutions', file), 'utf8');
const CANDIDATES = [
  { name: 'Amal Haddad', code: solution('accepted.py'), score: 100 },
  { name: 'Berhane Tesfay', code: solution('wrong.py'), score: 40 },
  { name: '=HYPERLINK("http://127.0.0.1/x","Click")', code: solution('accepted.py'), score: 100 },
];

let server: TestServer;
let browser: Browser;
let assessmentId: string;
const tokens = new Map<string, string>();

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
  const staff = new ApiClient(server.url);
  await staff.login();
  const demo = (await staff.get('/api/assessments')).body.assessments.find((a: { title: string }) => a.title === 'Demo assessment');
  const created = await staff.post('/api/assessments', {
    title: 'Recruiter journey',
    timeLimitMinutes: 60,
    opensAt: new Date(Date.now() - DAY_MS).toISOString(),
    closesAt: new Date(Date.now() + DAY_MS).toISOString(),
    resultsVisibility: 'aggregate',
    challengeVersionIds: [demo.challenges[0].challengeVersionId],
  });
  expect(created.status).toBe(201);
  assessmentId = created.body.id;
  for (const candidate of CANDIDATES) {
    const invite = await staff.post(`/api/assessments/${assessmentId}/invites`, { candidateName: candidate.name });
    expect(invite.status).toBe(201);
    tokens.set(candidate.name, invite.body.token);
  }
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A candidate in their own browser: start, a line typed, the program pasted, submit, then finish. */
async function candidateDoesIt(name: string, code: string, score: number): Promise<void> {
  const { page, context, errors } = await candidatePage(browser);
  try {
    await page.goto(`${server.url}/invite/${tokens.get(name)}`);
    await page.getByRole('button', { name: 'Start' }).click();
    await editorBox(page).waitFor();
    await page.getByLabel('Programming language').selectOption('python');
    await editorBox(page).focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('import sys\n');
    await savedOnServer(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(code)})`);
    await editorBox(page).focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('ControlOrMeta+v');
    await savedOnServer(page);
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => page.getByText(`Score: ${score} / 100`).count(), { timeout: 120_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Finish', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: /^(Finish|Finish without submitting)$/ }).first().click();
    await page.locator('.receipt').waitFor();
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}

async function signedIn(): Promise<Page> {
  const { page } = await candidatePage(browser, { width: 1280, height: 900 });
  await page.goto(`${server.url}/staff/login`);
  await page.getByLabel('E-mail').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.who').waitFor();
  return page;
}

describe('the recruiter journey', () => {
  it('three candidates finish while the dashboard fills in live; the CSV and the report say what happened', async () => {
    const page = await signedIn();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/staff/assessments/${assessmentId}`);
    await page.getByRole('heading', { name: 'Candidates', exact: true }).waitFor();
    await expect.poll(() => page.getByText('Live updates on').count()).toBe(1);
    const row = (text: string) => page.locator('table.dashboard-table tbody tr').filter({ hasText: text });
    for (const candidate of CANDIDATES) expect(await row(candidate.name).innerText()).toContain('Invited');

    // Live: each row turns Finished with its score while the page stays open (no reload).
    for (const candidate of CANDIDATES) {
      await candidateDoesIt(candidate.name, candidate.code, candidate.score);
      await expect.poll(async () => row(candidate.name).innerText(), { timeout: 30_000 }).toContain('Finished');
      expect(await row(candidate.name).innerText()).toContain(`${candidate.score} / 100`);
    }
    await screenshot(page, 'recruiter-dashboard');

    // The CSV: one row per candidate with the right total; the formula name neutralised.
    const csv = await (await page.request.get(`${server.url}/api/assessments/${assessmentId}/dashboard.csv`)).text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(1 + CANDIDATES.length);
    expect(lines.find((line) => line.includes('Amal Haddad'))).toMatch(/,100,/);
    expect(lines.find((line) => line.includes('Berhane Tesfay'))).toMatch(/,40,/);
    expect(csv).toContain(`"'=HYPERLINK(""http://127.0.0.1/x"",""Click"")"`);
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m);

    // The report of the candidate who failed: hidden tests with the first difference, the replay with the paste.
    await row('Berhane Tesfay').getByRole('link').first().click();
    await page.getByRole('heading', { name: /Attempt of .*Berhane Tesfay/ }).waitFor();
    await page.getByRole('heading', { name: 'Hidden tests of the final submission' }).waitFor({ timeout: 30_000 });
    const tests = page.getByRole('region', { name: /Hidden tests of/ }).first();
    expect(await tests.getByRole('cell', { name: 'Wrong answer' }).count()).toBeGreaterThan(0);
    expect(await tests.getByRole('cell', { name: 'Accepted' }).count()).toBeGreaterThan(0);
    expect(await tests.getByText(/^Line \d+$/).count()).toBeGreaterThan(0);
    const replay = page.locator('section.replay');
    expect(await replay.getByText(`Pasted: ${CANDIDATES[1]!.code.length} characters`).count()).toBeGreaterThan(0);
    const slider = replay.getByRole('slider', { name: 'Position' });
    await slider.focus();
    await page.keyboard.press('Home');
    await replay.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => slider.inputValue(), { timeout: 15_000 }).not.toBe('0');
    await screenshot(page, 'recruiter-report');
    expect(errors).toEqual([]);
  }, 600_000);
});
