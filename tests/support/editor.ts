import type { Page } from 'playwright-core';

/**
 * The candidate's code editor in a browser test, whichever editor shows: the
 * light editor (a textarea) or Monaco, which takes over after load (an
 * EditContext element in Chromium, on which Playwright's `fill` and
 * `inputValue` do not work). Touch contexts (`hasTouch: true, isMobile: true`)
 * keep the light editor.
 */
export const editorBox = (page: Page) => page.getByRole('textbox', { name: /Code editor/ });

/** Which editor shows now. */
export async function editorKind(page: Page): Promise<'light' | 'monaco'> {
  return (await page.locator('.code-editor').first().getAttribute('data-editor')) === 'monaco' ? 'monaco' : 'light';
}

/** Waits until Monaco has taken over. */
export async function waitForMonaco(page: Page, timeout = 60_000): Promise<void> {
  await page.locator('.code-editor[data-editor="monaco"] .monaco-editor').first().waitFor({ timeout });
}

/** Replaces the whole text as a candidate would: select all, then the new text arrives as one input (like a paste). */
export async function setEditorText(page: Page, text: string): Promise<void> {
  await editorBox(page).focus();
  await page.keyboard.press('ControlOrMeta+a');
  if (text === '') await page.keyboard.press('Delete');
  else await page.keyboard.insertText(text);
}

/**
 * The whole text. Monaco shows only the lines in view, so its text is read
 * as a candidate would take it: select all and copy (the selection is left
 * on everything).
 */
export async function editorText(page: Page): Promise<string> {
  if ((await editorKind(page)) === 'light') return editorBox(page).inputValue();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
  await editorBox(page).focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('ControlOrMeta+c');
  return page.evaluate<string>('navigator.clipboard.readText()');
}
