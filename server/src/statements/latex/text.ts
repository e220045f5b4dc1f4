/** How LaTeX text reads as Unicode: ligatures and quotes, symbols, accents and special letters. */

/** `--`, `---`, TeX quotes and `~`, applied to a run of plain text. */
export function typography(text: string): string {
  return text
    .replace(/---/g, '—')
    .replace(/--/g, '–')
    .replace(/``/g, '“')
    .replace(/''/g, '”')
    .replace(/`/g, '‘')
    .replace(/'/g, '’')
    .replace(/~/g, '\u00a0');
}

/** Commands that stand for a piece of text (escaped specials, symbols, spacing). */
export const SYMBOLS: Readonly<Record<string, string>> = {
  _: '_', '%': '%', '&': '&', $: '$', '#': '#', '{': '{', '}': '}',
  ' ': ' ', ',': '\u2009', ';': ' ', ':': ' ', '>': ' ', quad: '\u2003', qquad: '\u2003\u2003', enspace: '\u2002', thinspace: '\u2009',
  '!': '', '/': '', '-': '', '@': '', relax: '', nobreak: '', noindent: '', centering: '', raggedright: '', raggedleft: '',
  ldots: '…', dots: '…', textellipsis: '…', LaTeX: 'LaTeX', TeX: 'TeX',
  textbackslash: '\\', textasciitilde: '~', textasciicircum: '^', textbar: '|', textless: '<', textgreater: '>',
  textendash: '–', textemdash: '—', textquoteleft: '‘', textquoteright: '’', textquotedblleft: '“', textquotedblright: '”',
  textbullet: '•', textdegree: '°', textregistered: '®', texttrademark: '™', copyright: '©', S: '§', P: '¶',
  euro: '€', pounds: '£', textunderscore: '_', slash: '/', lq: '‘', rq: '’',
  aa: 'å', AA: 'Å', o: 'ø', O: 'Ø', ae: 'æ', AE: 'Æ', oe: 'œ', OE: 'Œ', ss: 'ß', i: 'ı', j: 'ȷ', l: 'ł', L: 'Ł',
};

/** Accent commands and the combining mark each puts on the next letter. */
export const ACCENTS: Readonly<Record<string, string>> = {
  '"': '\u0308', "'": '\u0301', '`': '\u0300', '^': '\u0302', '~': '\u0303', '=': '\u0304', '.': '\u0307',
  u: '\u0306', v: '\u030C', H: '\u030B', c: '\u0327', r: '\u030A', k: '\u0328', d: '\u0323', b: '\u0331',
};

export function accented(letter: string, accent: string): string {
  // \i and \j give dotless ı and ȷ so that they can take an accent: \"{\i} is ï.
  const base = letter === 'ı' ? 'i' : letter === 'ȷ' ? 'j' : letter;
  return `${base}${ACCENTS[accent] ?? ''}`.normalize('NFC');
}
