/**
 * The recruiter's dashboard in Debian's Chromium against a real server and
 * real Docker: rows for every invite, sorting (aria-sort), the status filter
 * and the name search, a row that updates live when a candidate submits and
 * finishes, a review saved from the row's panel, and anonymous review: aliases
 * only, until a recruiter reveals one candidate (confirmed, recorded).
 * axe-core finds no serious or critical violation on the dashboard.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_EMAIL, DEMO_PASSWORD, newId, PY_LOG_AGGREGATION, startTestServer, waitForResult, type TestServer } from '../support/server.ts';
import { accessibilityProblems, candidatePage, launchBrowser, screenshot } from './support/candidate.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

let server: TestServer;
let browser: Browser;
let staff: ApiClient;
let assessmentId: string;
let versionId: string;
const tokens: Record<string, string> = {};
const inviteIds: Record<string, string> = {};

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
  staff = new ApiClient(server.url);
  await staff.login();
  const demo = (await staff.get('/api/assessments')).body.assessments.find((a: { title: string }) => a.title === 'Demo assessment');
  versionId = demo.challenges[0].challengeVersionId;
  const created = await staff.post('/api/assessments', {
    title: 'Dashboard round',
    timeLimitMinutes: 60,
    opensAt: new Date(Date.now() - DAY_MS).toISOString(),
    closesAt: new Date(Date.now() + DAY_MS).toISOString(),
    resultsVisibility: 'aggregate',
    challengeVersionIds: [versionId],
  });
  expect(created.status).toBe(201);
  assessmentId = created.body.id;
  for (const name of ['Amal Haddad', 'Berhane Tesfay', 'Olena Kovalenko']) {
    const invite = await staff.post(`/api/assessments/${assessmentId}/invites`, { candidateName: name, contact: `${name.split(' ')[0]!.toLowerCase()}@example.org` });
    tokens[name] = invite.body.token;
    inviteIds[name] = invite.body.invite.id;
  }
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
  await page.locator('.who').waitFor();
}

/** A candidate who starts, submits the accepted solution and hands in (through the API, as the candidate's page does). */
async function candidateSubmits(name: string): Promise<void> {
  const candidate = new ApiClient(server.url);
  await candidate.openInvite({ token: tokens[name]! });
  expect((await candidate.post('/api/candidate/attempt/start')).status).toBe(200);
  const id = newId();
  const source = await readFile(PY_LOG_AGGREGATION, 'utf8');
  expect((await candidate.post('/api/candidate/submissions', { id, challengeVersionId: versionId, kind: 'submit', language: 'python', source })).status).toBe(202);
  expect((await waitForResult(candidate, id)).result.score).toBe(100);
  expect((await candidate.post('/api/candidate/attempt/finish')).status).toBe(200);
}

const table = (page: Page) => page.locator('table.dashboard-table');
const rowOf = (page: Page, text: string) => table(page).locator('tbody tr').filter({ hasText: text });
const names = async (page: Page) => (await table(page).locator('tbody th[scope="row"] bdi').allInnerTexts()).map((s) => s.trim());

