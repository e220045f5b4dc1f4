import type { LanguageId } from '../contracts/index.ts';
import { tokenize, type TokenStream } from './tokenize.ts';
import { K, kgramHashes, W, winnow } from './winnow.ts';

/** One candidate's final code for one challenge, in one language. */
export interface SimilarityDoc {
  /** What the caller knows it by (a submission id). */
  id: string;
  /** Who wrote it: two documents of one owner are never a pair. */
  owner: string;
  source: string;
}

/** Every candidate's code for one challenge in one language, and the starter code they all began from. */
export interface SimilarityGroup {
  language: LanguageId;
  starter: string;
  docs: readonly SimilarityDoc[];
}

export interface LineRange {
  fromLine: number;
  toLine: number;
}

export interface SimilarPair {
  a: string;
  b: string;
  /** The smaller of aShare and bShare: both programs must be largely made of the shared part. */
  score: number;
  /** Shared fingerprints / a's fingerprints (after removing starter code and common idioms); likewise bShare. */
  aShare: number;
  bShare: number;
  /** Matching regions, in a's line order. */
  regions: { a: LineRange; b: LineRange }[];
}

export const SIMILARITY_LIMITS = {
  /** A pair is listed from this score on. */
  threshold: 0.5,
  /**
   * And only with this many fingerprints in common (about 30 tokens of code
   * beyond the starter): a starter with a one-line change is alike in
   * everyone's hands and says nothing.
   */
  minShared: 6,
  /**
   * A fingerprint found in more than this share of the candidates (but never
   * fewer than minCommon, never more than maxCommon) is a common idiom of the
   * task and is ignored. The floor keeps a ring of copiers in a small
   * assessment visible (MOSS's default is the same 10); the cap bounds the
   * pair counting, Σ df² over fingerprints.
   */
  commonShare: 0.05,
  minCommon: 10,
  maxCommon: 100,
  /** Pairs returned per group, highest score first. */
  maxPairs: 200,
  /** Regions per pair, and token matches considered for them. */
  maxRegions: 50,
  maxMatches: 4000,
} as const;

interface Prepared {
  doc: SimilarityDoc;
  tokens: TokenStream;
  /** Fingerprint hash → k-gram start positions, without the starter's and (later) the common ones. */
  prints: Map<number, number[]>;
}

/**
 * The pairs of documents that share an unusual amount of code, highest score
 * first. An inverted index (fingerprint → documents) means only documents
 * that share something are ever compared: the work grows with the shared
 * fingerprints, not with the square of the candidates.
 */
export function findSimilarPairs(group: SimilarityGroup): SimilarPair[] {
  const starter = new Set(kgramHashes(tokenize(group.starter, group.language)));
  const prepared = group.docs.map((doc) => prepare(doc, group.language, starter));
  const { commonShare, minCommon, maxCommon } = SIMILARITY_LIMITS;
  const common = Math.min(maxCommon, Math.max(minCommon, Math.ceil(commonShare * prepared.length)));

  const postings = new Map<number, number[]>();
  prepared.forEach((p, index) => {
    for (const hash of p.prints.keys()) {
      const list = postings.get(hash);
      if (list) list.push(index);
      else postings.set(hash, [index]);
    }
  });
  for (const [hash, docs] of postings) {
    if (docs.length > common) for (const index of docs) prepared[index]!.prints.delete(hash);
  }

  const n = prepared.length;
  const shared = pairCounter(n);
  for (const docs of postings.values()) {
    if (docs.length < 2 || docs.length > common) continue;
    for (let i = 0; i < docs.length; i++) for (let j = i + 1; j < docs.length; j++) shared.add(docs[i]!, docs[j]!);
  }

  const scored: { a: number; b: number; score: number; aShare: number; bShare: number }[] = [];
  shared.forEach((a, b, count) => {
    if (count < SIMILARITY_LIMITS.minShared) return;
    if (prepared[a]!.doc.owner === prepared[b]!.doc.owner) return;
    const aShare = count / prepared[a]!.prints.size;
    const bShare = count / prepared[b]!.prints.size;
    const score = Math.min(aShare, bShare);
    if (score >= SIMILARITY_LIMITS.threshold) scored.push({ a, b, score, aShare, bShare });
  });
  scored.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);

  return scored.slice(0, SIMILARITY_LIMITS.maxPairs).map(({ a, b, score, aShare, bShare }) => ({
    a: prepared[a]!.doc.id,
    b: prepared[b]!.doc.id,
    score: round(score),
    aShare: round(aShare),
    bShare: round(bShare),
    regions: matchingRegions(prepared[a]!, prepared[b]!),
  }));
}

