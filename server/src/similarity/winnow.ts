import type { TokenStream } from './tokenize.ts';

/**
 * Winnowing (Schleimer, Wilkerson & Aiken, SIGMOD 2003) over tokens.
 *
 * K = 12 tokens per k-gram: with identifiers and literals folded into one
 * token each, shorter grams ("I = I ( I ) ;") are shared by any two programs
 * in the language; 12 tokens is about one statement and a half, long enough
 * to be specific, short enough that a copy cut into small pieces still shows.
 * W = 8 k-grams per window: every run of K + W - 1 = 19 tokens (two or three
 * lines) shared by two programs yields at least one shared fingerprint (the
 * method's guarantee), while keeping about 2/(W+1) ≈ 22 % of positions.
 */
export const K = 12;
export const W = 8;

export interface Fingerprint {
  hash: number;
  /** Index of the k-gram's first token. */
  pos: number;
}

/** The hash of every k-gram, in order (length − K + 1 of them, or none for a shorter stream). */
export function kgramHashes(tokens: TokenStream): Uint32Array {
  const count = Math.max(0, tokens.length - K + 1);
  const hashes = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x9e3779b9;
    for (let j = 0; j < K; j++) h = Math.imul(h ^ tokens.codes[i + j]!, 0x01000193) >>> 0;
    hashes[i] = mix(h);
  }
  return hashes;
}

/**
 * The winnowed fingerprints: in each window of W consecutive k-gram hashes
 * the smallest (the rightmost of equal ones), recorded once however many
 * windows pick it. A stream with fewer than W k-grams gives its one smallest.
 */
export function winnow(hashes: Uint32Array): Fingerprint[] {
  const picked: Fingerprint[] = [];
  if (hashes.length === 0) return picked;
  const windows = Math.max(1, hashes.length - W + 1);
  const width = Math.min(W, hashes.length);
  let last = -1;
  for (let start = 0; start < windows; start++) {
    let best = start;
    for (let i = start + 1; i < start + width; i++) if (hashes[i]! <= hashes[best]!) best = i;
    if (best !== last) {
      picked.push({ hash: hashes[best]!, pos: best });
      last = best;
    }
  }
  return picked;
}

/** Murmur3's finaliser: k-gram hashes of similar token runs spread over the whole range, so "smallest" picks fairly. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
