/** The Unicode blocks of Ge'ez script: Ethiopic, its Supplement, Extended, Extended-A and Extended-B. */
export const ETHIOPIC_UNICODE_RANGE = 'U+1200-139F,U+2D80-2DDF,U+AB00-AB2F,U+1E7E0-1E7FF';

function isEthiopic(codePoint: number): boolean {
  return (
    (codePoint >= 0x1200 && codePoint <= 0x139f) ||
    (codePoint >= 0x2d80 && codePoint <= 0x2ddf) ||
    (codePoint >= 0xab00 && codePoint <= 0xab2f) ||
    (codePoint >= 0x1e7e0 && codePoint <= 0x1e7ff)
  );
}

/** The distinct Ge'ez-script code points of some texts, in order. */
export function ethiopicCharacters(texts: readonly string[]): number[] {
  const found = new Set<number>();
  for (const text of texts) for (const char of text) if (isEthiopic(char.codePointAt(0) ?? 0)) found.add(char.codePointAt(0) ?? 0);
  return [...found].sort((a, b) => a - b);
}

/** The code points of a unicode-range made of `U+XXXX` and `U+XXXX-YYYY` parts. */
export function codePointsOf(unicodeRange: string): Set<number> {
  const points = new Set<number>();
  for (const part of unicodeRange.split(',')) {
    const [from, to] = part.trim().replace(/^U\+/i, '').split('-').map((hex) => parseInt(hex, 16));
    if (from === undefined || Number.isNaN(from)) continue;
    for (let point = from; point <= (to ?? from); point++) points.add(point);
  }
  return points;
}
