/**
 * Ge'ez script renders on a machine without Ethiopic fonts: Debian's Chromium
 * here has none (`fc-list :lang=ti` lists nothing), so every Ge'ez glyph on a
 * Tigrinya page must come from the web font the Tigrinya texts bring with
 * them — and a candidate reading another language downloads none of it.
 * Chromium itself reports which fonts drew a node's text (DevTools'
 * CSS.getPlatformFontsForNode); a screenshot of the overview is written to
 * test-artifacts/screens/ti-overview.png.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, demoInvite, startTestServer, type TestServer } from '../support/server.ts';

const SCREENS = path.join(REPO_ROOT, 'test-artifacts', 'screens');
/** "Saba Gebrehiwet": ሂ is in no interface text, so it needs the whole-script face. */
const NAME = 'ሳባ ገብረሂወት';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(path.join(REPO_ROOT, 'client/dist/index.html'))) execFileSync('npm', ['run', 'build', '-w', 'client', '--silent'], { cwd: REPO_ROOT, stdio: 'ignore' });
  // Nothing is judged here.
  server = await startTestServer({ KODBRO_WORKERS: '0' });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A candidate whose browser asks for `locale`, and the URLs of every font and script the page fetched. */
async function openInvite(locale: string, name: string): Promise<{ page: Page; fetched: string[] }> {
  const staff = new ApiClient(server.url);
  await staff.login();
  const invite = await demoInvite(staff, name);
  const context = await browser.newContext({ locale, viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto(`${server.url}/invite/${invite.token}`);
  await page.waitForURL(`${server.url}/attempt`);
  return { page, fetched };
}

/** The fonts Chromium drew the text of the first node matching `selector` with. */
async function fontsOf(page: Page, selector: string): Promise<{ familyName: string; isCustomFont: boolean; glyphCount: number }[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}

describe("Tigrinya's Ge'ez script without system fonts", () => {
  it('this machine has no Ethiopic font of its own (else the test proves nothing)', () => {
    expect(execFileSync('fc-list', [':lang=ti', 'family'], { encoding: 'utf8' }).trim()).toBe('');
  });

  it('every Ge\'ez glyph of the overview comes from the web font, the interface\'s from the small subsets', async () => {
    const { page, fetched } = await openInvite('ti-ER', NAME);
    const start = page.getByRole('button', { name: 'ጀምሩ' });
    await start.waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('ti');

    // Button and heading: Tigrinya only, each glyph from the web font, none from anywhere else.
    await expect.poll(() => fontsOf(page, 'button.primary'), { timeout: 10_000 }).toEqual([expect.objectContaining({ familyName: 'Noto Sans Ethiopic', isCustomFont: true, glyphCount: 3 })]);
    // The greeting: the name's ሂ is drawn too (by the whole-script face), not left as a box.
    await expect
      .poll(async () => (await fontsOf(page, 'p.hello')).filter((font) => font.familyName === 'Noto Sans Ethiopic' && font.isCustomFont).reduce((sum, font) => sum + font.glyphCount, 0), { timeout: 10_000 })
      .toBe([...`ሰላም ${NAME}`].filter((char) => char !== ' ').length);

    const fonts = fetched.filter((url) => url.endsWith('.woff2'));
    expect(fonts.some((url) => /noto-sans-ethiopic-ti-400-/.test(url))).toBe(true);
    expect(fonts.some((url) => /noto-sans-ethiopic-ti-700-/.test(url))).toBe(true);
    expect(fonts.some((url) => /noto-sans-ethiopic-all-400-/.test(url))).toBe(true);

    mkdirSync(SCREENS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENS, 'ti-overview.png'), fullPage: true });
    await page.context().close();
  });

  it('the interface alone needs only the subsets (11 KB a weight): no whole-script font without a character outside them', async () => {
    const { page, fetched } = await openInvite('ti-ER', 'Saba Gebrehiwet');
    await page.getByRole('button', { name: 'ጀምሩ' }).waitFor();
    await expect.poll(() => fontsOf(page, 'button.primary'), { timeout: 10_000 }).toEqual([expect.objectContaining({ familyName: 'Noto Sans Ethiopic', isCustomFont: true })]);
    expect(fetched.filter((url) => url.endsWith('.woff2')).map((url) => path.basename(url).replace(/-[\w-]{8}\.woff2$/, ''))).toEqual(expect.arrayContaining(['noto-sans-ethiopic-ti-400', 'noto-sans-ethiopic-ti-700']));
    expect(fetched.some((url) => url.includes('noto-sans-ethiopic-all'))).toBe(false);
    await page.context().close();
  });

  it("the locale formats fall back to English in this Chromium, which has no Tigrinya data; Dari dates are Gregorian", async () => {
    // client/src/i18n/format.ts as it is (it imports nothing), run in the page.
    const source = readFileSync(path.join(REPO_ROOT, 'client/src/i18n/format.ts'), 'utf8');
    const script = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 } }).outputText.replace(/^export /gm, '');
    const page = await (await browser.newContext({ locale: 'ti-ER' })).newPage();
    const christmasEve = 'new Date(2026, 11, 24, 15, 30)';
    const run = (expression: string) => page.evaluate(`(() => { ${script}; return ${expression}; })()`);
    // What the page would show without the fallback: the default locale's root data.
    expect(await run(`new Intl.DateTimeFormat('ti', { dateStyle: 'full', timeStyle: 'short' }).format(${christmasEve})`)).toMatch(/M12/);
    expect(await run(`formatsFor('ti').locale`)).toBe('en-GB');
    expect(await run(`formatsFor('ti').dateTime(${christmasEve})`)).toMatch(/24 December 2026 at 15:30/);
    expect(await run(`formatsFor('prs').dateTime(${christmasEve}, { dateStyle: 'long' })`)).toContain('۲۰۲۶');
    expect(await run(`formatsFor('prs').countdown(65000)`)).toBe('۰۱:۰۵');
    await page.context().close();
  });

  it('a candidate reading another language downloads none of it', async () => {
    const { page, fetched } = await openInvite('en-GB', NAME);
    await page.getByRole('button', { name: 'Start' }).waitFor();
    // The page has settled: the socket is up and the overview is drawn.
    await page.waitForLoadState('networkidle');
    expect(fetched.filter((url) => /ethiopic|\.woff2$/.test(url))).toEqual([]);
    await page.context().close();
  });
});
