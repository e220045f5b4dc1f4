/**
 * Issue 12, assessments in the browser (Debian's Chromium, a real server):
 * an author creates an assessment through the form by keyboard (tasks as
 * pinned versions, visibility in words, interface languages, extra time),
 * changes it, sees a running assessment refuse an unsafe change in words,
 * duplicates it and reads the change history; axe-core finds no serious or
 * critical violation on the form; the candidate's language menu offers only
 * the languages chosen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_EMAIL, DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.ts';
import { accessibilityProblems, candidatePage, launchBrowser, screenshot } from './support/candidate.ts';

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

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/staff/login`);
  await page.getByLabel('E-mail').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Assessments' }).waitFor();
}

/** A `datetime-local` value one day earlier (the test's time zone is the browser's). */
function dayEarlier(value: string): string {
  const d = new Date(value);
  d.setDate(d.getDate() - 1);
  return localInput(d);
}

function localInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Focuses a control and presses a key: the form is driven as a keyboard user would. */
async function press(page: Page, locator: ReturnType<Page['locator']>, key: string): Promise<void> {
  await locator.focus();
  await page.keyboard.press(key);
}

describe('building assessments in the browser', () => {
  it('creates, changes, refuses an unsafe change once running, duplicates; the form is axe-clean; the candidate gets the chosen languages', async () => {
    const { page, context, errors } = await candidatePage(browser);
    await signIn(page);
    await press(page, page.getByRole('link', { name: 'New assessment' }), 'Enter');
    await page.getByRole('heading', { name: 'New assessment' }).waitFor();

    await page.getByLabel('Title', { exact: true }).fill('Backend, March');
    // Two tasks, the second moved first, each on its newest version.
    const add = page.getByLabel('Challenge to add');
    await add.selectOption({ label: 'Log aggregation' });
    await press(page, page.getByRole('button', { name: 'Add', exact: true }), 'Enter');
    await page.getByLabel('Version of Log aggregation').waitFor();
    await add.selectOption({ label: 'Meeting rooms' });
    await press(page, page.getByRole('button', { name: 'Add', exact: true }), 'Enter');
    await page.getByLabel('Version of Meeting rooms').waitFor();
    await press(page, page.getByRole('button', { name: 'Move Meeting rooms up' }), 'Enter');
    await expect.poll(() => page.locator('.task-list .task-title').allTextContents()).toEqual(['Meeting rooms', 'Log aggregation']);
    expect(await page.getByLabel('Version of Log aggregation').locator('option:checked').textContent()).toContain('newest');

    await page.getByLabel('Time limit (minutes)').fill('75');
    // Open since an hour ago, so a candidate can start below.
    await page.getByLabel('Opens').fill(localInput(new Date(Date.now() - 3_600_000)));
    // Visibility in words: each choice is described by the sentence of what candidates see.
    const score = page.getByRole('radio', { name: 'Verdict and score', exact: true });
    await press(page, score, 'Space');
    expect(await score.isChecked()).toBe(true);
    expect(await page.locator(`#${await score.getAttribute('aria-describedby')}`).textContent()).toContain('nothing about single hidden tests');
    await press(page, page.getByRole('checkbox', { name: 'ትግርኛ' }), 'Space');
    await page.getByLabel('Extra time (percent of the time limit)').fill('40');
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'assessment-editor-create');

    await press(page, page.getByRole('button', { name: 'Create assessment' }), 'Enter');
    await page.getByRole('heading', { name: 'Backend, March', level: 1 }).waitFor();
    const id = page.url().split('/').pop()!;
    await page.getByText('Candidates see the verdict and score of each submission.').waitFor();
    await page.getByText('Second-language candidates get 40 % more time (105 min).').waitFor();
    const created = (await staff.get(`/api/assessments/${id}`)).body;
    expect(created).toMatchObject({ title: 'Backend, March', timeLimitMinutes: 75, resultsVisibility: 'aggregate', secondLanguagePercent: 40, interfaceLanguages: ['en', 'sv', 'ar', 'prs', 'uk'] });
    expect(created.challenges.map((c: { title: string }) => c.title)).toEqual(['Meeting rooms', 'Log aggregation']);

    // Change it before anyone starts: every field is open.
    await press(page, page.getByRole('link', { name: 'Change settings' }), 'Enter');
    await page.getByRole('heading', { name: 'Change Backend, March' }).waitFor();
    await page.getByLabel('Time limit (minutes)').fill('80');
    expect(await accessibilityProblems(page)).toEqual([]);
    await press(page, page.getByRole('button', { name: 'Save changes' }), 'Enter');
    await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
    expect((await staff.get(`/api/assessments/${id}`)).body.timeLimitMinutes).toBe(80);

    // A candidate starts: the form locks what may not change, and the server's refusal reads in words.
    const invite = await staff.post(`/api/assessments/${id}/invites`, { candidateName: 'Started Candidate' });
    const candidate = new ApiClient(server.url);
    await candidate.openInvite({ token: invite.body.token });
    expect((await candidate.post('/api/candidate/attempt/start')).status).toBe(200);
    await page.reload();
    await page.getByText('A candidate has started.', { exact: false }).waitFor();
    expect(await page.getByLabel('Time limit (minutes)').isDisabled()).toBe(true);
    expect(await accessibilityProblems(page)).toEqual([]);
    const closes = page.getByLabel('Closes');
    const closesValue = await closes.inputValue();
    await closes.fill(dayEarlier(closesValue));
    await press(page, page.getByRole('button', { name: 'Save changes' }), 'Enter');
    await page.getByRole('alert').filter({ hasText: 'Not saved: a candidate has started, so these can no longer change: closing time.' }).waitFor();
    await closes.fill(closesValue);
    await page.getByLabel('Title', { exact: true }).fill('Backend, March (round 1)');
    await press(page, page.getByRole('button', { name: 'Save changes' }), 'Enter');
    await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
    await screenshot(page, 'assessment-editor-running');

    // Duplicate for next month, then read both histories.
    await press(page, page.getByRole('link', { name: 'Back to the assessment' }), 'Enter');
    await page.getByRole('heading', { name: 'Backend, March (round 1)', level: 1 }).waitFor();
    await page.getByText('Changed by Demo Author: title').waitFor();
    await page.getByText('Changed by Demo Author: time limit').waitFor();
    await page.getByLabel('Title of the copy').fill('Backend, April');
    await press(page, page.getByRole('button', { name: 'Duplicate', exact: true }), 'Enter');
    await page.getByRole('status').filter({ hasText: 'Copy created: Backend, April.' }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await press(page, page.getByRole('link', { name: 'Open the copy' }), 'Enter');
    await page.getByRole('heading', { name: 'Backend, April', level: 1 }).waitFor();
    await page.getByText('Created by Demo Author as a copy').waitFor();
    const copies = (await staff.get('/api/assessments')).body.assessments.filter((a: { title: string }) => a.title === 'Backend, April');
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ timeLimitMinutes: 80, secondLanguagePercent: 40, running: false, challenges: created.challenges });
    expect((await staff.get(`/api/assessments/${copies[0].id}/invites`)).body.invites).toEqual([]);

    // The candidate's language menu offers the chosen languages only.
    const other = await staff.post(`/api/assessments/${id}/invites`, { candidateName: 'Language Candidate' });
    const candidatePageOf = await candidatePage(browser);
    await candidatePageOf.page.goto(`${server.url}/invite/${other.body.token}`);
    await candidatePageOf.page.getByRole('button', { name: 'Start' }).waitFor();
    expect(await candidatePageOf.page.getByLabel('Language').locator('option').evaluateAll((options) => options.map((o) => (o as unknown as { value: string }).value))).toEqual([
      'en',
      'sv',
      'ar',
      'prs',
      'uk',
    ]);
    expect(candidatePageOf.errors).toEqual([]);
    await candidatePageOf.context.close();

    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
