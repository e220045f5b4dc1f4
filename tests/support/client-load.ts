/**
 * What a candidate's browser downloads and waits for, measured in headless
 * Chromium (Debian's, through playwright-core) against a real server: bytes
 * on the wire until the editor takes a keystroke, the time until it does,
 * and the time until Monaco has taken over. Used by `npm run bench:client`
 * (tests/bench/client.bench.ts) and by the byte-budget test
 * (tests/browser/budget.test.ts).
 *
 * Bytes are what Chromium counts for the page (CDP `Network.loadingFinished`
 * `encodedDataLength`: headers and body as they came over the network,
 * nothing for a cache hit), plus the WebSocket frames it received. The
 * throttling is Chromium's too (`Network.emulateNetworkConditions`), so a
 * response counts once it has arrived at the throttled rate. Not seen: what
 * a service worker fetches on its own (its precache), which is another target.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';

/** The slow link: 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip. */
export const SLOW_LINK = { latencyMs: 150, downloadBitsPerSecond: 1_600_000, uploadBitsPerSecond: 750_000 };

export interface VisitFigures {
  /** Bytes the page received until its editor took a keystroke. */
  bytesBeforeTyping: number;
  /** From navigation start until the editor shows (after Start on a first visit). */
  msToEditor: number;
  /** From navigation start until a typed character is in the editor. */
  msToType: number;
  /** From navigation start until Monaco shows (undefined: not within the wait). */
  msToMonaco: number | undefined;
  /** Bytes received until Monaco showed. */
  bytesToMonaco: number | undefined;
  /** The page's responses until typing, largest first: what the bytes were. */
  responses: { url: string; bytes: number }[];
}

/**
 * Opens `inviteUrl` in a new page of `context`, presses Start if the
 * attempt has not started, types one character into the editor as soon as it
 * shows, and waits for Monaco (up to `monacoWaitMs`).
 */
export async function measureVisit(
  context: BrowserContext,
  inviteUrl: string,
  options: { throttle?: typeof SLOW_LINK; monacoWaitMs?: number },
): Promise<VisitFigures> {
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  const cdp = await context.newCDPSession(page);
  const traffic = await countTraffic(cdp);
  if (options.throttle) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: options.throttle.latencyMs,
      downloadThroughput: options.throttle.downloadBitsPerSecond / 8,
      uploadThroughput: options.throttle.uploadBitsPerSecond / 8,
    });
  }
  const started = Date.now();
  try {
    await page.goto(inviteUrl, { waitUntil: 'commit' });
    const editorFrame = page.locator('.code-editor');
    const start = page.getByRole('button', { name: 'Start' });
    // A fresh attempt shows Start first; a started one opens on the workspace.
    await Promise.race([editorFrame.waitFor({ timeout: 120_000 }), start.waitFor({ timeout: 120_000 })]);
    if (!(await editorFrame.isVisible())) await start.click();
    await editorFrame.waitFor({ timeout: 120_000 });
    const msToEditor = Date.now() - started;
    await typeOneCharacter(page);
    const msToType = Date.now() - started;
    const bytesBeforeTyping = traffic.bytes();
    const responses = traffic.responses();

    let msToMonaco: number | undefined;
    let bytesToMonaco: number | undefined;
    try {
      await page.locator('.code-editor[data-editor="monaco"] .monaco-editor').waitFor({ timeout: options.monacoWaitMs ?? 120_000 });
      msToMonaco = Date.now() - started;
      bytesToMonaco = traffic.bytes();
    } catch {
      // Monaco did not take over in time: reported as missing.
    }
    return { bytesBeforeTyping, msToEditor, msToType, msToMonaco, bytesToMonaco, responses };
  } finally {
    await page.close();
  }
}

/** Types a character into the editor, whichever editor shows, and waits until it is in the text. */
async function typeOneCharacter(page: Page): Promise<void> {
  const marker = 'Q';
  await page.locator('.code-editor').waitFor({ timeout: 120_000 });
  // Monaco's text box (an EditContext element) has no size: Playwright calls it hidden, yet it takes focus and keys.
  await page.getByRole('textbox', { name: /Code editor/ }).focus();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(marker);
  const landed = `(() => {
    const area = document.querySelector('.code-editor[data-editor="light"] textarea');
    if (area) return area.value.includes(${JSON.stringify(marker)});
    return (document.querySelector('.code-editor .view-lines')?.textContent ?? '').includes(${JSON.stringify(marker)});
  })()`;
  await page.waitForFunction(landed, undefined, { timeout: 30_000, polling: 10 });
}

/** Sums what the page receives, from CDP's network events. */
async function countTraffic(cdp: CDPSession): Promise<{ bytes(): number; responses(): { url: string; bytes: number }[] }> {
  const urls = new Map<string, string>();
  const finished: { url: string; bytes: number }[] = [];
  let frames = 0;
  cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
  cdp.on('Network.loadingFinished', (event) => finished.push({ url: urls.get(event.requestId) ?? '?', bytes: event.encodedDataLength }));
  cdp.on('Network.webSocketFrameReceived', (event) => (frames += Buffer.byteLength(event.response.payloadData)));
  await cdp.send('Network.enable');
  // Caching on, as a real browser has it (a second visit is served from the cache).
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  return {
    bytes: () => finished.reduce((sum, entry) => sum + entry.bytes, 0) + frames,
    responses: () => [...finished, { url: '(WebSocket frames)', bytes: frames }].filter((entry) => entry.bytes > 0).sort((a, b) => b.bytes - a.bytes),
  };
}

/** A first and a second visit to a fresh invite in one browser context (its cache kept between them). */
export async function measureFirstAndSecondVisit(
  browser: Browser,
  inviteUrl: string,
  options: { throttle?: typeof SLOW_LINK; monacoWaitMs?: number },
): Promise<{ first: VisitFigures; second: VisitFigures }> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
  try {
    const first = await measureVisit(context, inviteUrl, options);
    const second = await measureVisit(context, inviteUrl, options);
    return { first, second };
  } finally {
    await context.close();
  }
}

export const kb = (bytes: number | undefined) => (bytes === undefined ? '—' : `${(bytes / 1024).toFixed(1)} KB`);
export const seconds = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(2)} s`);

/** The figures as a small table. */
export function figuresTable({ first, second }: { first: VisitFigures; second: VisitFigures }): string {
  const rows: [string, string, string][] = [
    ['bytes on the wire before typing', kb(first.bytesBeforeTyping), kb(second.bytesBeforeTyping)],
    ['time until the editor shows', seconds(first.msToEditor), seconds(second.msToEditor)],
    ['time until a keystroke lands', seconds(first.msToType), seconds(second.msToType)],
    ['time until Monaco has taken over', seconds(first.msToMonaco), seconds(second.msToMonaco)],
    ['bytes on the wire until Monaco', kb(first.bytesToMonaco), kb(second.bytesToMonaco)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `${''.padEnd(width)}  ${'first visit'.padStart(12)}  ${'second visit'.padStart(12)}`,
    ...rows.map(([label, a, b]) => `${label.padEnd(width)}  ${a.padStart(12)}  ${b.padStart(12)}`),
  ].join('\n');
}
