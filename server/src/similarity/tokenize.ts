import type { LanguageId } from '../contracts/index.ts';
import { LEXICONS, type Lexicon, type Quote } from './lexicon.ts';

/**
 * A program as a normalised token stream: each token's code (a hash of its
 * normalised text) and the line it starts on. Identifiers are one class
 * ("I"), numbers one ("N"), strings one ("S"), chars one ("C"); comments and
 * whitespace are gone; keywords and operators are kept as they are. Parallel
 * typed arrays rather than objects: a 256 KB source is ~100k tokens.
 */
export interface TokenStream {
  codes: Uint32Array;
  lines: Uint32Array;
  length: number;
}

/**
 * One pass over the source, never backtracking: every branch either consumes
 * at least one character or ends the scan, and the literal/comment scanners
 * look for their end with indexOf or a single forward loop. Hostile input
 * (an unterminated comment or string, NUL bytes, one 256 KB identifier) is
 * just more of the same loop; nothing throws.
 */
export function tokenize(source: string, language: LanguageId): TokenStream {
  const lexicon = LEXICONS[language];
  const table = tableOf(lexicon);
  const codes = new Uint32Array(source.length + 1);
  const lines = new Uint32Array(source.length + 1);
  let count = 0;
  let line = 1;
  let pos = 0;
  const n = source.length;

  /** Moves to `end`, counting the line ends passed. */
  const advanceTo = (end: number) => {
    for (let i = pos; i < end; i++) if (source.charCodeAt(i) === 10) line++;
    pos = end;
  };
  const emit = (code: number, startLine: number) => {
    codes[count] = code;
    lines[count] = startLine;
    count++;
  };

  while (pos < n) {
    const ch = source.charCodeAt(pos);
    if (ch === 10) {
      line++;
      pos++;
      continue;
    }
    if (ch <= 32 || ch === 127) {
      pos++;
      continue;
    }
    // Comments and literals start with one of a few characters: look further only at those.
    if (ch < 128 && table.opensSomething[ch] === 1) {
      if (lexicon.lineComments.some((open) => source.startsWith(open, pos))) {
        const end = source.indexOf('\n', pos);
        pos = end === -1 ? n : end;
        continue;
      }
      const block = lexicon.blockComments.find(([open]) => source.startsWith(open, pos));
      if (block) {
        const close = source.indexOf(block[1], pos + block[0].length);
        advanceTo(close === -1 ? n : close + block[1].length);
        continue;
      }
      const quote = lexicon.quotes.find((q) => source.startsWith(q.open, pos));
      if (quote) {
        const startLine = line;
        advanceTo(literalEnd(source, pos, quote));
        emit(quote.kind === 'STR' ? STRING : CHAR, startLine);
        continue;
      }
    }
    if (isDigit(ch) || (ch === 46 && isDigit(source.charCodeAt(pos + 1)))) {
      pos = numberEnd(source, pos);
      emit(NUMBER, line);
      continue;
    }
    if (isWordChar(ch)) {
      let end = pos + 1;
      while (end < n && (isWordChar(source.charCodeAt(end)) || isDigit(source.charCodeAt(end)))) end++;
      // No keyword is long: a long word is an identifier without being copied out.
      const keyword = end - pos <= table.longestKeyword ? table.keywords.get(source.slice(pos, end)) : undefined;
      emit(keyword ?? IDENTIFIER, line);
      pos = end;
      continue;
    }
    const op = table.operators.get(ch)?.find(([text]) => source.startsWith(text, pos));
    if (op !== undefined) {
      emit(op[1], line);
      pos += op[0].length;
      continue;
    }
    // Anything else (a stray backslash, a control character) carries no structure.
    pos++;
  }
  return { codes: codes.subarray(0, count), lines: lines.subarray(0, count), length: count };
}

/** Where a literal that opens at `start` ends (after its close), or the end of its line or the source when it is unterminated. */
function literalEnd(source: string, start: number, quote: Quote): number {
  const n = source.length;
  let i = start + quote.open.length;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (quote.escapes && c === 92) {
      i += 2;
      continue;
    }
    if (c === 10 && !quote.multiline) return i;
    if (source.startsWith(quote.close, i)) return i + quote.close.length;
    i++;
  }
  return n;
}

/** A number in any of the six languages' spellings (0x1F, 1_000, 1e-9, 3.5f, 10L, 0b101, 1j): digits, letters, dots, and a sign after an exponent. */
function numberEnd(source: string, start: number): number {
  const n = source.length;
  const hex = source.charCodeAt(start) === 48 && (source[start + 1] === 'x' || source[start + 1] === 'X');
  const exponent = hex ? 'pP' : 'eE';
  let signed = false;
  let i = start + 1;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (isDigit(c) || isWordChar(c) || c === 46) {
      i++;
    } else if ((c === 43 || c === 45) && !signed && exponent.includes(source[i - 1]!)) {
      signed = true;
      i++;
    } else {
      break;
    }
  }
  return i;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** ASCII letters, `_`, `$`, and any non-ASCII code unit (identifiers in other scripts). */
const isWordChar = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c >= 128;

/** A lexicon made quick to consult: token codes computed once, operators by first character. */
interface LexTable {
  /** 1 for an ASCII character that may open a comment or a literal. */
  opensSomething: Uint8Array;
  keywords: Map<string, number>;
  longestKeyword: number;
  operators: Map<number, [text: string, code: number][]>;
}

const IDENTIFIER = tokenCode('I');
const NUMBER = tokenCode('N');
const STRING = tokenCode('S');
const CHAR = tokenCode('C');

const tables = new WeakMap<Lexicon, LexTable>();

function tableOf(lexicon: Lexicon): LexTable {
  let table = tables.get(lexicon);
  if (!table) {
    const opensSomething = new Uint8Array(128);
    for (const open of [...lexicon.lineComments, ...lexicon.blockComments.map(([o]) => o), ...lexicon.quotes.map((q) => q.open)]) opensSomething[open.charCodeAt(0)] = 1;
    const operators = new Map<number, [string, number][]>();
    // The lexicon lists operators longest first, and each first-character list keeps that order.
    for (const op of lexicon.operators) {
      const list = operators.get(op.charCodeAt(0)) ?? [];
      list.push([op, tokenCode(op)]);
      operators.set(op.charCodeAt(0), list);
    }
    const keywords = new Map([...lexicon.keywords].map((word) => [word, tokenCode(word)]));
    table = { opensSomething, keywords, longestKeyword: Math.max(...[...lexicon.keywords].map((w) => w.length)), operators };
    tables.set(lexicon, table);
  }
  return table;
}

/** FNV-1a of a token's normalised text. */
function tokenCode(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
