/**
 * The candidate's code editor in headless Chromium against a real server:
 * the light editor takes typing before Monaco has arrived (Monaco's chunk is
 * held back by the test until then), and Monaco takes over with the same
 * text, cursor, focus and undo steps; the keyboard can always leave; touch
 * devices and a failed download keep the light editor.
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContextOptions, type Page, type Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorBox, editorKind, editorText, setEditorText, waitForMonaco } from '../support/editor.ts';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, demoInvite, startTestServer, type TestServer } from '../support/server.ts';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // Builds the client (and server) only when a source is newer than the last build.
  // NODE_ENV=production: under vitest it is `test`, which would make Vite build React's development bundle.
  execFileSync('bash', ['scripts/build.sh'], { cwd: REPO_ROOT, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
  // No judging here: nothing is run, so no workers compete for the CPU.
  server = await startTestServer({ KODBRO_WORKERS: '0' });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Monaco's lazily loaded entry chunk (src/editor/monaco.ts); everything else of Monaco hangs off it. */
const MONACO_CHUNK = /\/assets\/monaco-[\w-]+\.js$/;

/** A fresh invite opened and started; the page shows the workspace with the editor. */
async function workspace(options: BrowserContextOptions = {}, beforeOpen?: (page: Page) => Promise<void>) {
  const staff = new ApiClient(server.url);
  await staff.login();
  const invite = await demoInvite(staff, 'Editor Candidate');
  const context = await browser.newContext({ locale: 'en-GB', ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    // The resource's address goes with the text: Chromium names an aborted chunk ERR_FAILED or
    // ERR_INTERNET_DISCONNECTED by chance, so a test that aborts one recognises its own failure by address.
    if (message.type() === 'error') problems.push(`${message.text()} @ ${message.location().url}`);
  });
  page.on('dialog', (dialog) => void dialog.accept());
  await beforeOpen?.(page);
  await page.goto(`${server.url}/invite/${invite.token}`);
  await page.getByRole('button', { name: 'Start' }).click();
  await editorBox(page).waitFor();
  return { page, problems, close: () => context.close() };
}

/**
 * Holds Monaco's chunk back until `release()`. On the context, not the page:
 * once the service worker controls the page (it registers a moment after the
 * first load), the chunk is fetched by the worker, which `page.route` never sees.
 */
async function holdMonaco(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let requested = false;
  await page.context().route(MONACO_CHUNK, async (route: Route) => {
    requested = true;
    await released;
    await route.continue();
  });
  return { release, requested: () => requested };
}

