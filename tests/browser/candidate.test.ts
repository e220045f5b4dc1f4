/**
 * The candidate's whole journey in Debian's Chromium against a real server
 * and real Docker, in Arabic: open the invite, choose Arabic, start, run the
 * samples (a wrong program: the diff names the first differing line), submit
 * a wrong solution in Python and a right one in C++, finish (the dialog says
 * what would not count), read the receipt, and remove everything from the
 * device. Screens are written to test-artifacts/screens/ in English and
 * Arabic along the way; the layout checks run at 1280×800 and 360 px.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, demoInvite, startTestServer, type TestServer } from '../support/server.ts';
import { candidatePage, indexedDbKeys, launchBrowser, lightEditor, savedOnServer, screenshot } from './support/candidate.ts';

const SOLUTIONS = path.join(REPO_ROOT, 'challenges/log-aggregation/solutions');
const WRONG_PY = readFileSync(path.join(SOLUTIONS, 'wrong.py'), 'utf8');
const RIGHT_CPP = readFileSync(path.join(SOLUTIONS, 'accepted.cpp'), 'utf8');

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

describe('the candidate journey', () => {
  it('invite → Arabic → start → samples with a diff → wrong then right submission in two languages → finish → receipt → nothing left on the device', async () => {
    const invite = await demoInvite(staff, 'Journey Candidate');
    const { page, context, errors } = await candidatePage(browser);

    await page.goto(`${server.url}/invite/${invite.token}`);
    await page.waitForURL(`${server.url}/attempt`);
    await page.getByRole('button', { name: 'Start' }).waitFor();
    // What the test holds, how it is scored, what the company sees, the connection.
    const overview = await page.locator('main').innerText();
    for (const text of ['Log aggregation', 'Time limit: 90 minutes', 'Your best submission of each task counts', 'What the company sees']) expect(overview).toContain(text);
    await expect.poll(() => page.locator('.connection-check strong').innerText(), { timeout: 15_000 }).toMatch(/good|slow/);
    await screenshot(page, 'overview-en');

    // Arabic: the document turns right to left, the text is Arabic.
    await page.locator('.top-bar .language-picker select').selectOption('ar');
    await expect.poll(() => page.evaluate('`${document.documentElement.dir} ${document.documentElement.lang}`')).toBe('rtl ar');
    await expect.poll(() => page.getByRole('button', { name: 'ابدأ' }).count()).toBe(1);
    await screenshot(page, 'overview-ar');
    await page.getByRole('button', { name: 'ابدأ' }).click();

    // Focus goes to the first task's title; the statement is the Arabic version.
    const title = page.locator('.statement-pane .task-title');
    await title.waitFor();
    await expect.poll(() => page.evaluate('document.activeElement?.classList.contains("task-title")')).toBe(true);
    await expect.poll(() => title.innerText()).toBe('تجميع السجلات');
    const editor = await lightEditor(page);
    // Code stays left to right inside the mirrored page.
    expect(await editor.evaluate((element) => element.ownerDocument.defaultView?.getComputedStyle(element).direction)).toBe('ltr');

    // Progress, results and the time left are in view beside the code at 1280×800.
    await page.locator('.code-pane select').selectOption('python');
    await editor.fill('print("nothing useful")\n');
    await savedOnServer(page);
    await screenshot(page, 'workspace-ar');
    for (const selector of ['.countdown', '.results-pane', '.run-bar button.primary', '.status-area']) {
      const box = await page.locator(selector).first().boundingBox();
      expect(box, selector).not.toBeNull();
      expect((box?.y ?? 0) + (box?.height ?? 0), `${selector} is below the fold`).toBeLessThanOrEqual(800);
    }

    await page.getByRole('button', { name: 'تشغيل الأمثلة' }).click();
    // Focus moves to the results; the failed sample shows a diff naming the first differing line.
    await expect.poll(() => page.evaluate('document.activeElement?.closest(".results-pane") !== null')).toBe(true);
    await expect.poll(() => page.locator('.diff-summary').first().innerText(), { timeout: 90_000 }).toContain('أول اختلاف: السطر 1');
    expect(await page.locator('.diff-table tr.first').count()).toBeGreaterThan(0);
    await screenshot(page, 'results-ar');

    // A wrong solution in Python, then a right one in C++.
    await editor.fill(WRONG_PY);
    await page.getByRole('button', { name: 'تسليم' }).click();
    const score = page.locator('.results-pane article.submission .score');
    await expect.poll(() => score.innerText().catch(() => ''), { timeout: 120_000 }).toMatch(/\d+ \/ 100/);
    expect(await score.innerText()).not.toContain('100 / 100');
    await page.locator('.code-pane select').selectOption('cpp');
    await editor.fill(RIGHT_CPP);
    await savedOnServer(page);
    await page.getByRole('button', { name: 'تسليم' }).click();
    await expect.poll(() => score.innerText().catch(() => ''), { timeout: 120_000 }).toContain('100 / 100');
    // Switching language kept each language's draft.
    await page.locator('.code-pane select').selectOption('python');
    expect(await editor.inputValue()).toBe(WRONG_PY);

    // Finish: the dialog lists the two tasks never submitted.
    await page.getByRole('button', { name: 'إنهاء', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect((await dialog.locator('li').allInnerTexts()).length).toBe(2);
    await screenshot(page, 'finish-ar');
    await dialog.getByRole('button', { name: 'إنهاء بدون تسليم' }).click();

    // The receipt: both submissions of task 1, the C++ one counting, in Arabic.
    const receipt = page.locator('.receipt');
    await receipt.waitFor();
    await expect.poll(() => page.evaluate('document.activeElement?.tagName')).toBe('H2');
    const firstTask = receipt.locator('.receipt-task').first();
    await expect.poll(() => firstTask.locator('tbody tr').count(), { timeout: 30_000 }).toBe(2);
    const rows = await firstTask.locator('tbody tr').allInnerTexts();
    expect(rows.find((row) => row.includes('C++'))).toContain('هذا هو المحتسب');
    expect(rows.find((row) => row.includes('Python'))).not.toContain('هذا هو المحتسب');
    expect(await receipt.locator('.receipt-task').nth(1).innerText()).toContain('لا يوجد تسليم');
    await screenshot(page, 'receipt-ar');

    // English receipt for the README, then remove everything from this device.
    await page.locator('.top-bar .language-picker select').selectOption('en');
    await expect.poll(() => receipt.locator('h2').innerText()).toContain('You have finished');
    await screenshot(page, 'receipt-en');
    expect((await indexedDbKeys(page)).length).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Remove everything from this device' }).click();
    await page.waitForURL(`${server.url}/`);
    expect(await indexedDbKeys(page)).toEqual([]);
    expect(await page.locator('body').innerText()).not.toContain('Log aggregation');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('at 360 px the statement, code and results are tabs (arrow keys move between them) and the editor is near the top', async () => {
    const invite = await demoInvite(staff, 'Phone Candidate');
    const { page, context, errors } = await candidatePage(browser, { width: 360, height: 740 });
    await page.goto(`${server.url}/invite/${invite.token}`);
    await page.getByRole('button', { name: 'Start' }).click();
    const tabs = page.getByRole('tablist', { name: 'Parts of the task' }).getByRole('tab');
    await tabs.first().waitFor();
    expect(await tabs.allInnerTexts()).toEqual(['Task', 'Code', 'Results']);
    const editor = page.locator('.editor-box textarea');
    const box = await editor.boundingBox();
    expect(box?.y ?? Infinity).toBeLessThan(740);
    await screenshot(page, 'phone-code-en');

    await page.getByRole('tab', { name: 'Code' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByRole('tab', { name: 'Task' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.evaluate('document.activeElement?.textContent')).toBe('Task');
    expect(await editor.isVisible()).toBe(false);
    expect(await page.locator('.statement-pane').isVisible()).toBe(true);
    await screenshot(page, 'phone-statement-en');
    await page.keyboard.press('End');
    await expect.poll(() => page.getByRole('tab', { name: 'Results' }).getAttribute('aria-selected')).toBe('true');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('staff pages stay English and left to right in an Arabic browser', async () => {
    const { page, context } = await candidatePage(browser, { locale: 'ar' });
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.evaluate('document.documentElement.dir')).toBe('rtl');
    await page.goto(`${server.url}/staff/login`);
    await page.getByLabel('E-mail').waitFor();
    expect(await page.evaluate('`${document.documentElement.dir} ${document.documentElement.lang}`')).toBe('ltr en');
    await context.close();
  });
});
