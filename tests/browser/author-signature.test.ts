/**
 * A function-signature challenge from start to finish in Debian's Chromium,
 * against a real server and the real judge: an author writes it in the
 * browser (the signature as JSON, Python and JavaScript allowed, a sample and
 * a group of JSON tests, a reference solution in each language and a wrong
 * one), validates and publishes it; a candidate reads the function in the
 * statement, starts from the generated starter, is stopped before sending
 * arguments that do not fit, runs their own arguments and sees the returned
 * value, and submits in Python and then in JavaScript, both accepted.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_EMAIL, DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.ts';
import { accessibilityProblems, candidatePage, launchBrowser, lightEditor, savedOnServer, screenshot } from './support/candidate.ts';

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

const SIGNATURE = {
  name: 'longest_streak',
  params: [{ name: 'days', type: { kind: 'list', of: { kind: 'bool' } } }],
  returns: { kind: 'int', min: 0, max: 100000 },
};
const PYTHON = 'def longest_streak(days: list[bool]) -> int:\n    best = run = 0\n    for day in days:\n        run = run + 1 if day else 0\n        best = max(best, run)\n    return best\n';
const JAVASCRIPT = 'function longestStreak(days) {\n  let best = 0;\n  let run = 0;\n  for (const day of days) {\n    run = day ? run + 1 : 0;\n    best = Math.max(best, run);\n  }\n  return best;\n}\n';
const WRONG = 'def longest_streak(days: list[bool]) -> int:\n    return sum(days)\n';

async function fill(page: Page, label: string, text: string, scope = page.locator('body')): Promise<void> {
  const field = scope.getByLabel(label, { exact: true });
  await field.fill(text);
}

describe('a function-signature challenge written in the browser', () => {
  it('is authored, validated and published, then taken by a candidate in Python and JavaScript', async () => {
    const slug = `streak-${Date.now().toString(36)}`;
    const { page, errors } = await candidatePage(browser);
    await page.goto(`${server.url}/staff/login`);
    await fill(page, 'E-mail', DEMO_EMAIL);
    await fill(page, 'Password', DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Challenge library' }).click();
    await page.getByRole('link', { name: 'New challenge' }).click();
    await fill(page, 'Challenge id', slug);
    await fill(page, 'Title (English)', 'Longest streak');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Edit challenge: Longest streak', level: 1 }).waitFor();
    const draftId = page.url().split('/').pop()!;
    await fill(page, 'Statement in Markdown (English)', '# Longest streak\n\nReturn the length of the longest run of `true` days.\n');

    // One function: the signature as JSON, checked as it is typed.
    await page.getByRole('checkbox', { name: 'Candidates write one function (a function-signature challenge)' }).check();
    const json = page.getByLabel('The function’s signature (JSON)');
    await json.fill('{"name": "Longest"}');
    await page.getByText('This is not a signature yet').waitFor();
    expect(await json.getAttribute('aria-invalid')).toBe('true');
    await json.fill(JSON.stringify(SIGNATURE, null, 2));
    await expect.poll(() => json.getAttribute('aria-invalid')).toBeNull();
    await page.getByText('The starter code in every language is generated from the function’s signature.').waitFor();
    for (const language of ['Python', 'JavaScript']) await page.getByRole('checkbox', { name: language, exact: true }).check();
    await page.getByText('Candidates write longest_streak: a test’s input is its arguments as a JSON array').waitFor();

    // A sample typed in, a group of tests uploaded as files, three solutions.
    await page.getByRole('button', { name: 'Add sample', exact: true }).click();
    const sample = page.getByRole('group', { name: 'Test 1', exact: true }).first();
    await fill(page, 'Input', '[[true, true, false, true]]', sample);
    await fill(page, 'Expected answer', '2', sample);
    await page.getByRole('button', { name: 'Add group', exact: true }).click();
    const group = page.getByRole('group', { name: 'Group 1', exact: true });
    await group.waitFor();
    await fill(page, 'Points', '100', group);
    const first = group.getByRole('group', { name: 'Test 1', exact: true });
    await fill(page, 'Input', '[[]]', first);
    await fill(page, 'Expected answer', '0', first);
    const files = (entries: Record<string, string>) => Object.entries(entries).map(([name, text]) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) }));
    await page.getByLabel('Upload test files to group-1').setInputFiles(files({ '2.in': '[[false, true, true, true]]', '2.ans': '3', '3.in': '[[true, false, true]]', '3.ans': '1' }));
    await page.getByText('Added 2 tests to group-1.').waitFor();
    await page.getByLabel('Upload solution files').setInputFiles(files({ 'accepted.py': PYTHON, 'accepted.js': JAVASCRIPT, 'wrong.py': WRONG }));
    await page.getByText('Added 3 solutions.').waitFor();
    await page.locator('.draft-save-status').getByText(/^Saved at /).waitFor({ timeout: 20_000 });
    const saved = (await staff.get(`/api/challenge-drafts/${draftId}`)).body;
    expect(saved.draft).toMatchObject({ signature: SIGNATURE, checker: { type: 'value' }, languages: ['python', 'javascript'] });
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'Validate', exact: true }).click();
    await page.getByText('Validation passed: every solution got its expected verdict.').waitFor({ timeout: 240_000 });
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Published Longest streak as version 1.' }).waitFor({ timeout: 60_000 });
    expect(errors).toEqual([]);

    // The candidate's side.
    const library = (await staff.get('/api/challenges')).body.challenges as { id: string; slug: string }[];
    const published = library.find((c) => c.slug === slug)!;
    const now = Date.now();
    const assessment = await staff.post('/api/assessments', {
      title: 'Streaks',
      challengeIds: [published.id],
      timeLimitMinutes: 60,
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
      resultsVisibility: 'samples',
    });
    expect(assessment.status, JSON.stringify(assessment.body)).toBe(201);
    const invite = await staff.post(`/api/assessments/${assessment.body.id}/invites`, { candidateName: 'Selam Streak' });
    const candidate = await candidatePage(browser);
    const cpage = candidate.page;
    await cpage.goto(`${server.url}/invite/${invite.body.token}`);
    await cpage.getByRole('button', { name: 'Start' }).click();
    const yourFunction = cpage.getByRole('region', { name: 'Your function' });
    await yourFunction.waitFor();
    expect(await yourFunction.locator('pre').innerText()).toBe('longest_streak(days: list of bool) → int 0..100000');

    const editor = await lightEditor(cpage);
    await cpage.locator('.code-pane select').selectOption('python');
    await expect.poll(() => editor.inputValue()).toContain('def longest_streak(days: list[bool]) -> int:');

    // Custom arguments are checked against the signature before anything is sent.
    await cpage.locator('details.custom summary').click();
    const args = cpage.getByRole('textbox', { name: 'Arguments (JSON)' });
    await args.fill('[[1, 0]]');
    await cpage.getByText('These arguments do not fit the function: days[0]: expected true or false, got 1').waitFor();
    expect(await cpage.getByRole('button', { name: 'Run with custom input' }).isDisabled()).toBe(true);
    await args.fill('[[true, true, true, false, true]]');
    await editor.fill(PYTHON);
    await savedOnServer(cpage);
    await cpage.getByRole('button', { name: 'Run with custom input' }).click();
    await expect.poll(() => cpage.locator('.results-pane .custom-run').first().innerText().catch(() => ''), { timeout: 90_000 }).toContain('Returned value');
    expect(await cpage.locator('.results-pane .custom-run').first().innerText()).toContain('3');
    await screenshot(cpage, 'signature-candidate-en');

    const score = cpage.locator('.results-pane article.submission .score');
    await cpage.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => score.innerText().catch(() => ''), { timeout: 120_000 }).toContain('100 / 100');

    await cpage.locator('.code-pane select').selectOption('javascript');
    await expect.poll(() => editor.inputValue()).toContain('function longestStreak(days)');
    await editor.fill(JAVASCRIPT);
    await savedOnServer(cpage);
    await cpage.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => cpage.locator('.results-pane article.submission').first().innerText().catch(() => ''), { timeout: 120_000 }).toMatch(/JavaScript[\s\S]*100 \/ 100/);
    expect(candidate.errors).toEqual([]);
  });
});
