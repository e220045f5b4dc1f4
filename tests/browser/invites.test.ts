/**
 * Invites on paper (issue 12), in Debian's Chromium against a real server:
 * staff import three candidates from a CSV through the page (preview with a
 * row problem, then confirm), open the printable sheet, and print it to PDF
 * (A4, print CSS). The PDF is rasterised with poppler's `pdftoppm` and every
 * QR code on every page is decoded with jsQR: the codes are exactly the
 * sheet's invite links, and each opens the candidate's page. axe-core finds
 * no serious or critical violation on the invites screen or the sheet.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_EMAIL, DEMO_PASSWORD, startTestServer, type TestServer } from '../support/server.ts';
import { accessibilityProblems, candidatePage, launchBrowser, screenshot } from './support/candidate.ts';
import { decodeAllQr } from './support/qr.ts';

let server: TestServer;
let browser: Browser;
let staff: ApiClient;
let assessmentId: string;
const work = mkdtempSync(path.join(os.tmpdir(), 'kodbro-sheet-'));

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
  staff = new ApiClient(server.url);
  await staff.login();
  assessmentId = (await staff.get('/api/assessments')).body.assessments[0].id;
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/staff/login`);
  await page.getByLabel('E-mail').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.who').waitFor();
}

describe('invites in bulk and on paper', () => {
  it('imports a CSV through the page, prints the sheet to A4, and every QR code decodes to its working invite link', async () => {
    const { page, context, errors } = await candidatePage(browser);
    await signIn(page);
    await page.goto(`${server.url}/staff/assessments/${assessmentId}`);
    await page.getByRole('heading', { name: 'Invites', exact: true }).waitFor();
    const problems: Record<string, string[]> = { invites: await accessibilityProblems(page) };

    const csv = ['name,contact,language,extraMinutes', 'Amal Haddad,amal@example.org,ar,30', 'Berhane Tesfay,,ti,', 'Olena Kovalenko,,uk,900', 'Zahra Ahmadi,coordinator Umeå,prs,15'].join('\n');
    await page.getByLabel('Or paste the CSV here').fill(csv);
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: 'Rows of the file' });
    await preview.waitFor();
    await expect.poll(() => preview.getByRole('row').count()).toBe(5);
    expect(await preview.getByRole('row').nth(3).innerText()).toContain('Extra time is a whole number of minutes from 0 to 600');
    problems.preview = await accessibilityProblems(page);
    await screenshot(page, 'staff-invites-import-preview');
    // Nothing was created by the preview.
    expect((await staff.get(`/api/assessments/${assessmentId}/invites`)).body.invites.some((i: { candidateName: string }) => i.candidateName === 'Amal Haddad')).toBe(false);

    await page.getByRole('button', { name: 'Invite 3 candidates' }).click();
    await page.getByRole('status').filter({ hasText: '3 candidates invited.' }).waitFor();
    await expect.poll(() => page.locator('.table-wrap[aria-label="Invites"]').getByText('Zahra Ahmadi').count()).toBe(1);

    // Enough slips for a second A4 page: a slip cut by a page break would lose its code.
    for (const name of ['Dawit', 'Elif', 'Farid', 'Goran', 'Hana', 'Idris']) {
      expect((await staff.post(`/api/assessments/${assessmentId}/invites`, { candidateName: name, preferredLanguage: 'sv' })).status).toBe(201);
    }
    await page.getByRole('link', { name: 'Printable sheet (QR codes)' }).click();
    await page.locator('.slip').first().waitFor();
    const sheet = (await staff.get(`/api/assessments/${assessmentId}/sheet`)).body as { slips: { url: string; candidateName: string }[] };
    expect(sheet.slips.map((s) => s.candidateName)).toEqual(expect.arrayContaining(['Amal Haddad', 'Berhane Tesfay', 'Zahra Ahmadi']));
    expect(await page.locator('.slip').count()).toBe(sheet.slips.length);
    // Zahra's slip speaks Dari (right to left) and English.
    const zahra = page.locator('.slip', { hasText: 'Zahra Ahmadi' });
    expect(await zahra.locator('[lang="prs"][dir="rtl"]').count()).toBe(1);
    expect(await zahra.locator('[lang="en"]').count()).toBe(1);
    problems.sheet = await accessibilityProblems(page);
    await screenshot(page, 'staff-invites-sheet');
    expect(problems).toEqual({ invites: [], preview: [], sheet: [] });

    const pdf = path.join(work, 'sheet.pdf');
    writeFileSync(pdf, await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true }));
    // 150 dpi: a 38 mm code is about 225 px, its slip about 280 px tall.
    execFileSync('pdftoppm', ['-r', '150', '-png', pdf, path.join(work, 'page')]);
    const pages = readdirSync(work).filter((name) => name.startsWith('page') && name.endsWith('.png'));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const decoded = pages.flatMap((name) => [...decodeAllQr(path.join(work, name), 260, 12)]);
    expect(decoded.sort()).toEqual(sheet.slips.map((s) => s.url).sort());

    // The printed app has no chrome: the PDF's text holds no staff controls.
    const text = execFileSync('pdftotext', [pdf, '-']).toString();
    expect(text).not.toContain('Sign out');
    expect(text).not.toContain('Print');

    for (const url of decoded) {
      const candidate = await candidatePage(browser);
      await candidate.page.goto(url);
      await candidate.page.getByRole('button', { name: 'Start' }).waitFor();
      expect(candidate.errors).toEqual([]);
      await candidate.context.close();
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
