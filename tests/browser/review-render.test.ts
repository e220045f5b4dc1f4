/**
 * Red-team catalogue item 36, in Debian's Chromium against a real server: what
 * a candidate or a CSV wrote is shown to staff as text, never run and never
 * allowed to reorder the page around it. Candidates' names come in through a
 * CSV import (formula cells, HTML, a right-to-left override); one candidate's
 * source and custom input hold a script-closing tag, an HTML comment opener
 * and bidi overrides. On the assessment page (invites and attempts), the
 * attempt view and the printable sheet: no dialog opens, no request leaves
 * for anything but the test server (every request is routed and checked),
 * every text appears literally, and each name with a bidi override sits in an
 * isolate (`<bdi>`, `unicode-bidi: isolate`, or U+2068…U+2069 around it
 * inside a sentence).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, DEMO_EMAIL, DEMO_PASSWORD, newId, startTestServer, waitForResult, type TestServer } from '../support/server.ts';
import { candidatePage, launchBrowser } from './support/candidate.ts';

const RLO = '\u202e';
const NAMES = {
  formula: '=HYPERLINK("http://127.0.0.1:9/x","y")',
  html: '<img src=x onerror=alert(1)>',
  command: "+cmd|' /C calc'!A0",
  bidi: `Mallory ${RLO}fdp.exe`,
};
const SOURCE = [
  '# </script><script>alert(1)</script>',
  '# <!-- <img src=x onerror=alert(2)>',
  `s = "admin${RLO} ⁦// not a comment⁩ ⁦"  # bidi overrides`,
  'print(sum(map(int, open(0).read().split()[1:])))',
].join('\n');
const CUSTOM_INPUT = '2\n</script><img src=x onerror=alert(3)> 1 1\n';

let server: TestServer;
let browser: Browser;
let staff: ApiClient;
let assessmentId: string;
let attemptId: string;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer();
  staff = new ApiClient(server.url);
  await staff.login();
  const assessments = (await staff.get('/api/assessments')).body.assessments as { id: string; title: string; challenges: { challengeVersionId: string }[] }[];
  const demo = assessments.find((a) => a.title === 'Demo assessment');
  if (!demo) throw new Error('no demo assessment');
  assessmentId = demo.id;

  const csv = ['name,contact,language,extraMinutes', ...Object.values(NAMES).map((name) => `"${name.replaceAll('"', '""')}",,,`)].join('\n');
  const imported = await staff.post(`/api/assessments/${assessmentId}/invites/import`, { csv, dryRun: false });
  expect(imported.status).toBe(200);
  expect(imported.body.created).toBe(4);
  const listed = (await staff.get(`/api/assessments/${assessmentId}/invites`)).body.invites as { candidateName: string }[];
  for (const name of Object.values(NAMES)) expect(listed.map((i) => i.candidateName)).toContain(name);

  // The candidate whose name is HTML works on the first challenge: a custom run and a submission.
  const sheet = (await staff.get(`/api/assessments/${assessmentId}/sheet`)).body as { slips: { url: string; candidateName: string }[] };
  const slip = sheet.slips.find((s) => s.candidateName === NAMES.html);
  if (!slip) throw new Error('the imported candidate has no slip');
  const candidate = new ApiClient(server.url);
  await candidate.openInvite({ token: decodeURIComponent(slip.url.split('/invite/')[1] ?? '') });
  expect((await candidate.post('/api/candidate/attempt/start')).status).toBe(200);
  const base = { challengeVersionId: demo.challenges[0]?.challengeVersionId, language: 'python', source: SOURCE };
  const custom = await candidate.post('/api/candidate/submissions', { ...base, id: newId(), kind: 'custom', customInput: CUSTOM_INPUT });
  expect(custom.status).toBe(202);
  await waitForResult(candidate, custom.body.id, 120_000);
  attemptId = await attemptIdOf(NAMES.html);
}, 300_000);

async function attemptIdOf(name: string): Promise<string> {
  const attempts = (await staff.get(`/api/assessments/${assessmentId}/attempts`)).body.attempts as { id: string; candidateName: string | null }[];
  const attempt = attempts.find((a) => a.candidateName === name);
  if (!attempt) throw new Error(`no attempt of ${name}: ${JSON.stringify(attempts.map((a) => a.candidateName))}`);
  return attempt.id;
}
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Watched {
  page: Page;
  dialogs: string[];
  strayRequests: string[];
  errors: string[];
}

/** A staff page whose every request is checked: anything not for the test server is refused and noted. */
async function watchedStaffPage(): Promise<Watched> {
  const { page, context, errors } = await candidatePage(browser);
  const dialogs: string[] = [];
  const strayRequests: string[] = [];
  const allowed = new URL(server.url).host;
  page.on('dialog', (dialog) => dialogs.push(dialog.message()));
  await context.route('**', (route) => {
    const url = new URL(route.request().url());
    if (url.host !== allowed || url.port === '9') {
      strayRequests.push(url.href);
      return route.abort();
    }
    return route.continue();
  });
  await page.goto(`${server.url}/staff/login`);
  await page.getByLabel('E-mail').fill(DEMO_EMAIL);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.who').waitFor();
  return { page, dialogs, strayRequests, errors };
}

