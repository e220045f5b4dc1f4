import type { CheckerSpec } from '../challenges/index.ts';

export interface CheckResult {
  accepted: boolean;
  /** Why it was rejected, for authors and operators (never sent for hidden tests). */
  reason?: string;
}

type BuiltinChecker = Extract<CheckerSpec, { kind: 'tokens' | 'exact' }>;

/**
 * Compares a program's output with the expected answer on plain bytes, outside
 * any container. Bytes are read as latin1 so every byte maps to one character:
 * invalid UTF-8 can never be decoded into something that matches.
 */
export function checkOutput(spec: BuiltinChecker, output: Buffer, answer: Buffer): CheckResult {
  const out = output.toString('latin1');
  const ans = answer.toString('latin1');
  return spec.kind === 'exact' ? checkExact(out, ans, spec.caseSensitive) : checkTokens(out, ans, spec);
}

const WHITESPACE = /[ \t\n\r\f\v]+/;

export function tokenize(text: string): string[] {
  const tokens = text.split(WHITESPACE);
  if (tokens[0] === '') tokens.shift();
  if (tokens.at(-1) === '') tokens.pop();
  return tokens;
}

function checkTokens(out: string, ans: string, spec: Extract<BuiltinChecker, { kind: 'tokens' }>): CheckResult {
  const got = tokenize(out);
  const want = tokenize(ans);
  const count = Math.min(got.length, want.length);
  for (let i = 0; i < count; i++) {
    const g = got[i] as string;
    const w = want[i] as string;
    if (!tokenMatches(g, w, spec)) {
      return { accepted: false, reason: `token ${i + 1}: expected ${preview(w)}, got ${preview(g)}` };
    }
  }
  if (got.length !== want.length) {
    return { accepted: false, reason: `expected ${want.length} tokens, got ${got.length}` };
  }
  return { accepted: true };
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function tokenMatches(got: string, want: string, spec: Extract<BuiltinChecker, { kind: 'tokens' }>): boolean {
  if (spec.float && NUMBER.test(want)) {
    if (!NUMBER.test(got)) return false;
    return withinTolerance(Number(got), Number(want), spec.float.absolute, spec.float.relative);
  }
  return spec.caseSensitive ? got === want : asciiLower(got) === asciiLower(want);
}

/** Accepts when either the absolute or the relative error is within bounds (Kattis semantics). */
export function withinTolerance(got: number, want: number, absolute: number, relative: number): boolean {
  if (!Number.isFinite(got) || !Number.isFinite(want)) return got === want;
  const error = Math.abs(got - want);
  // A tiny slack absorbs the decimal → binary rounding of both numbers.
  const slack = 1e-12 * Math.max(1, Math.abs(want));
  return error <= absolute + slack || error <= relative * Math.abs(want) + slack;
}

function checkExact(out: string, ans: string, caseSensitive: boolean): CheckResult {
  const got = normaliseLines(out);
  const want = normaliseLines(ans);
  const count = Math.max(got.length, want.length);
  for (let i = 0; i < count; i++) {
    const g = got[i];
    const w = want[i];
    const same = g !== undefined && w !== undefined && (caseSensitive ? g === w : asciiLower(g) === asciiLower(w));
    if (!same) {
      if (w === undefined) return { accepted: false, reason: `line ${i + 1}: expected end of output, got ${preview(g ?? '')}` };
      if (g === undefined) return { accepted: false, reason: `line ${i + 1}: expected ${preview(w)}, got end of output` };
      return { accepted: false, reason: `line ${i + 1}: expected ${preview(w)}, got ${preview(g)}` };
    }
  }
  return { accepted: true };
}

/** Lines without trailing whitespace (and so without \r), trailing empty lines dropped. */
export function normaliseLines(text: string): string[] {
  const lines = text.split('\n').map((line) => line.replace(/[ \t\r\f\v]+$/, ''));
  while (lines.length && lines.at(-1) === '') lines.pop();
  return lines;
}

export function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 32));
}

function preview(token: string): string {
  const shown = token.length > 40 ? `${token.slice(0, 40)}…` : token;
  return JSON.stringify(shown);
}
