import { ETHIOPIC_UNICODE_RANGE } from './ethiopic-characters.ts';
import { SUBSET_UNICODE_RANGE } from './ethiopic-subset.ts';
import wholeUrl from './noto-sans-ethiopic-all-400.woff2?url';
import subset400Url from './noto-sans-ethiopic-ti-400.woff2?url';
import subset700Url from './noto-sans-ethiopic-ti-700.woff2?url';

/**
 * Ge'ez script for machines without an Ethiopic font (Debian's Chromium has
 * none). Registered only when Tigrinya is chosen — this module is a chunk of
 * its own, loaded with the Tigrinya texts — so no one else downloads a byte.
 *
 * The family is the one styles.css already names after the system fonts, so a
 * machine with Ethiopic fonts of its own keeps using them (`local()` first).
 * Two sets of faces, told apart by unicode-range:
 * - the interface's characters (≈ 130, 11 KB a weight), fetched at once, since
 *   Tigrinya text is about to show;
 * - the whole script (75 KB, regular only), fetched only if a character
 *   outside them shows: a candidate's name, a statement in Tigrinya.
 *   Registered first, so the small faces win where both cover a character.
 *   It is registered as bold too: Chrome looks for a character only among
 *   the faces of the weight it picked, and a regular glyph in a bold heading
 *   beats a missing one.
 * All files are made by client/scripts/subset-ethiopic.mjs (`npm run fonts -w client`).
 */
const FAMILY = 'Noto Sans Ethiopic';
/** Never hold the Tigrinya texts back longer than this for the font: swap shows them meanwhile. */
const WAIT_MS = 3000;

let registered: Promise<void> | undefined;

/** Adds the faces to the document (once) and resolves when the interface's glyphs are in, or after WAIT_MS. */
export function registerEthiopicFont(): Promise<void> {
  registered ??= register();
  return registered;
}

async function register(): Promise<void> {
  if (typeof FontFace === 'undefined' || typeof document === 'undefined' || !('fonts' in document)) return;
  const face = (url: string, weight: 400 | 700, unicodeRange: string) =>
    new FontFace(FAMILY, `${localNames(weight)}, url(${url}) format('woff2')`, { weight: String(weight), unicodeRange, display: 'swap' });
  const whole = [face(wholeUrl, 400, ETHIOPIC_UNICODE_RANGE), face(wholeUrl, 700, ETHIOPIC_UNICODE_RANGE)];
  const subset = [face(subset400Url, 400, SUBSET_UNICODE_RANGE), face(subset700Url, 700, SUBSET_UNICODE_RANGE)];
  for (const added of [...whole, ...subset]) document.fonts.add(added);
  await Promise.race([Promise.allSettled(subset.map((added) => added.load())), new Promise((resolve) => setTimeout(resolve, WAIT_MS))]);
}

/** The installed font's full and PostScript names, so `local()` finds it. */
function localNames(weight: 400 | 700): string {
  const style = weight === 700 ? 'Bold' : 'Regular';
  return `local('Noto Sans Ethiopic ${style}'), local('NotoSansEthiopic-${style}')`;
}