describe('the recruiter dashboard', () => {
  it('lists every invite, sorts, filters, searches, and updates live when a candidate submits', async () => {
    await candidateSubmits('Berhane Tesfay');
    const { page, context, errors } = await candidatePage(browser);
    await signIn(page);
    await page.goto(`${server.url}/staff/assessments/${assessmentId}`);
    await page.getByRole('heading', { name: 'Candidates', exact: true }).waitFor();
    await expect.poll(() => table(page).locator('tbody tr').count()).toBe(3);
    await expect.poll(() => page.getByText('Live updates on').count()).toBe(1);
    expect(await rowOf(page, 'Berhane Tesfay').innerText()).toContain('100 / 100');
    expect(await accessibilityProblems(page)).toEqual([]);

    // Sorting: the header's button, its state in aria-sort.
    const nameHeader = table(page).locator('thead th').first();
    await page.getByRole('button', { name: 'Sort by Candidate' }).click();
    expect(await nameHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await names(page)).toEqual(['Olena Kovalenko', 'Berhane Tesfay', 'Amal Haddad']);
    await page.getByRole('button', { name: 'Sort by Candidate' }).click();
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await names(page)).toEqual(['Amal Haddad', 'Berhane Tesfay', 'Olena Kovalenko']);

    // Filter and search.
    await page.getByLabel('Status', { exact: true }).selectOption('finished');
    expect(await names(page)).toEqual(['Berhane Tesfay']);
    await page.getByLabel('Status', { exact: true }).selectOption('all');
    await page.getByLabel('Search by name').fill('kova');
    expect(await names(page)).toEqual(['Olena Kovalenko']);
    await page.getByLabel('Search by name').fill('');

    // Live: Amal submits while the page is open; her row changes without a reload.
    expect(await rowOf(page, 'Amal Haddad').innerText()).toContain('Invited');
    await candidateSubmits('Amal Haddad');
    await expect.poll(async () => rowOf(page, 'Amal Haddad').innerText(), { timeout: 20_000 }).toContain('Finished');
    expect(await rowOf(page, 'Amal Haddad').innerText()).toContain('100 / 100');
    // The histogram's words: two candidates scored.
    expect(await page.locator('.distribution figcaption').innerText()).toContain('2 scored, median 100 of 100');
    await screenshot(page, 'staff-dashboard');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('saves a note, rating and shortlist from the row, confirmed in words and stored', async () => {
    const { page, context, errors } = await candidatePage(browser);
    await signIn(page);
    await page.goto(`${server.url}/staff/assessments/${assessmentId}`);
    // Names in sentences are wrapped in Unicode isolates (U+2068…U+2069): matched as a part.
    await page.getByRole('button', { name: /^Review .Amal Haddad.$/ }).click();
    await page.getByRole('heading', { name: /^Review of .Amal Haddad.$/ }).waitFor();
    await page.getByLabel('Note', { exact: true }).fill('Clear tests; ask about the parser.');
    await page.getByLabel('Rating', { exact: true }).selectOption('4');
    await page.getByLabel('Shortlisted', { exact: true }).check();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save review' }).click();
    await page.getByRole('status').filter({ hasText: /Review of .Amal Haddad. saved\./ }).waitFor();
    expect(await rowOf(page, 'Amal Haddad').innerText()).toContain('4 of 5');
    const row = (await staff.get(`/api/assessments/${assessmentId}/dashboard/rows/${inviteIds['Amal Haddad']}`)).body;
    expect(row.review).toMatchObject({ note: 'Clear tests; ask about the parser.', rating: 4, shortlisted: true, updatedBy: 'Demo Author' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('anonymous review shows aliases only, until a recruiter reveals one candidate (confirmed and recorded)', async () => {
    expect((await staff.patch(`/api/assessments/${assessmentId}`, { anonymousReview: true })).status).toBe(200);
    const { page, context, errors } = await candidatePage(browser);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => dialogs.push(dialog.message()));
    await signIn(page);
    await page.goto(`${server.url}/staff/assessments/${assessmentId}`);
    await page.getByRole('heading', { name: 'Candidates', exact: true }).waitFor();
    await expect.poll(() => table(page).locator('tbody tr').count()).toBe(3);
    await page.getByRole('heading', { name: 'Invites', exact: true }).waitFor();
    await expect.poll(() => page.locator('.table-wrap[aria-label="Invites"]').getByText('Candidate 2').count()).toBe(1);
    const text = await page.locator('body').innerText();
    for (const name of ['Amal Haddad', 'Berhane Tesfay', 'Olena Kovalenko', 'amal@example.org']) expect(text).not.toContain(name);
    expect(await table(page).locator('.badge').count()).toBe(3);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'staff-dashboard-anonymous');

    await page.getByRole('button', { name: /^Review .Candidate 1.$/ }).click();
    await page.getByRole('button', { name: 'Reveal name' }).click();
    await page.getByRole('status').filter({ hasText: /Amal Haddad. is revealed\./ }).waitFor();
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]).toContain('Candidate 1');
    const revealed = await rowOf(page, 'Amal Haddad').innerText();
    expect(revealed).toMatch(/revealed by .Demo Author. on /);
    expect(await table(page).locator('.badge').count()).toBe(2);
    // The invites list is read again: the revealed name shows there too, the others stay aliases.
    await expect.poll(() => page.locator('.table-wrap[aria-label="Invites"]').getByText('Amal Haddad').count()).toBe(1);
    expect(await page.locator('body').innerText()).not.toContain('Berhane Tesfay');
    expect(errors).toEqual([]);
    await context.close();
  });
});
