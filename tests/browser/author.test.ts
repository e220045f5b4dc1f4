/**
 * The author's journey (issue 12), in Debian's Chromium against a real server
 * and the real judge: a challenge written from scratch in the browser — two
 * statement languages (English, and Swedish started from the English text)
 * with the live preview, Python allowed with starter code, a time limit, two
 * hidden test groups, a reference and a wrong solution — validated (the
 * table fills in live until it passes) and published as version 1, all by
 * keyboard (focus, Tab, Enter, Space and typing; no mouse). Then an
 * assessment with the new challenge is built on the assessment form, three
 * candidates are imported from a CSV, the printable sheet is printed to PDF,
 * and each slip's QR code decodes to a link that opens its candidate's
 * invite page. axe-core finds no serious or critical violation on the
 * editor, and the library's draft list and "edit as draft" work.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_EMAIL, DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.ts';
import { accessibilityProblems, candidatePage, launchBrowser, screenshot } from './support/candidate.ts';
import { decodeAllQr } from './support/qr.ts';

let server: TestServer;
let browser: Browser;
let staff: ApiClient;
const work = mkdtempSync(path.join(os.tmpdir(), 'kodbro-author-'));

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
  staff = new ApiClient(server.url);
  await staff.login();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Focuses a control and presses a key: the page is driven as a keyboard user would. */
async function press(page: Page, locator: Locator, key: string): Promise<void> {
  await locator.focus();
  await page.keyboard.press(key);
}

