/**
 * The challenge library through the page (Debian's Chromium, a real server):
 * an author imports a Kodbro package as a .zip and a Kattis package as a
 * .tar.gz with the file input, sees each in the list with its versions and
 * export link; a hostile zip is refused with the server's reason in words and
 * nothing is stored; archiving hides a challenge from the default list; and
 * axe-core finds no serious or critical violation on the screen.
 */
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_EMAIL, DEMO_PASSWORD, folderTarGz, startTestServer, type TestServer } from '../support/server.ts';
import { REPO_ROOT } from '../support/sandbox.ts';
import { packageZip, withName, zipOf } from '../support/zip.ts';
import { accessibilityProblems, candidatePage, launchBrowser, screenshot } from './support/candidate.ts';

const SUM = path.join(REPO_ROOT, 'tests/fixtures/packages/sum');
const EVEN_SPLIT = path.join(REPO_ROOT, 'tests/fixtures/kattis/even-split');

let server: TestServer;
let browser: Browser;
let staff: ApiClient;
let page: Page;
let errors: string[];


const slugs = async () => ((await staff.get('/api/challenges?archived=all')).body.challenges as { slug: string }[]).map((c) => c.slug).sort();
const scratchFiles = async () => {
  const tmp = path.join(server.dataDir, 'tmp');
  const found: string[] = [];
  for (const dir of await readdir(tmp)) found.push(...(await readdir(path.join(tmp, dir))));
  return found;
};

async function importFile(name: string, mimeType: string, buffer: Buffer): Promise<void> {
  await page.getByLabel('Package archive').setInputFiles({ name, mimeType, buffer });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
}

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
  staff = new ApiClient(server.url);
  await staff.login();
  ({ page, errors } = await candidatePage(browser));
  await page.goto(`${server.url}/staff/login`);
  await page.getByLabel('E-mail').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Challenge library' }).click();
  await page.getByRole('heading', { name: 'Challenge library', level: 1 }).waitFor();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the challenge library page', () => {
  it('lists the sample challenges with their versions, the assessments using them and export links; axe finds nothing serious', async () => {
    const log = page.getByRole('article', { name: /Log aggregation/ });
    await log.waitFor();
    await expect.poll(() => log.getByRole('link', { name: 'Demo assessment' }).count()).toBe(1);
    const exportLink = log.getByRole('link', { name: 'Download Log aggregation v1 (.tar.gz)' });
    expect(await exportLink.getAttribute('href')).toMatch(/^\/api\/challenge-versions\/[0-9a-f-]{36}\/export$/);
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('imports a Kodbro package as a .zip through the file input', async () => {
    await importFile('sum.zip', 'application/zip', await packageZip(SUM));
    await page.getByRole('status').filter({ hasText: 'Imported Sum of numbers as version 1.' }).waitFor({ timeout: 30_000 });
    await page.getByRole('article', { name: /Sum of numbers/ }).waitFor();
    expect(await slugs()).toContain('sum');
  });

  it('imports a Kattis package as a .tar.gz through the file input', async () => {
    await importFile('even-split.tar.gz', 'application/gzip', await folderTarGz(EVEN_SPLIT));
    await page.getByRole('status').filter({ hasText: 'Imported Even split as version 1.' }).waitFor({ timeout: 30_000 });
    await page.getByRole('article', { name: /Even split/ }).waitFor();
    expect(await slugs()).toContain('even-split');
    await screenshot(page, 'staff-library');
  });

  it('refuses a hostile zip with the reason in words, and stores nothing', async () => {
    const before = await slugs();
    const hostile = withName(await packageZip(SUM, [{ name: 'zz/zz/evil', content: 'escaped' }]), 'zz/zz/evil', '../../evil');
    await importFile('sum.zip', 'application/zip', hostile);
    const alert = page.locator('.import-form [role="alert"]');
    await expect.poll(() => alert.textContent(), { timeout: 30_000 }).toBe('This archive was not imported. The archive has an entry outside its folder: ../../evil');
    expect(await slugs()).toEqual(before);
    expect(await scratchFiles()).toEqual([]);
    expect(await readdir(path.dirname(server.dataDir))).not.toContain('evil');
    expect(await accessibilityProblems(page)).toEqual([]);
  });

  it('shows the upload’s progress while a slow upload goes out, then the refusal of a bomb', async () => {
    // 512 KB that does not compress, then 30 MB files of zeros in about 30 KB each: at 256 KB/s the progress bar has time to show; the ratio cap refuses it after.
    const zeros = Buffer.alloc(30 * 1024 * 1024);
    const bomb = await zipOf([
      { name: 'bomb/noise.bin', content: randomBytes(512 * 1024), compress: false },
      ...Array.from({ length: 6 }, (_, i) => ({ name: `bomb/zeros-${i}.in`, content: zeros })),
    ]);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
    try {
      await importFile('bomb.zip', 'application/zip', bomb);
      const progress = page.getByLabel('Uploading…');
      await progress.waitFor({ timeout: 10_000 });
      await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 10_000 }).toBeGreaterThan(0.1);
      expect(Number(await progress.getAttribute('value'))).toBeLessThan(1);
    } finally {
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
      await cdp.detach();
    }
    const alert = page.locator('.import-form [role="alert"]');
    await expect.poll(() => alert.textContent(), { timeout: 30_000 }).toMatch(/^This archive was not imported\. The package archive is too large: the archive expands more than 200 times/);
    expect(await scratchFiles()).toEqual([]);
  });

  it('archives a challenge: gone from the list in use, shown under Archived, and back again', async () => {
    await page.getByRole('button', { name: 'Archive Even split' }).click();
    await page.getByRole('status').filter({ hasText: 'Even split is archived' }).waitFor();
    await expect.poll(() => page.getByRole('article', { name: /Even split/ }).count()).toBe(0);
    await page.getByLabel('Show').selectOption('true');
    await page.getByRole('article', { name: /Even split/ }).waitFor();
    await page.getByRole('button', { name: 'Bring Even split back' }).click();
    await page.getByRole('status').filter({ hasText: 'Even split is back in use.' }).waitFor();
    await page.getByLabel('Show').selectOption('false');
    await page.getByRole('article', { name: /Even split/ }).waitFor();
  });

  it('searches by title', async () => {
    await page.getByLabel('Search by title or id').fill('even');
    await expect.poll(() => page.getByRole('article').count()).toBe(1);
    await page.getByLabel('Search by title or id').fill('');
    await expect.poll(() => page.getByRole('article').count()).toBeGreaterThan(2);
    expect(errors).toEqual([]);
  });
});