/** Two CSS colours within one step per channel (Monaco draws white as #fffffe). */
function expectSameColour(actual: string, expected: string): void {
  const channels = (colour: string) => (colour.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  const [a, b] = [channels(actual), channels(expected)];
  expect(a, `${actual} vs ${expected}`).toHaveLength(3);
  for (const [i, value] of a.entries()) expect(Math.abs(value - (b[i] ?? -9)), `${actual} vs ${expected}`).toBeLessThanOrEqual(1);
}

/** The text Monaco shows on screen (every line here fits in view; no blank lines). */
const monacoLines = (page: Page) => page.locator('.monaco-editor .view-lines').innerText().then((text) => text.replace(/\u00a0/g, ' '));

describe('the code editor', () => {
  it('takes typing before Monaco arrives; Monaco then takes over with the same text, cursor, focus and undo steps', async () => {
    let hold!: Awaited<ReturnType<typeof holdMonaco>>;
    const { page, problems, close } = await workspace({}, async (p) => {
      hold = await holdMonaco(p);
    });
    try {
      const box = editorBox(page);
      expect(await editorKind(page)).toBe('light');
      expect(await page.getByText('To leave the editor, press Escape, then Tab.').isVisible()).toBe(true);
      expect(await box.getAttribute('dir')).toBe('ltr');
      expect(await box.getAttribute('spellcheck')).toBe('false');

      // Typed as keys, with pauses between groups as a person types.
      await box.click();
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('x = 1');
      await page.keyboard.press('Enter');
      await page.keyboard.type('if x:');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      await page.keyboard.type('y = 2');
      await page.keyboard.press('Enter'); // keeps the indentation
      await page.keyboard.type('print(y)');
      await page.keyboard.press('Shift+Tab'); // un-indents the line, wherever the caret is
      expect(await box.inputValue()).toBe('x = 1\nif x:\n    y = 2\nprint(y)');
      // The line numbers beside it, hidden from screen readers.
      expect(await page.locator('.light-editor-gutter').innerText()).toBe('1\n2\n3\n4');
      expect(await page.locator('.light-editor-gutter').getAttribute('aria-hidden')).toBe('true');

      // The caret after "if x" (line 2, before the colon), then Monaco may come.
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('End');
      await page.keyboard.press('ArrowLeft');
      expect(await page.evaluate('document.activeElement.selectionStart')).toBe('x = 1\nif x'.length);
      // Monaco is asked for once typing pauses; until it arrives, the light editor stays.
      await expect.poll(() => hold.requested(), { timeout: 15_000 }).toBe(true);
      expect(await editorKind(page)).toBe('light');
      hold.release();

      await waitForMonaco(page);
      await expect.poll(() => monacoLines(page)).toBe('x = 1\nif x:\n    y = 2\nprint(y)');
      // The same accessible name; the focus moved with it, and the cursor is where it was.
      expect(await editorBox(page).count()).toBe(1);
      expect(await page.evaluate('document.activeElement?.getAttribute("role")')).toBe('textbox');
      await page.keyboard.type('_ok');
      await expect.poll(() => monacoLines(page)).toBe('x = 1\nif x_ok:\n    y = 2\nprint(y)');

      // Undo: Monaco's own typing first — one step, or one per key when a loaded machine hands
      // the keys over with pauses (Monaco's grouping, not ours) — then the light editor's steps
      // (Shift+Tab, then the line typed before it).
      const beforeTyping = 'x = 1\nif x:\n    y = 2\nprint(y)';
      for (let presses = 0; presses < '_ok'.length; presses++) {
        const shown = await monacoLines(page);
        if (shown === beforeTyping) break;
        await page.keyboard.press('ControlOrMeta+z');
        await expect.poll(() => monacoLines(page)).not.toBe(shown);
      }
      expect(await monacoLines(page)).toBe(beforeTyping);
      await page.keyboard.press('ControlOrMeta+z');
      await expect.poll(() => monacoLines(page)).toBe('x = 1\nif x:\n    y = 2\n    print(y)');
      await page.keyboard.press('ControlOrMeta+z');
      await expect.poll(() => monacoLines(page)).toBe('x = 1\nif x:\n    y = 2');

      // The whole text, as the page's draft sees it.
      await page.keyboard.press('ControlOrMeta+y');
      await page.keyboard.press('ControlOrMeta+y');
      expect(await editorText(page)).toBe('x = 1\nif x:\n    y = 2\nprint(y)');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('in Monaco, keeps each language\'s text, and a text set from outside (reset to starter) is one undoable step', async () => {
    const { page, problems, close } = await workspace();
    try {
      await page.getByLabel('Programming language').selectOption('python');
      await waitForMonaco(page);
      await setEditorText(page, 'print("mine")');
      await expect.poll(() => monacoLines(page)).toBe('print("mine")');
      expect(await page.locator('.monaco-host').getAttribute('data-mode-id')).toBe('python');

      await page.getByLabel('Programming language').selectOption('java');
      await expect.poll(() => monacoLines(page)).toContain('public class');
      expect(await page.locator('.monaco-host').getAttribute('data-mode-id')).toBe('java');
      await page.getByLabel('Programming language').selectOption('python');
      await expect.poll(() => monacoLines(page)).toBe('print("mine")');
      expect(await page.locator('.monaco-host').getAttribute('data-mode-id')).toBe('python');

      await page.getByRole('button', { name: 'Reset to starter code' }).click(); // the confirmation is accepted
      // The whole text: the starter is longer than the editor shows at 1280×800.
      await expect.poll(() => editorText(page)).toContain('def main');
      await editorBox(page).focus();
      await page.keyboard.press('ControlOrMeta+z');
      await expect.poll(() => monacoLines(page)).toBe('print("mine")');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('lets the keyboard leave: Tab indents, Escape then Tab moves on, in both editors', async () => {
    let hold!: Awaited<ReturnType<typeof holdMonaco>>;
    const { page, problems, close } = await workspace({}, async (p) => {
      hold = await holdMonaco(p);
    });
    try {
      const focusedLabel = () => page.evaluate<string>('document.activeElement?.getAttribute("aria-label") ?? document.activeElement?.textContent ?? ""');
      for (const kind of ['light', 'monaco'] as const) {
        if (kind === 'monaco') {
          hold.release();
          await waitForMonaco(page);
        }
        expect(await editorKind(page)).toBe(kind);
        await setEditorText(page, 'a');
        // The caret after the "a" whatever the editor did with the pasted text's selection
        // (Monaco applies text from EditContext and its selection in separate steps).
        await page.keyboard.press('End');
        await page.keyboard.press('Tab');
        expect(await focusedLabel()).toMatch(/Code editor/);
        await page.keyboard.press('Escape');
        await page.keyboard.press('Tab');
        expect(await focusedLabel()).not.toMatch(/Code editor/);
        // And back in with Shift+Tab: after Escape, Shift+Tab leaves too.
        await page.keyboard.press('Shift+Tab');
        expect(await focusedLabel()).toMatch(/Code editor/);
        await page.keyboard.press('Escape');
        await page.keyboard.press('Shift+Tab');
        expect(await focusedLabel()).not.toMatch(/Code editor/);
        expect(await editorText(page)).toBe('a   ');
      }
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('follows the system: the dark theme on the page\'s own background, and a still cursor when motion is reduced', async () => {
    // The cursor blinks only in a focused editor; blinking shows as its layer changing over a second.
    const looks = async (page: Page) => {
      await editorBox(page).focus();
      const cursorStates = new Set<string>();
      for (let i = 0; i < 15; i++) {
        cursorStates.add(await page.evaluate<string>(`document.querySelector('.monaco-editor .cursors-layer').outerHTML`));
        await page.waitForTimeout(100);
      }
      const [editorClass, editorBackground, pageBackground] = await page.evaluate<string[]>(
        `[document.querySelector('.monaco-editor').className, getComputedStyle(document.querySelector('.monaco-editor .monaco-editor-background')).backgroundColor,
          getComputedStyle(document.documentElement).backgroundColor]`,
      );
      return { editorClass: editorClass ?? '', blinks: cursorStates.size > 1, editorBackground: editorBackground ?? '', pageBackground: pageBackground ?? '' };
    };
    const dark = await workspace({ colorScheme: 'dark', reducedMotion: 'reduce' });
    try {
      await waitForMonaco(dark.page);
      const { editorClass, blinks, editorBackground, pageBackground } = await looks(dark.page);
      expect(editorClass).toMatch(/\bvs-dark\b/);
      expect(blinks).toBe(false);
      expectSameColour(editorBackground, pageBackground);
      expect(dark.problems).toEqual([]);
    } finally {
      await dark.close();
    }
    const light = await workspace({ colorScheme: 'light', reducedMotion: 'no-preference' });
    try {
      await waitForMonaco(light.page);
      const { editorClass, blinks, editorBackground, pageBackground } = await looks(light.page);
      expect(editorClass).toMatch(/\bvs\b/);
      expect(editorClass).not.toMatch(/\bvs-dark\b/);
      expect(blinks).toBe(true);
      expectSameColour(editorBackground, pageBackground);
    } finally {
      await light.close();
    }
  });

  it('keeps the light editor on a touch device: Monaco is never fetched', async () => {
    const requests: string[] = [];
    const { page, problems, close } = await workspace({ hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 } }, async (p) => {
      p.on('request', (request) => requests.push(request.url()));
    });
    try {
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(4000); // longer than the waits before Monaco would load (first paint, idle, 1 s without typing)
      expect(requests.filter((url) => url.includes('/assets/')).some((url) => MONACO_CHUNK.test(url) || url.includes('editor.api'))).toBe(false);
      expect(await editorKind(page)).toBe('light');
      await editorBox(page).tap();
      await page.keyboard.type('print(1)');
      expect(await editorBox(page).inputValue()).toContain('print(1)');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('keeps the light editor, working, when Monaco cannot be downloaded', async () => {
    let failed = false;
    const { page, problems, close } = await workspace({}, async (p) => {
      await p.context().route(MONACO_CHUNK, (route) => {
        failed = true;
        return route.abort('internetdisconnected');
      });
    });
    try {
      await expect.poll(() => failed, { timeout: 15_000 }).toBe(true);
      await page.waitForTimeout(500);
      expect(await editorKind(page)).toBe('light');
      await setEditorText(page, 'print(2)');
      expect(await editorBox(page).inputValue()).toBe('print(2)');
      // The failed chunk is the browser's own console line (one per attempt); nothing else went wrong.
      const chunkFailed = /^Failed to load resource: net::ERR_\w+ @ .*\/assets\/monaco-[\w-]+\.js$/;
      expect(problems.filter((problem) => !chunkFailed.test(problem))).toEqual([]);
    } finally {
      await close();
    }
  });
});
