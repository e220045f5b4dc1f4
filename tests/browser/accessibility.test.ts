/**
 * Accessibility of the candidate's pages (Debian's Chromium, a real server,
 * real Docker): axe-core finds no serious or critical violation on any
 * candidate screen — landing, invite, overview, workspace, results, the
 * finish dialog, receipt — in English (left to right) and Arabic (right to
 * left); and the whole journey works with the keyboard alone (Tab, Shift+Tab,
 * Enter, Space, Escape, arrows, typing), with focus landing somewhere
 * sensible after Start, Run, Submit and Finish.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, demoInvite, startTestServer, type TestServer } from '../support/server.ts';
import { accessibilityProblems, candidatePage, launchBrowser, lightEditor, screenshot } from './support/candidate.ts';

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

describe('axe-core on every candidate screen', () => {
  for (const { locale, dir, start, runSamples, finish, finishWithout } of [
    { locale: 'en-GB', dir: 'ltr', start: 'Start', runSamples: 'Run samples', finish: 'Finish', finishWithout: 'Finish without submitting' },
    { locale: 'ar', dir: 'rtl', start: 'ابدأ', runSamples: 'تشغيل الأمثلة', finish: 'إنهاء', finishWithout: 'إنهاء بدون تسليم' },
  ]) {
    it(`finds no serious or critical violation (${locale}, ${dir})`, async () => {
      const { page, context, errors } = await candidatePage(browser, { locale });
      const problems: Record<string, string[]> = {};
      const check = async (screen: string) => {
        problems[screen] = await accessibilityProblems(page);
      };

      await page.goto(`${server.url}/`);
      await page.locator('form input').waitFor();
      expect(await page.evaluate('document.documentElement.dir')).toBe(dir);
      await check('landing');

      await page.goto(`${server.url}/invite/${'x'.repeat(40)}`);
      await page.locator('.alert:not(:empty)').waitFor();
      await check('invite');

      const invite = await demoInvite(staff, 'Axe Candidate');
      await page.goto(`${server.url}/invite/${invite.token}`);
      await page.getByRole('button', { name: start }).waitFor();
      await page.locator('.connection-check strong').filter({ hasNotText: /…/ }).waitFor();
      await check('overview');

      await page.getByRole('button', { name: start }).click();
      const editor = await lightEditor(page);
      await page.locator('.code-pane select').selectOption('python');
      await editor.fill('print(42)\n');
      await check('workspace');

      await page.getByRole('button', { name: runSamples }).click();
      await page.locator('.results-pane .diff-table').first().waitFor({ timeout: 90_000 });
      await check('results');

      await page.getByRole('button', { name: finish, exact: true }).click();
      await page.getByRole('dialog').waitFor();
      await check('finish dialog');
      await page.getByRole('button', { name: finishWithout }).click();
      await page.locator('.receipt-task').first().waitFor({ timeout: 30_000 });
      await check('receipt');

      expect(problems).toEqual({ landing: [], invite: [], overview: [], workspace: [], results: [], 'finish dialog': [], receipt: [] });
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

/** What has the keyboard focus: enough to recognise a control. */
async function focused(page: Page): Promise<{ tag: string; text: string; role: string; type: string; className: string }> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    return { tag: el?.tagName ?? '', text: (el?.textContent ?? '').trim().slice(0, 80), role: el?.getAttribute('role') ?? '', type: el?.getAttribute('type') ?? '', className: String(el?.className ?? '') };
  })()`);
}

/** Presses Tab (Shift+Tab with `back`) until `wanted` has the focus; Escape first when in the code editor, as its hint says. */
async function tabTo(page: Page, wanted: (element: Awaited<ReturnType<typeof focused>>) => boolean, options: { back?: boolean; max?: number } = {}): Promise<void> {
  for (let presses = 0; presses < (options.max ?? 80); presses++) {
    const element = await focused(page);
    if (wanted(element)) return;
    if (element.tag === 'TEXTAREA') await page.keyboard.press('Escape');
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached the control; focus is on ${JSON.stringify(await focused(page))}`);
}

const button = (text: string) => (element: { tag: string; text: string }) => element.tag === 'BUTTON' && element.text === text;

describe('keyboard only', () => {
  it('code → Start → light editor → type → Run → Submit → Finish → receipt, without a mouse', async () => {
    const invite = await demoInvite(staff, 'Keyboard Candidate');
    const { page, context, errors } = await candidatePage(browser);
    await page.goto(`${server.url}/`);

    // The code, typed into the field Tab reaches; Enter sends it.
    await tabTo(page, (element) => element.tag === 'INPUT');
    await page.keyboard.type(invite.code);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/attempt`);

    await tabTo(page, button('Start'));
    await page.keyboard.press('Enter');
    // After Start: on the first task's title.
    await expect.poll(async () => (await focused(page)).className).toContain('task-title');

    // Arrow keys move between the tasks; the light editor switch takes Space.
    await tabTo(page, (element) => element.role === 'tab' && element.text.startsWith('1.'), { back: true });
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await focused(page)).text).toMatch(/^2\./);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(async () => (await focused(page)).text).toMatch(/^1\./);
    await tabTo(page, (element) => element.role === 'switch');
    await page.keyboard.press('Space');

    // The language, then the code.
    await tabTo(page, (element) => element.tag === 'SELECT' && element.text.includes('Python'));
    await page.keyboard.press('Home'); // first allowed language, Python
    await tabTo(page, (element) => element.tag === 'TEXTAREA');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('print("keyboard")\n');
    await expect.poll(() => page.locator('.save-status').getAttribute('class'), { timeout: 20_000 }).toContain('save-saved');

    // Run: focus goes to the results.
    await tabTo(page, button('Run samples'));
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).text).toBe('Results');
    await page.locator('.results-pane .verdict, .results-pane .diff-table').first().waitFor({ timeout: 90_000 });

    // Submit: from the results back to the button, then to the results again.
    await tabTo(page, button('Submit'), { back: true });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).text).toBe('Results');
    await page.locator('.results-pane article.submission .score').waitFor({ timeout: 120_000 });

    // Finish: the dialog takes the focus; finishing without more submissions lands on the receipt.
    await tabTo(page, button('Finish'), { back: true });
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    expect((await focused(page)).text).toBe('Keep working');
    await tabTo(page, button('Finish without submitting'));
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).tag, { timeout: 30_000 }).toBe('H2');
    expect((await focused(page)).text).toContain('You have finished');
    await page.locator('.receipt-task tbody tr').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'receipt-keyboard-en');
    expect(errors).toEqual([]);
    await context.close();
  });
});
