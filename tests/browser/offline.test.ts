/**
 * Work survives a lost connection (Debian's Chromium, a real server, real
 * Docker): the candidate goes offline mid-typing, types more, reloads — the
 * service worker serves the page and IndexedDB the code — queues a
 * submission, comes back online: nothing is lost and the submission is
 * judged once. And two browsers editing the same code at once: neither edit
 * is silently lost; the candidate is offered both.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, demoInvite, PY_LOG_AGGREGATION, startTestServer, type TestServer } from '../support/server.ts';
import { candidatePage, launchBrowser, lightEditor, savedOnServer } from './support/candidate.ts';

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

/** The staff view of the candidate's attempt: drafts and submissions as the server holds them. */
async function attemptOf(inviteId: string, assessmentId: string) {
  const attempts = (await staff.get(`/api/assessments/${assessmentId}/attempts`)).body.attempts as { id: string; inviteId: string }[];
  const attempt = attempts.find((entry) => entry.inviteId === inviteId);
  return (await staff.get(`/api/attempts/${attempt?.id}`)).body as {
    drafts: { language: string; source: string }[];
    submissions: { id: string; kind: string; source: string; status: string }[];
  };
}

/** Waits until this page is controlled by the service worker (it registers a moment after load). */
async function serviceWorkerInControl(page: Page): Promise<void> {
  await page.evaluate('navigator.serviceWorker.ready');
  await expect.poll(() => page.evaluate('navigator.serviceWorker.controller !== null'), { timeout: 20_000 }).toBe(true);
}

describe('work survives', () => {
  it('offline mid-typing, a reload offline (service worker), a queued submission: nothing lost, judged once', async () => {
    const invite = await demoInvite(staff, 'Offline Candidate');
    const { page, context, errors } = await candidatePage(browser);
    await page.goto(`${server.url}/invite/${invite.token}`);
    await page.getByRole('button', { name: 'Start' }).click();
    let editor = await lightEditor(page);
    await page.locator('.code-pane select').selectOption('python');
    const solution = readFileSync(PY_LOG_AGGREGATION, 'utf8');
    const [head, tail] = [solution.slice(0, 200), solution.slice(200)];
    await editor.fill(head);
    await savedOnServer(page);
    await serviceWorkerInControl(page);

    // The connection goes; the page says so in its status line, the editor does not move.
    const editorTop = (await editor.boundingBox())?.y;
    await context.setOffline(true);
    await expect.poll(() => page.locator('.status-area').innerText()).toContain('Offline');
    expect((await editor.boundingBox())?.y).toBe(editorTop);
    await editor.focus();
    await page.keyboard.press('Control+End');
    await editor.pressSequentially(tail.slice(0, 40));
    await editor.fill(solution); // the rest at once: typing it key by key is slow and proves nothing more

    // Reload while offline: the service worker answers with the app shell; the code comes from IndexedDB.
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    editor = await lightEditor(page);
    await expect.poll(() => editor.inputValue(), { timeout: 15_000 }).toBe(solution);
    await expect.poll(() => page.locator('.status-area').innerText()).toContain('Offline');

    // Submit while offline: the run waits on this device, with its id.
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect.poll(() => page.locator('.submission.queued').count()).toBe(1);
    expect(await page.locator('.status-area').innerText()).toContain('Runs waiting to be sent: 1');
    const beforeOnline = await attemptOf(invite.inviteId, invite.assessmentId);
    expect(beforeOnline.submissions.filter((entry) => entry.kind === 'submit')).toEqual([]);

    // Back online: the queue and the draft go out; the submission is judged once, with the offline code.
    await context.setOffline(false);
    await expect.poll(() => page.locator('.submission.queued').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.locator('.results-pane article.submission .score').innerText().catch(() => ''), { timeout: 120_000 }).toContain('100 / 100');
    await savedOnServer(page);
    const after = await attemptOf(invite.inviteId, invite.assessmentId);
    const submits = after.submissions.filter((entry) => entry.kind === 'submit');
    expect(submits).toHaveLength(1);
    expect(submits[0]?.source).toBe(solution);
    expect(after.drafts.find((draft) => draft.language === 'python')?.source).toBe(solution);

    // A reload online shows the same single submission: nothing was sent twice.
    await page.reload();
    await page.locator('.results-pane article.submission').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('.submission.queued').count()).toBe(0);
    expect((await attemptOf(invite.inviteId, invite.assessmentId)).submissions.filter((entry) => entry.kind === 'submit')).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('two browsers editing at once: the second is offered both versions, keeps both, and neither edit is lost', async () => {
    const invite = await demoInvite(staff, 'Two Devices Candidate');
    const laptop = await candidatePage(browser);
    await laptop.page.goto(`${server.url}/invite/${invite.token}`);
    await laptop.page.getByRole('button', { name: 'Start' }).click();
    const laptopEditor = await lightEditor(laptop.page);
    await laptop.page.locator('.code-pane select').selectOption('python');
    await laptopEditor.fill('# shared start\n');
    await savedOnServer(laptop.page);

    const phone = await candidatePage(browser);
    await phone.page.goto(`${server.url}/invite/${invite.token}`);
    const phoneEditor = await lightEditor(phone.page);
    await phone.page.locator('.code-pane select').selectOption('python');
    await expect.poll(() => phoneEditor.inputValue()).toBe('# shared start\n');

    // Both edit the same text at once: the phone's edit is made while its link is down.
    await phone.context.setOffline(true);
    await phoneEditor.fill('# shared start\nprint("from the phone")\n');
    await laptopEditor.fill('# shared start\nprint("from the laptop")\n');
    await savedOnServer(laptop.page);
    await phone.context.setOffline(false);

    // The phone keeps its own text in the editor and is offered the laptop's.
    const conflict = phone.page.getByRole('group', { name: /Two versions of this code/ });
    await conflict.waitFor({ timeout: 30_000 });
    expect(await phoneEditor.inputValue()).toContain('from the phone');
    await conflict.getByText('Show the other version').click();
    expect(await conflict.locator('pre').innerText()).toContain('from the laptop');

    // Keep both: the merged text is saved, and the notice goes.
    await conflict.getByRole('button', { name: 'Keep both (merge them yourself)' }).click();
    await expect.poll(() => conflict.count()).toBe(0);
    const merged = await phoneEditor.inputValue();
    expect(merged).toContain('from the phone');
    expect(merged).toContain('from the laptop');
    await savedOnServer(phone.page);
    const held = await attemptOf(invite.inviteId, invite.assessmentId);
    expect(held.drafts.find((draft) => draft.language === 'python')?.source).toBe(merged);

    // The laptop, whose text was saved, takes the newer merged text and says so.
    await expect.poll(() => laptopEditor.inputValue(), { timeout: 20_000 }).toBe(merged);
    await expect.poll(() => laptop.page.getByText('Your code was changed on another device').count()).toBe(1);
    await laptop.page.getByRole('button', { name: 'OK', exact: true }).click();
    await expect.poll(() => laptop.page.getByText('Your code was changed on another device').count()).toBe(0);
    expect([...laptop.errors, ...phone.errors]).toEqual([]);
    await laptop.context.close();
    await phone.context.close();
  });
});
