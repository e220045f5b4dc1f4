/**
 * Signed results in a real browser: a candidate who finished shares the
 * result from the receipt; the QR code on the receipt decodes to the link;
 * the verification page it opens checks the signature in the browser
 * (WebCrypto Ed25519) and says it is genuine; the same page fed a tampered
 * document (through page.route) says it does not verify; after the company
 * revokes it, the page says so. axe-core finds nothing serious on the
 * receipt's share panel or the verification page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_EMAIL, DEMO_PASSWORD, demoInvite, newId, PY_LOG_AGGREGATION, startTestServer, waitForResult, type TestServer } from '../support/server.ts';
import { accessibilityProblems, candidatePage, launchBrowser, screenshot, SCREENS_DIR } from './support/candidate.ts';
import { decodeAllQr } from './support/qr.ts';

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

describe('a shared result', () => {
  it('is shared from the receipt, its QR code holds the link, and the page it opens verifies it; tampered does not; revoked says so', async () => {
    const invite = await demoInvite(staff, 'Verified Vera');
    const { page, context, errors } = await candidatePage(browser);
    await page.goto(`${server.url}/invite/${invite.token}`);
    await page.getByRole('button', { name: 'Start' }).waitFor();

    // The work itself through the API (another device of the same invite): a scored submission, then Finish.
    const device = new ApiClient(server.url);
    await device.openInvite({ token: invite.token });
    const started = await device.post('/api/candidate/attempt/start');
    const challengeVersionId = started.body.assessment.challenges[0].challengeVersionId;
    const id = newId();
    await device.post('/api/candidate/submissions', { id, challengeVersionId, kind: 'submit', language: 'python', source: readFileSync(PY_LOG_AGGREGATION, 'utf8') });
    expect((await waitForResult(device, id)).result.score).toBe(100);
    expect((await device.post('/api/candidate/attempt/finish')).status).toBe(200);

    await page.goto(`${server.url}/attempt`);
    const panel = page.locator('.share-result');
    await panel.getByText('Your result is not shared.').waitFor();
    expect(await panel.locator('.qr').count()).toBe(0);
    await panel.getByRole('button', { name: 'Make my result shareable' }).click();
    await panel.getByText('Your result is shared').waitFor();
    const link = await panel.getByLabel('Link to your result').inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/verify/[\\w-]{22}$`));
    const qr = panel.locator('svg.qr');
    await qr.waitFor();
    expect(await qr.getAttribute('aria-label')).toBe('QR code of the link to your result');
    const qrFile = path.join(SCREENS_DIR, 'verify-receipt-qr.png');
    await qr.screenshot({ path: qrFile });
    expect([...decodeAllQr(qrFile, 10_000, 10_000)]).toEqual([link]);
    expect(await accessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'receipt-shared-en');

    const resultId = link.split('/').pop()!;
    const verify = await context.newPage();
    verify.on('pageerror', (error) => errors.push(error.message));
    await verify.goto(link);
    const verdict = verify.locator('.verdict').first();
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('genuine');
    expect(await verdict.innerText()).toContain('Genuine and unchanged');
    const facts = await verify.locator('.verify').innerText();
    for (const text of ['Demo Company AB', 'Demo assessment', 'Verified Vera', '100 / 100']) expect(facts).toContain(text);
    expect(await verify.locator('[data-total]').innerText()).toMatch(/^100 \/ \d+$/);
    expect(await accessibilityProblems(verify)).toEqual([]);
    await screenshot(verify, 'verify-genuine-en');

    // The download is the signed file the CLI checks.
    const [download] = await Promise.all([verify.waitForEvent('download'), verify.getByRole('link', { name: /Download the signed result/ }).click()]);
    const saved = path.join(SCREENS_DIR, 'verify-download.json');
    await download.saveAs(saved);
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toMatchObject({ document: { resultId, total: 100 }, signature: expect.any(String), revoked: null });

    // One changed byte in what the server sends: the browser's own check fails.
    const tampered = await context.newPage();
    await tampered.route(`**/api/results/${resultId}`, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('"total":100', '"total":101');
      expect(body).toContain('"total":101');
      await route.fulfill({ response, body });
    });
    await tampered.goto(link);
    const bad = tampered.locator('.verdict').first();
    await bad.waitFor();
    expect(await bad.getAttribute('data-verdict')).toBe('does_not_verify');
    expect(await bad.innerText()).toContain('Does not verify');
    await screenshot(tampered, 'verify-tampered-en');
    await tampered.close();

    // The company revokes it on the attempt's staff page: the verification page says so, and the signature still checks out.
    const attemptId = (await staff.get(`/api/assessments/${invite.assessmentId}/invites`)).body.invites.find((entry: { id: string }) => entry.id === invite.inviteId).attemptId;
    const staffContext = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    const staffPage = await staffContext.newPage();
    staffPage.on('pageerror', (error) => errors.push(error.message));
    await staffPage.goto(`${server.url}/staff/login`);
    await staffPage.getByLabel('E-mail').fill(DEMO_EMAIL);
    await staffPage.getByLabel('Password').fill(DEMO_PASSWORD);
    await staffPage.getByRole('button', { name: 'Sign in' }).click();
    await staffPage.getByRole('heading', { name: 'Assessments' }).waitFor();
    await staffPage.goto(`${server.url}/staff/attempts/${attemptId}`);
    const sharedPanel = staffPage.locator('.shared-result');
    await sharedPanel.getByText(/The candidate shares a signed result/).waitFor();
    await sharedPanel.getByLabel(/Reason/).fill('Taken by someone else');
    await sharedPanel.getByRole('button', { name: 'Revoke this result' }).click();
    await sharedPanel.getByText('The result is revoked. Its verification page says so.').waitFor();
    expect(await sharedPanel.innerText()).toMatch(/Revoked on .+ by .Demo Author.\./);
    expect(await accessibilityProblems(staffPage)).toEqual([]);
    await screenshot(staffPage, 'staff-shared-result-revoked');
    await staffContext.close();
    await verify.reload();
    const revoked = verify.locator('[data-verdict="revoked"]');
    await revoked.waitFor();
    expect(await revoked.innerText()).toMatch(/^Revoked by the organisation on .+\. Reason: Taken by someone else$/);
    expect(await verify.locator('.verdict').first().getAttribute('data-verdict')).toBe('genuine');
    expect(await accessibilityProblems(verify)).toEqual([]);
    await screenshot(verify, 'verify-revoked-en');

    // The receipt says so too.
    await page.reload();
    await panel.getByText(/The company withdrew this result on/).waitFor();

    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);

  it('an unknown or unshared result id says there is none, in words', async () => {
    const { page, context, errors } = await candidatePage(browser);
    await page.goto(`${server.url}/verify/${'Q'.repeat(22)}`);
    await page.getByText('No shared result has this address.').waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
