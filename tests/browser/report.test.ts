/**
 * The candidate report in a browser, against a real server and real judging:
 * a candidate types, pastes a program and submits it (it fails some hidden
 * tests); the recruiter's report shows the final code coloured, the hidden
 * tests with the first differing line, the replay that plays and marks the
 * paste with its size, prints to an A4 PDF without the replay's controls, and
 * has no serious accessibility problem; the candidate's explanation of the
 * solution, written after submitting, is in the report.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorBox } from '../support/editor.ts';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, DEMO_EMAIL, DEMO_PASSWORD, demoInvite, startTestServer, type TestServer } from '../support/server.ts';
import { accessibilityProblems, candidatePage, launchBrowser, savedOnServer, screenshot } from './support/candidate.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const WRONG = readFileSync(path.join(REPO_ROOT, 'challenges/log-aggregation/solutions/wrong.py'), 'utf8');

async function pasteInto(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
  await editorBox(page).focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('ControlOrMeta+v');
}

describe('the candidate report', () => {
  it('shows the final code, hidden tests with the first difference, a replay that marks the paste, and prints', async () => {
    const staff = new ApiClient(server.url);
    await staff.login();
    const invite = await demoInvite(staff, 'Report Reader');

    // The candidate: a little typing, then a paste of a whole (wrong) program, then Submit.
    const { page: candidate, errors } = await candidatePage(browser);
    await candidate.goto(`${server.url}/invite/${invite.token}`);
    await candidate.getByRole('button', { name: 'Start' }).click();
    await editorBox(candidate).waitFor();
    await candidate.getByLabel('Programming language').selectOption('python');
    await editorBox(candidate).focus();
    await candidate.keyboard.press('ControlOrMeta+a');
    await candidate.keyboard.type('print(1)\n');
    await savedOnServer(candidate);
    await pasteInto(candidate, WRONG);
    await savedOnServer(candidate);
    await candidate.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => candidate.getByText(/Score: \d+ \/ 100/).count(), { timeout: 120_000 }).toBeGreaterThan(0);
    // Explain your solution: the author's two questions, answered in the candidate's words.
    await candidate.getByLabel('What is the running time of your solution, and why?').fill('O(n log n), because of the sort per endpoint.');
    await candidate.getByLabel('What would you change if you had more time?').fill('Use a selection algorithm instead of sorting.');
    await candidate.getByRole('button', { name: 'Save answers' }).click();
    await candidate.getByText('Answers saved.').waitFor();
    // The form itself (Monaco's own gutter is another matter, left to the editor's tests).
    const explainAxe = await new AxeBuilder({ page: candidate }).include('.explain').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(explainAxe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    expect(errors).toEqual([]);
    await candidate.context().close();

    const attempts = (await staff.get(`/api/assessments/${invite.assessmentId}/attempts`)).body.attempts as { id: string; inviteId: string }[];
    const attemptId = attempts.find((a) => a.inviteId === invite.inviteId)!.id;

    // The recruiter.
    const { page, errors: staffErrors } = await candidatePage(browser, { width: 1280, height: 900 });
    await page.goto(`${server.url}/staff/login`);
    await page.getByLabel('E-mail').fill(DEMO_EMAIL);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Assessments' }).waitFor();
    await page.goto(`${server.url}/staff/attempts/${attemptId}`);
    await page.getByRole('heading', { name: /Attempt of .*Report Reader/ }).waitFor();
    await page.getByRole('heading', { name: 'Hidden tests of the final submission' }).waitFor({ timeout: 30_000 });

    // The final code, coloured once Monaco's grammar is there.
    const finalCode = page.getByRole('region', { name: /Final code of/ }).first();
    await expect.poll(() => finalCode.textContent()).toContain(WRONG.split('\n').find((line) => line.trim().length > 10)!.trim());
    await expect.poll(() => page.locator('.code-view[data-coloured="yes"]').count(), { timeout: 60_000 }).toBeGreaterThan(0);

    // Hidden tests: names, verdicts, and for a rejected one the line where it parted from the answer.
    const tests = page.getByRole('region', { name: /Hidden tests of/ }).first();
    expect(await tests.getByRole('cell', { name: 'Wrong answer' }).count()).toBeGreaterThan(0);
    expect(await tests.getByText(/^Line \d+$/).count()).toBeGreaterThan(0);
    expect(await tests.getByText('Expected').count()).toBeGreaterThan(0);
    // The explanation, with the questions as they were asked.
    await page.getByRole('heading', { name: 'The solution explained, in the candidate’s words' }).waitFor();
    expect(await page.getByText('Use a selection algorithm instead of sorting.').count()).toBe(1);

    // The replay: the paste is marked with its size; going there shows the pasted code; Play moves on.
    const replay = page.locator('section.replay');
    const pasteMark = replay.getByText(/Pasted: \d+ characters/).first();
    await pasteMark.waitFor();
    const pasted = Number(/Pasted: (\d+)/.exec((await pasteMark.textContent()) ?? '')?.[1]);
    expect(pasted).toBe(WRONG.length);
    await replay.getByRole('button', { name: /Go to save/ }).first().click();
    await expect.poll(() => replay.getByRole('region', { name: 'The code at this point' }).textContent()).toContain(WRONG.trim().split('\n')[0]!);
    const slider = replay.getByRole('slider', { name: 'Position' });
    await slider.focus();
    await page.keyboard.press('Home');
    expect(await slider.inputValue()).toBe('0');
    await replay.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => slider.inputValue(), { timeout: 15_000 }).not.toBe('0');
    await screenshot(page, 'report');

    expect(await accessibilityProblems(page)).toEqual([]);

    // Printed (browser print → PDF): the report without the replay and buttons.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kodbro-report-'));
    const pdf = path.join(dir, 'report.pdf');
    writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Report Reader');
    expect(text).toContain('Hidden tests of the final submission');
    expect(text).toContain('Expected');
    expect(text).not.toContain('Moments to look at');
    expect(text).not.toContain('Print or save as PDF');
    expect(staffErrors).toEqual([]);
  }, 300_000);
});