/** Up to this many documents the pair counts are one flat array (n² × 2 bytes: 18 MB at 3000); beyond, a map of the pairs that share anything. */
const FLAT_COUNTS_MAX_DOCS = 3000;

interface PairCounter {
  /** Counts one more fingerprint shared by documents a < b. */
  add(a: number, b: number): void;
  forEach(visit: (a: number, b: number, count: number) => void): void;
}

function pairCounter(n: number): PairCounter {
  if (n <= FLAT_COUNTS_MAX_DOCS) {
    const counts = new Uint16Array(n * n);
    return {
      add(a, b) {
        const key = a * n + b;
        if (counts[key]! < 0xffff) counts[key]!++;
      },
      forEach(visit) {
        for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (counts[a * n + b]! > 0) visit(a, b, counts[a * n + b]!);
      },
    };
  }
  const counts = new Map<number, number>();
  return {
    add: (a, b) => void counts.set(a * n + b, (counts.get(a * n + b) ?? 0) + 1),
    forEach(visit) {
      for (const [key, count] of counts) visit(Math.floor(key / n), key % n, count);
    },
  };
}

function prepare(doc: SimilarityDoc, language: LanguageId, starter: ReadonlySet<number>): Prepared {
  const tokens = tokenize(doc.source, language);
  const prints = new Map<number, number[]>();
  for (const { hash, pos } of winnow(kgramHashes(tokens))) {
    if (starter.has(hash)) continue;
    const list = prints.get(hash);
    if (list) list.push(pos);
    else prints.set(hash, [pos]);
  }
  return { doc, tokens, prints };
}

interface TokenRegion {
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
}

/** Tokens between two matches that still count as one region: a window's worth, so one changed line does not cut a region in two. */
const GAP = K + W;

/**
 * The shared fingerprints' k-grams, merged into regions: a match joins a
 * region it follows closely on both sides (so a reordered function is its own
 * region, at its own place in each file), then token ranges become lines.
 */
function matchingRegions(a: Prepared, b: Prepared): SimilarPair['regions'] {
  const matches: [number, number][] = [];
  for (const [hash, aPositions] of a.prints) {
    const bPositions = b.prints.get(hash);
    if (!bPositions) continue;
    for (const pa of aPositions.slice(0, 4)) for (const pb of bPositions.slice(0, 4)) matches.push([pa, pb]);
    if (matches.length >= SIMILARITY_LIMITS.maxMatches) break;
  }
  matches.sort((x, y) => x[0] - y[0] || x[1] - y[1]);

  const regions: TokenRegion[] = [];
  for (const [pa, pb] of matches) {
    const region = regions.find((r) => pa <= r.aTo + GAP && pb >= r.bFrom - GAP && pb <= r.bTo + GAP);
    if (region) {
      region.aTo = Math.max(region.aTo, pa + K - 1);
      region.bFrom = Math.min(region.bFrom, pb);
      region.bTo = Math.max(region.bTo, pb + K - 1);
    } else if (regions.length < SIMILARITY_LIMITS.maxRegions * 4) {
      regions.push({ aFrom: pa, aTo: pa + K - 1, bFrom: pb, bTo: pb + K - 1 });
    }
  }
  return regions
    .map((r) => ({
      a: { fromLine: a.tokens.lines[r.aFrom]!, toLine: a.tokens.lines[r.aTo]! },
      b: { fromLine: b.tokens.lines[r.bFrom]!, toLine: b.tokens.lines[r.bTo]! },
      size: r.aTo - r.aFrom,
    }))
    .sort((x, y) => y.size - x.size)
    .slice(0, SIMILARITY_LIMITS.maxRegions)
    .sort((x, y) => x.a.fromLine - y.a.fromLine || x.b.fromLine - y.b.fromLine)
    .map(({ a: ra, b: rb }) => ({ a: ra, b: rb }));
}

const round = (x: number) => Math.round(x * 1000) / 1000;