/** Focuses a text field, selects what it holds and types over it (insertText: one input event, as a paste). */
async function typeInto(page: Page, locator: Locator, text: string): Promise<void> {
  await locator.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

// A string, run in the page: this project's test types have no DOM.
const focusedId = (page: Page) => page.evaluate<string>("document.activeElement?.id ?? ''");

const STATEMENT_EN = '# Sum of two\n\nRead two integers $a$ and $b$ on one line and print $a + b$.\n\n| a | b | sum |\n|---|---|-----|\n| 1 | 2 | 3 |\n';
const STATEMENT_SV = '# Summan av två\n\nLäs två heltal $a$ och $b$ på en rad och skriv ut $a + b$.\n';
const ACCEPTED = 'a, b = map(int, input().split())\nprint(a + b)\n';
const WRONG = 'a, b = map(int, input().split())\nprint(a - b)\n';

describe('the author journey', () => {
  it('writes a challenge by keyboard, validates and publishes it, builds an assessment, invites three from a CSV, and the sheet’s QR codes open their invites', async () => {
    const slug = `sum-of-two-${Date.now().toString(36)}`;
    const { page, context, errors } = await candidatePage(browser);
    await page.goto(`${server.url}/staff/login`);
    await typeInto(page, page.getByLabel('E-mail'), DEMO_EMAIL);
    await typeInto(page, page.getByLabel('Password'), DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await press(page, page.getByRole('link', { name: 'Challenge library' }), 'Enter');
    await page.getByRole('heading', { name: 'Drafts', level: 2 }).waitFor();

    // A new challenge: its id, Tab to the title, Enter sends the form.
    await press(page, page.getByRole('link', { name: 'New challenge' }), 'Enter');
    await page.getByRole('heading', { name: 'New challenge', level: 1 }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await page.getByLabel('Challenge id').focus();
    await page.keyboard.type(slug);
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('new-title');
    await page.keyboard.type('Sum of two');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Edit challenge: Sum of two', level: 1 }).waitFor();
    const draftId = page.url().split('/').pop()!;

    // English statement, with the preview drawn as candidates see it.
    await typeInto(page, page.getByLabel('Statement in Markdown (English)'), STATEMENT_EN);
    const preview = page.locator('.statement-preview .statement-text');
    await preview.getByText('Read two integers').waitFor();
    expect(await preview.locator('table th').allTextContents()).toEqual(['a', 'b', 'sum']);
    expect(await preview.locator('math').count()).toBeGreaterThan(0);

    // Swedish, started from the English text, then translated.
    await page.getByLabel('Add a statement language').selectOption('sv');
    await press(page, page.getByRole('button', { name: 'Add language' }), 'Enter');
    await page.getByRole('status').filter({ hasText: 'Added Swedish.' }).waitFor();
    await press(page, page.getByRole('button', { name: 'Copy text' }), 'Enter');
    await expect.poll(() => page.getByLabel('Statement in Markdown (Swedish)').inputValue()).toBe(STATEMENT_EN);
    await typeInto(page, page.getByLabel('Title (Swedish)'), 'Summan av två');
    await typeInto(page, page.getByLabel('Statement in Markdown (Swedish)'), STATEMENT_SV);
    await page.locator('.statement-preview .statement-text').getByText('Läs två heltal').waitFor();
    expect(await page.locator('.statement-preview .statement[lang="sv"]').count()).toBe(1);
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'author-statement');

    // Python, with starter code in the candidate's editor; a time limit.
    await press(page, page.getByRole('checkbox', { name: 'Python' }), 'Space');
    const starter = page.getByRole('textbox', { name: 'Starter code (Python)' }).first();
    await starter.waitFor();
    await starter.focus();
    await page.keyboard.insertText('a, b = map(int, input().split())\n');
    await typeInto(page, page.getByLabel('Time limit per test (milliseconds)'), '2000');

    await fillTestsAndSolutions(page);

    await page.locator('.draft-save-status').getByText(/^Saved at /).waitFor({ timeout: 20_000 });
    const saved = (await staff.get(`/api/challenge-drafts/${draftId}`)).body;
    expect(saved.draft).toMatchObject({
      title: { en: 'Sum of two', sv: 'Summan av två' },
      statements: { en: STATEMENT_EN, sv: STATEMENT_SV },
      languages: ['python'],
      starters: { python: 'a, b = map(int, input().split())\n' },
      limits: { timeMs: 2000 },
      checker: { type: 'tokens' },
    });
    expect(saved.draft.groups.map((g: { id: string; points: number; tests: unknown[] }) => [g.id, g.points, g.tests.length])).toEqual([
      ['group-1', 40, 2],
      ['group-2', 60, 1],
    ]);
    expect(saved.draft.solutions.map((s: { name: string; expect: string }) => [s.name, s.expect])).toEqual([
      ['accepted.py', 'accepted'],
      ['wrong.py', 'wrong_answer'],
    ]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'author-editor');

    // Publishing waits for validation; validation fills its table live until it passes.
    expect(await page.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).toBe(true);
    await press(page, page.getByRole('button', { name: 'Validate', exact: true }), 'Enter');
    await page.getByText('Validation passed: every solution got its expected verdict.').waitFor({ timeout: 240_000 });
    const results = page.getByRole('table', { name: 'Validation results' });
    await expect.poll(() => results.getByRole('row').allInnerTexts()).toEqual([
      expect.stringContaining('Solution'),
      expect.stringMatching(/accepted\.py\s+Accepted\s+Accepted\s+Yes/),
      expect.stringMatching(/wrong\.py\s+Wrong answer\s+Wrong answer\s+Yes/),
    ]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await press(page, page.getByRole('button', { name: 'Publish', exact: true }), 'Enter');
    await page.getByRole('status').filter({ hasText: 'Published Sum of two as version 1.' }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'author-published');
    const library = (await staff.get('/api/challenges')).body.challenges as { slug: string; title: string; versions: { id: string; version: number }[] }[];
    const published = library.find((c) => c.slug === slug)!;
    expect(published.versions.map((v) => v.version)).toEqual([1]);

    // The library lists the draft (validated) and offers "edit as draft", which opens the same draft.
    await press(page, page.getByRole('link', { name: 'Go to the challenge library' }), 'Enter');
    await page.getByRole('link', { name: 'Edit draft Sum of two' }).waitFor();
    await press(page, page.getByRole('button', { name: 'Edit Sum of two v1 as a draft' }), 'Enter');
    await page.getByRole('heading', { name: 'Edit challenge: Sum of two', level: 1 }).waitFor();
    expect(page.url().endsWith(`/staff/challenges/drafts/${draftId}`)).toBe(true);
    // An edit makes the validation stale, said in words, and publishing waits for the next one.
    await page.getByText('Validation passed: every solution got its expected verdict.').waitFor();
    await typeInto(page, page.getByLabel('Title (English)'), 'Sum of two numbers');
    await page.getByText('The draft changed after this validation (revision', { exact: false }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: 'Publish', exact: true }).isDisabled()).toBe(true);
    await page.locator('.draft-save-status').getByText(/^Saved at /).waitFor({ timeout: 15_000 });

    // An assessment with the new challenge, on the assessment form.
    await page.goto(`${server.url}/staff`);
    await page.getByRole('link', { name: 'New assessment' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Sums, spring round');
    await page.getByLabel('Challenge to add').selectOption({ label: 'Sum of two' });
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel('Version of Sum of two').waitFor();
    const hourAgo = new Date(Date.now() - 3_600_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await page.getByLabel('Opens').fill(`${hourAgo.getFullYear()}-${pad(hourAgo.getMonth() + 1)}-${pad(hourAgo.getDate())}T${pad(hourAgo.getHours())}:${pad(hourAgo.getMinutes())}`);
    await page.getByRole('button', { name: 'Create assessment' }).click();
    await page.getByRole('heading', { name: 'Sums, spring round', level: 1 }).waitFor();
    const assessmentId = page.url().split('/').pop()!;
    const assessment = (await staff.get(`/api/assessments/${assessmentId}`)).body;
    expect(assessment.challenges.map((c: { challengeVersionId: string }) => c.challengeVersionId)).toEqual([published.versions[0]!.id]);

    // Three candidates from a CSV, then the printable sheet.
    await page.getByRole('heading', { name: 'Invites', exact: true }).waitFor();
    await page.getByLabel('Or paste the CSV here').fill(['name,contact,language,extraMinutes', 'Ada Lindqvist,,en,', 'Bilal Karimi,,en,15', 'Chen Wei,,en,'].join('\n'));
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('button', { name: 'Invite 3 candidates' }).click();
    await page.getByRole('status').filter({ hasText: '3 candidates invited.' }).waitFor();
    await page.getByRole('link', { name: 'Printable sheet (QR codes)' }).click();
    await page.locator('.slip').first().waitFor();
    const sheet = (await staff.get(`/api/assessments/${assessmentId}/sheet`)).body as { slips: { url: string; candidateName: string }[] };
    expect(sheet.slips.map((s) => s.candidateName).sort()).toEqual(['Ada Lindqvist', 'Bilal Karimi', 'Chen Wei']);

    const pdf = path.join(work, 'sheet.pdf');
    writeFileSync(pdf, await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
    execFileSync('pdftoppm', ['-r', '150', '-png', pdf, path.join(work, 'page')]);
    const pages = readdirSync(work).filter((name) => name.startsWith('page') && name.endsWith('.png'));
    const decoded = pages.flatMap((name) => [...decodeAllQr(path.join(work, name), 260, 12)]);
    expect(decoded.sort()).toEqual(sheet.slips.map((s) => s.url).sort());

    // Each link opens its candidate's invite page, with the new challenge on it.
    for (const url of decoded) {
      const candidate = await candidatePage(browser);
      await candidate.page.goto(url);
      await candidate.page.getByRole('button', { name: 'Start' }).waitFor();
      await candidate.page.getByText('Sum of two').first().waitFor();
      expect(candidate.errors).toEqual([]);
      await candidate.context.close();
    }
    expect(errors).toEqual([]);
    await context.close();
  }, 600_000);
});

describe('saving a draft', () => {
  it('says when a save fails on the way and tries again; a newer save by someone else is a conflict in words that keeps the text; a refused draft marks its field; Arabic previews right to left; leaving sends the change', async () => {
    const created = await staff.post('/api/challenge-drafts', { slug: `conflict-${Date.now().toString(36)}` });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const draftId = created.body.id as string;
    const { page, context, errors } = await candidatePage(browser);
    await page.goto(`${server.url}/staff/login`);
    await typeInto(page, page.getByLabel('E-mail'), DEMO_EMAIL);
    await typeInto(page, page.getByLabel('Password'), DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.locator('.who').waitFor();
    await page.goto(`${server.url}/staff/challenges/drafts/${draftId}`);
    const status = page.locator('.draft-save-status [role="status"]');

    // The connection drops for the first save: the text stays, the page says so, and tries again.
    let refused = 0;
    await page.route(`**/api/challenge-drafts/${draftId}`, async (route) => {
      if (route.request().method() === 'PUT' && refused++ === 0) await route.abort('internetdisconnected');
      else await route.fallback();
    });
    await typeInto(page, page.getByLabel('Title (English)'), 'Offline title');
    await status.getByText(/^Not saved: .*Trying again/).waitFor({ timeout: 15_000 });
    await status.getByText(/^Saved at /).waitFor({ timeout: 20_000 });
    expect((await staff.get(`/api/challenge-drafts/${draftId}`)).body.draft.title.en).toBe('Offline title');

    // Someone else saves; the page's next save is refused, in words, and the author's text stays.
    const theirs = (await staff.get(`/api/challenge-drafts/${draftId}`)).body;
    expect((await staff.put(`/api/challenge-drafts/${draftId}`, { revision: theirs.revision, draft: { ...theirs.draft, title: { en: 'Their title' } } })).status).toBe(200);
    await typeInto(page, page.getByLabel('Statement in Markdown (English)'), 'My statement, not to be lost.');
    await status.getByText('Not saved: someone saved this draft since you opened it. Your text is still on this page.').waitFor({ timeout: 15_000 });
    expect(await page.getByLabel('Statement in Markdown (English)').inputValue()).toBe('My statement, not to be lost.');
    expect(await accessibilityProblems(page)).toEqual([]);
    await press(page, page.getByRole('button', { name: 'Keep my version (save over the other)' }), 'Enter');
    await status.getByText(/^Saved at /).waitFor({ timeout: 15_000 });
    expect((await staff.get(`/api/challenge-drafts/${draftId}`)).body.draft).toMatchObject({ title: { en: 'Offline title' }, statements: { en: 'My statement, not to be lost.' } });

    // An Arabic statement is written and previewed right to left.
    await page.getByLabel('Add a statement language').selectOption('ar');
    await press(page, page.getByRole('button', { name: 'Add language' }), 'Enter');
    const arabic = page.getByLabel('Statement in Markdown (Arabic)');
    expect(await arabic.getAttribute('dir')).toBe('rtl');
    await typeInto(page, arabic, 'اجمع عددين.');
    await page.locator('.statement-preview .statement[lang="ar"][dir="rtl"]').getByText('اجمع عددين.').waitFor();
    await status.getByText(/^Saved at /).waitFor({ timeout: 15_000 });

    // A draft the server refuses (an empty title) says so, and the reason stands next to the field.
    await press(page, page.getByRole('button', { name: 'English (en)' }), 'Enter');
    const title = page.getByLabel('Title (English)');
    await typeInto(page, title, '');
    await status.getByText('Not saved: the server refused the draft. The problems are shown next to the fields.').waitFor({ timeout: 15_000 });
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    const why = page.locator(`#${(await title.getAttribute('aria-describedby'))!}`);
    expect((await why.textContent())!.length).toBeGreaterThan(0);

    // Leaving for another staff page within the autosave's second sends the change at once.
    await typeInto(page, page.getByLabel('Title (English)'), 'Left at once');
    await press(page, page.getByRole('link', { name: 'Back to the challenge library' }), 'Enter');
    await page.getByRole('heading', { name: 'Drafts', level: 2 }).waitFor();
    await expect.poll(async () => (await staff.get(`/api/challenge-drafts/${draftId}`)).body.draft.title.en).toBe('Left at once');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});

/**
 * Two hidden test groups (40 and 60 points) and a reference and a wrong
 * solution, through the Tests and Solutions sections: each group's first test
 * typed, a second test of group 1 uploaded as 2.in + 2.ans, and the two
 * solutions uploaded (the expected verdict comes from the file name).
 */
async function fillTestsAndSolutions(page: Page): Promise<void> {
  const files = (entries: Record<string, string>) => Object.entries(entries).map(([name, text]) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(text) }));
  const groups: [string, string, string, string][] = [
    ['Group 1', '40', '2 2\n', '4\n'],
    ['Group 2', '60', '1000000 1\n', '1000001\n'],
  ];
  for (const [legend, points, input, answer] of groups) {
    await press(page, page.getByRole('button', { name: 'Add group', exact: true }), 'Enter');
    const group = page.getByRole('group', { name: legend, exact: true });
    await group.waitFor();
    await typeInto(page, group.getByLabel('Points'), points);
    const test = group.getByRole('group', { name: 'Test 1', exact: true });
    await typeInto(page, test.getByLabel('Input', { exact: true }), input);
    await typeInto(page, test.getByLabel('Expected answer', { exact: true }), answer);
  }
  await page.getByLabel('Upload test files to group-1').setInputFiles(files({ '2.in': '-5 7\n', '2.ans': '2\n' }));
  await page.getByText('Added 1 test to group-1.').waitFor();
  await page.getByLabel('Upload solution files').setInputFiles(files({ 'accepted.py': ACCEPTED, 'wrong.py': WRONG }));
  await page.getByText('Added 2 solutions.').waitFor();
}