/**
 * Every place (outside code blocks) where `name`, which holds a bidi override,
 * is not isolated from the text around it: it must be the whole text of an
 * isolate (`<bdi>`, `unicode-bidi: isolate`) or of a block of its own (a
 * paragraph ends every override), or sit between U+2068 and U+2069 inside a sentence.
 */
function unisolatedOverrides(page: Page, name: string): Promise<string[]> {
  // A string, as the other browser tests pass page scripts: the tests' type-check has no DOM library.
  return page.evaluate(`((name) => {
    const problems = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue ?? '';
      if (!text.includes(name)) continue;
      const parent = node.parentElement;
      if (!parent || parent.closest('pre, code, textarea')) continue;
      const marked = '\\u2068' + name + '\\u2069';
      if (text.includes(marked) && !text.replace(marked, '').includes(name)) continue;
      let isolated = false;
      for (let element = parent; element && element.textContent === name; element = element.parentElement) {
        const style = getComputedStyle(element);
        if (/isolate|plaintext/.test(style.unicodeBidi) || !/^inline/.test(style.display)) isolated = true;
      }
      if (!isolated) problems.push(parent.tagName.toLowerCase() + ': ' + JSON.stringify(parent.textContent));
    }
    return problems;
  })(${JSON.stringify(name)})`);
}

async function expectQuiet(watched: Watched): Promise<void> {
  expect(watched.dialogs).toEqual([]);
  expect(watched.strayRequests).toEqual([]);
  expect(watched.errors).toEqual([]);
  expect(await watched.page.locator('img[src="x"], script:not([src])').count()).toBe(0);
}

describe('36. what candidates and CSV files wrote, on the staff pages', () => {
  it('the assessment page: invites and attempts show each name literally, the bidi one isolated, nothing runs or leaves', async () => {
    const watched = await watchedStaffPage();
    const { page } = watched;
    await page.goto(`${server.url}/staff/assessments/${assessmentId}`);
    await page.getByRole('heading', { name: 'Invites', exact: true }).waitFor();
    const invites = page.locator('.table-wrap[aria-label="Invites"]');
    for (const name of Object.values(NAMES)) {
      await expect.poll(() => invites.getByText(name, { exact: true }).count(), { message: name }).toBe(1);
    }
    // The attempt of the candidate named with HTML is listed by that name, as text.
    await expect.poll(() => page.getByRole('link', { name: NAMES.html, exact: true }).count()).toBe(1);
    expect(await unisolatedOverrides(page, NAMES.bidi)).toEqual([]);
    await expectQuiet(watched);
    await page.context().close();
  });

  it('the attempt view: the name in its heading, the source and the custom input appear literally; nothing runs or leaves', async () => {
    const watched = await watchedStaffPage();
    const { page } = watched;
    await page.goto(`${server.url}/staff/attempts/${attemptId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(NAMES.html);
    for (const summary of await page.locator('details > summary').all()) await summary.click();
    const blocks = await page.locator('pre.output').allTextContents();
    expect(blocks).toContain(SOURCE);
    expect(blocks).toContain(CUSTOM_INPUT);
    expect(await unisolatedOverrides(page, NAMES.bidi)).toEqual([]);
    await expectQuiet(watched);
    await page.context().close();
  });

  it('the attempt view of a candidate with a bidi override in the name keeps the heading in order', async () => {
    // The name reaches a heading through a translated sentence ("Attempt of {{name}}").
    const sheet = (await staff.get(`/api/assessments/${assessmentId}/sheet`)).body as { slips: { url: string; candidateName: string }[] };
    const slip = sheet.slips.find((s) => s.candidateName === NAMES.bidi);
    if (!slip) throw new Error('no slip for the bidi name');
    const candidate = new ApiClient(server.url);
    await candidate.openInvite({ token: decodeURIComponent(slip.url.split('/invite/')[1] ?? '') });
    expect((await candidate.post('/api/candidate/attempt/start')).status).toBe(200);
    const bidiAttempt = await attemptIdOf(NAMES.bidi);

    const watched = await watchedStaffPage();
    const { page } = watched;
    await page.goto(`${server.url}/staff/attempts/${bidiAttempt}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain(NAMES.bidi);
    expect(await unisolatedOverrides(page, NAMES.bidi)).toEqual([]);
    await page.goto(`${server.url}/staff/assessments/${assessmentId}`);
    await page.getByRole('link', { name: NAMES.bidi, exact: true }).waitFor();
    expect(await unisolatedOverrides(page, NAMES.bidi)).toEqual([]);
    await expectQuiet(watched);
    await page.context().close();
  });

  it('the printable sheet: every slip names its candidate literally, the bidi name isolated; nothing runs or leaves', async () => {
    const watched = await watchedStaffPage();
    const { page } = watched;
    await page.goto(`${server.url}/staff/assessments/${assessmentId}/sheet`);
    await page.locator('.slip').first().waitFor();
    const names = await page.locator('.slip-name').allTextContents();
    for (const name of Object.values(NAMES)) expect(names).toContain(name);
    expect(await unisolatedOverrides(page, NAMES.bidi)).toEqual([]);
    await expectQuiet(watched);
    await page.context().close();
  });
});
