/**
 * The similarity screen through the page (Debian's Chromium, a real server):
 * three candidates submit through the candidate API (an original, a copy with
 * names, comments and literals changed, and an independent solution); the
 * recruiter opens "Similar code" from the assessment, sees the one pair with
 * its score and the notice that a score is no verdict, opens the pair, reads
 * both codes side by side with the matching lines marked and numbered, moves
 * to a region by keyboard; axe-core finds no serious or critical violation.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, DEMO_EMAIL, DEMO_PASSWORD, demoInvite, newId, startTestServer, type TestServer } from '../support/server.ts';
import { accessibilityProblems, candidatePage, launchBrowser, screenshot } from './support/candidate.ts';

let server: TestServer;
let browser: Browser;
let page: Page;
let errors: string[];
let assessmentId: string;

const read = (file: string) => readFile(path.join(REPO_ROOT, file), 'utf8');

async function submits(staff: ApiClient, name: string, source: string): Promise<void> {
  const invite = await staff.post(`/api/assessments/${assessmentId}/invites`, { candidateName: name });
  const candidate = new ApiClient(server.url);
  await candidate.openInvite({ token: invite.body.token });
  const started = await candidate.post('/api/candidate/attempt/start');
  const challengeVersionId = started.body.assessment.challenges[0].challengeVersionId;
  const sent = await candidate.post('/api/candidate/submissions', { id: newId(), challengeVersionId, kind: 'submit', language: 'python', source });
  expect(sent.status).toBe(202);
}

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
  const staff = new ApiClient(server.url);
  await staff.login();
  assessmentId = (await demoInvite(staff, 'unused')).assessmentId;
  await submits(staff, 'Olivia Original', await read('challenges/log-aggregation/solutions/accepted.py'));
  await submits(staff, 'Carl Copier', await read('tests/fixtures/similarity/copied.py'));
  await submits(staff, 'Ingrid Independent', await read('challenges/log-aggregation/solutions/slow.py'));
  ({ page, errors } = await candidatePage(browser));
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('similar code, for a person to look at', () => {
  it('lists the copied pair from the assessment page, says a score is no verdict, and axe finds nothing serious', async () => {
    await page.goto(`${server.url}/staff/login`);
    await page.getByLabel('E-mail').fill(DEMO_EMAIL);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Demo assessment' }).click();
    await page.getByRole('link', { name: 'Similar code' }).click();
    await page.waitForURL(`**/staff/assessments/${assessmentId}/similarity`);
    await page.getByRole('heading', { level: 1, name: /Similar code: .*Demo assessment/ }).waitFor();
    await expect.poll(() => page.getByText('never a verdict').count()).toBe(1);
    await expect.poll(() => page.getByText('common solutions are naturally alike').count()).toBe(1);

    const rows = page.locator('table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    const cells = await rows.first().locator('td').allInnerTexts();
    expect(cells.slice(0, 2).map((c) => c.replace(/[\u2068\u2069]/g, '')).sort()).toEqual(['Carl Copier', 'Olivia Original']);
    expect(cells[2]).toBe('python');
    expect(Number(/(\d+) %/.exec(cells[3]!)?.[1])).toBeGreaterThanOrEqual(50);
    await expect.poll(() => page.getByText('Ingrid Independent').count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('opens both codes side by side with the regions listed and marked, by keyboard', async () => {
    const open = page.getByRole('button', { name: /^Compare / });
    await open.focus();
    await page.keyboard.press('Enter');
    expect(await open.getAttribute('aria-expanded')).toBe('true');
    // Focus moves to the pair's heading, so a keyboard or screen-reader user is where the codes are.
    await expect.poll(() => page.evaluate<string>('document.activeElement?.tagName')).toBe('H3');
    await page.getByRole('figure').nth(1).waitFor();
    expect((await page.locator('.similarity-pair p').first().innerText()).replace(/[\u2068\u2069]/g, '')).toMatch(/^\d+ % of the code of (Olivia Original|Carl Copier) is in the matching part, and \d+ % of the code of (Olivia Original|Carl Copier)\.$/);
    const captions = (await page.locator('figcaption').allInnerTexts()).map((c) => c.replace(/[\u2068\u2069]/g, ''));
    expect(captions.sort()).toEqual(['Code of Carl Copier', 'Code of Olivia Original']);

    const region = page.locator('.similarity-regions button').first();
    expect(await region.innerText()).toMatch(/^▌1 Lines \d+–\d+ ↔ lines \d+–\d+$/);
    // Marked lines carry a bar and the region's number, not colour alone; both codes have them.
    for (const figure of await page.getByRole('figure').all()) {
      expect(await figure.locator('mark').count()).toBeGreaterThan(5);
      expect(await figure.locator('mark').first().innerText()).toMatch(/^Match 1\s*▌1/);
    }
    await region.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate<string>("document.activeElement?.id ?? ''")).toMatch(/-0$/);
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'staff-similarity');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
