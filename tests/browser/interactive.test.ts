/**
 * An interactive challenge (guess-the-number) as a candidate meets it in
 * Debian's Chromium against a real server and real Docker: the statement
 * shows the sample exchanges with their legend, there is no custom input
 * (and the API refuses one), a sample run shows the exchange the program had
 * with the judge, and a binary search is accepted while a program that never
 * answers a guess wrong loses the tests it lost.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, expectApiError, newId, startTestServer, type TestServer } from '../support/server.ts';
import { candidatePage, launchBrowser, lightEditor, savedOnServer, screenshot } from './support/candidate.ts';

const GAME = path.join(REPO_ROOT, 'challenges/guess-the-number');
const ACCEPTED_PY = readFileSync(path.join(GAME, 'solutions/accepted.py'), 'utf8');
const WRONG_PY = readFileSync(path.join(GAME, 'solutions/wrong.py'), 'utf8');

let server: TestServer;
let browser: Browser;
let staff: ApiClient;
let assessmentId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
  staff = new ApiClient(server.url);
  await staff.login();
  const library = await staff.get('/api/challenges');
  const game = library.body.challenges.find((c: { slug: string }) => c.slug === 'guess-the-number');
  const now = Date.now();
  const created = await staff.post('/api/assessments', {
    title: 'Interactive',
    challengeIds: [game.id],
    timeLimitMinutes: 60,
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 86_400_000).toISOString(),
    resultsVisibility: 'samples',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  assessmentId = created.body.id;
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function invite(name: string): Promise<string> {
  const created = await staff.post(`/api/assessments/${assessmentId}/invites`, { candidateName: name });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.token;
}

describe('an interactive challenge', () => {
  it('the API refuses custom input on an interactive challenge and says why', async () => {
    const candidate = new ApiClient(server.url);
    await candidate.openInvite({ token: await invite('Custom Input Carl') });
    const started = await candidate.post('/api/candidate/attempt/start');
    expect(started.status).toBe(200);
    const [challenge] = started.body.assessment.challenges as { challengeVersionId: string }[];
    const refused = await candidate.post('/api/candidate/submissions', {
      id: newId(),
      challengeVersionId: challenge!.challengeVersionId,
      kind: 'custom',
      language: 'python',
      source: ACCEPTED_PY,
      customInput: '100\n',
    });
    expectApiError(refused, 400, 'invalid_request');
    expect(refused.body.error.message).toContain('interactive');
    // The sample run the page offers instead is taken.
    const samples = await candidate.post('/api/candidate/submissions', { id: newId(), challengeVersionId: challenge!.challengeVersionId, kind: 'samples', language: 'python', source: ACCEPTED_PY });
    expect(samples.status, JSON.stringify(samples.body)).toBe(202);
  });

  it('exchanges in the statement, no custom input, a sample run shows the exchange, binary search accepted, a wrong guesser partly', async () => {
    const { page, errors } = await candidatePage(browser);
    await page.goto(`${server.url}/invite/${await invite('Interactive Iman')}`);
    await page.waitForURL(`${server.url}/attempt`);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.locator('.statement-pane .task-title').waitFor();

    const exchanges = page.getByRole('region', { name: 'Sample interactions' });
    await exchanges.waitFor();
    expect(await exchanges.innerText()).toContain('Lines marked > are what your program writes');
    const first = exchanges.locator('pre.interaction').first();
    expect(await first.locator('span.writes').first().innerText()).toMatch(/^>guess \d+/);
    expect(await first.locator('span.reads').count()).toBeGreaterThan(0);
    expect(await page.locator('details.custom').count()).toBe(0);

    const editor = await lightEditor(page);
    await page.locator('.code-pane select').selectOption('python');
    await editor.fill(ACCEPTED_PY);
    await savedOnServer(page);
    await page.getByRole('button', { name: 'Run samples' }).click();
    const verdict = page.locator('.results-pane article.submission .verdict').first();
    await expect.poll(() => verdict.innerText().catch(() => ''), { timeout: 90_000 }).toBe('Accepted');
    // Where a plain sample shows the program's output, an interactive one shows the exchange.
    const shown = await page.locator('.results-pane details.test').first().innerText();
    expect(shown).toMatch(/>guess \d+/);
    expect(shown).toMatch(/<(lower|higher|correct)/);
    await exchanges.scrollIntoViewIfNeeded();
    await screenshot(page, 'interactive-en');

    await page.getByRole('button', { name: 'Submit' }).click();
    const score = page.locator('.results-pane article.submission .score');
    await expect.poll(() => score.innerText().catch(() => ''), { timeout: 120_000 }).toContain('100 / 100');

    // Submitting again with a strategy that loses some games: the score drops.
    await editor.fill(WRONG_PY);
    await savedOnServer(page);
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => score.innerText().catch(() => ''), { timeout: 120_000 }).toMatch(/(?:^|\D)\d{1,2} \/ 100/);
    expect(await verdict.innerText()).toBe('Wrong answer');
    expect(errors).toEqual([]);
  });
});
