/**
 * Time runs out with changed code that was saved but never submitted: the
 * server judges that last saved draft, its score counts (the staff total
 * agrees), and the candidate's receipt shows it as submitted when time ran
 * out. A real server, real Docker, Debian's Chromium; a one-minute test.
 *
 * Needs the server side of issue 11 (time-up judging, `origin: 'time_up'`
 * on candidate submissions): written against that contract, it passes once
 * the server branch is merged.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, PY_LOG_AGGREGATION, startTestServer, type TestServer } from '../support/server.ts';
import { candidatePage, launchBrowser, lightEditor, savedOnServer, screenshot } from './support/candidate.ts';

let server: TestServer;
let browser: Browser;
let staff: ApiClient;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
  staff = new ApiClient(server.url);
  await staff.login();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A one-minute assessment of one task, open now, and an invite to it. */
async function oneMinuteInvite(): Promise<{ assessmentId: string; token: string; inviteId: string }> {
  const challenges = (await staff.get('/api/challenges')).body.challenges as { id: string; slug: string }[];
  const logAggregation = challenges.find((challenge) => challenge.slug === 'log-aggregation');
  const now = Date.now();
  const assessment = await staff.post('/api/assessments', {
    title: 'One minute',
    challengeIds: [logAggregation?.id],
    timeLimitMinutes: 1,
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 24 * 3600_000).toISOString(),
    resultsVisibility: 'aggregate',
  });
  expect(assessment.status, JSON.stringify(assessment.body)).toBe(201);
  const invite = await staff.post(`/api/assessments/${assessment.body.id}/invites`, { candidateName: 'Out Of Time' });
  expect(invite.status).toBe(201);
  return { assessmentId: assessment.body.id, token: invite.body.token, inviteId: invite.body.invite.id };
}

describe('time runs out', () => {
  it('judges the last saved draft that was never submitted, counts its score, and shows it on the receipt', async () => {
    const invite = await oneMinuteInvite();
    const { page, context, errors } = await candidatePage(browser);
    await page.goto(`${server.url}/invite/${invite.token}`);
    await page.getByRole('button', { name: 'Start' }).click();
    const editor = await lightEditor(page);
    await page.locator('.code-pane select').selectOption('python');
    const solution = readFileSync(PY_LOG_AGGREGATION, 'utf8');
    await editor.fill(solution);
    await savedOnServer(page);

    // No submission: the time runs out (the page asks the server once its clock reaches zero).
    const receipt = page.locator('.receipt');
    await receipt.waitFor({ timeout: 120_000 });
    const row = receipt.locator('.receipt-task tbody tr').first();
    await expect.poll(() => row.innerText().catch(() => ''), { timeout: 120_000 }).toContain('Submitted automatically when time ran out');
    await expect.poll(() => row.innerText(), { timeout: 120_000 }).toContain('100 / 100');
    expect(await row.innerText()).toContain('This one counts');
    await screenshot(page, 'receipt-time-up-en');

    // Staff see the same: the attempt's total counts the draft judged at time-up.
    const attempts = (await staff.get(`/api/assessments/${invite.assessmentId}/attempts`)).body.attempts as { inviteId: string; score: number; status: string }[];
    const attempt = attempts.find((entry) => entry.inviteId === invite.inviteId);
    expect(attempt?.status).toBe('finished');
    expect(attempt?.score).toBe(100);
    expect(errors).toEqual([]);
    await context.close();
  });
});
