/**
 * What the candidate browser tests share: Debian's Chromium, a built client,
 * pages that record their errors, the light editor switched on (the plain
 * textarea: `fill` and the keyboard work on it whichever editor is loaded),
 * screenshots as test artefacts, and axe-core for accessibility.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { REPO_ROOT } from '../../support/sandbox.ts';

export const SCREENS_DIR = path.join(REPO_ROOT, 'test-artifacts', 'screens');

/** Builds what is stale (server dist, client dist with its service worker), then starts Chromium. */
export async function launchBrowser(): Promise<Browser> {
  // vitest sets NODE_ENV=test, which would make Vite build React's development bundle and
  // leave out the service worker's registration (production only).
  execFileSync('bash', [path.join(REPO_ROOT, 'scripts/build.sh')], { cwd: REPO_ROOT, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
}

export interface CandidatePage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors in the page (each test expects none). */
  errors: string[];
}

export async function candidatePage(browser: Browser, options: { locale?: string; width?: number; height?: number } = {}): Promise<CandidatePage> {
  const context = await browser.newContext({ locale: options.locale ?? 'en-GB', viewport: { width: options.width ?? 1280, height: options.height ?? 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('dialog', (dialog) => void dialog.accept());
  return { context, page, errors };
}

/** Saves a screenshot under test-artifacts/screens/ (git-ignored); the README takes some of them. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  // Let fonts and the last layout settle: the pictures are for people.
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`) });
}

/** The plain code editor (a textarea), kept by the light-editor switch. */
export async function lightEditor(page: Page) {
  const toggle = page.locator('.head-tools input[role="switch"]');
  await toggle.waitFor();
  if (!(await toggle.isChecked())) await toggle.check();
  const editor = page.locator('.editor-box textarea');
  await editor.waitFor();
  return editor;
}

/** Waits until the status line says the code is saved (in any interface language). */
export async function savedOnServer(page: Page, timeout = 20_000): Promise<void> {
  await expect.poll(() => page.locator('.save-status').getAttribute('class'), { timeout }).toContain('save-saved');
}

/** Serious and critical axe-core findings on the page as it is now (WCAG 2.1 A and AA rules). */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(' | ')}`);
}

/** Every entry this origin keeps in IndexedDB (the `kodbro` database's `kv` store). */
export async function indexedDbKeys(page: Page): Promise<string[]> {
  // A string, run in the page: this project's types have no DOM.
  return page.evaluate<string[]>(`(async () => {
    const names = (await indexedDB.databases()).map((db) => db.name);
    if (!names.includes('kodbro')) return [];
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('kodbro');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    if (!db.objectStoreNames.contains('kv')) { db.close(); return []; }
    const keys = await new Promise((resolve, reject) => {
      const request = db.transaction('kv').objectStore('kv').getAllKeys();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return keys.map(String);
  })()`);
}
