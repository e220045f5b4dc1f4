import type { LanguageId, StatementDoc, Verdict } from '../contracts/index.ts';

/** One test: what goes into the program, and the answer it is compared with. */
export interface TestCase {
  id: string;
  input: Buffer;
  answer: Buffer;
}

export type CheckerSpec =
  | {
      kind: 'tokens';
      caseSensitive: boolean;
      /** Numbers compare within tolerance; either bound accepts. */
      float?: { absolute: number; relative: number };
    }
  | { kind: 'exact'; caseSensitive: boolean }
  | {
      kind: 'custom';
      language: LanguageId;
      /** The file compiled or run, relative to the checker's folder. */
      entry: string;
      /** Every file of the checker's folder (headers, helpers). */
      files: PackageFile[];
      /** Extra arguments after the feedback directory (Kattis validator flags). */
      args: string[];
    };

export interface PackageFile {
  path: string;
  content: Buffer;
}

/** Hidden tests that earn `points` only when every one is accepted. */
export interface TestGroup {
  id: string;
  points: number;
  tests: TestCase[];
  /** A group may compare differently (Kattis validator flags per folder). */
  checker?: CheckerSpec;
}

export interface RequestedLimits {
  timeMs?: number;
  memoryMb?: number;
  outputKb?: number;
}

export interface SolutionRef {
  /** Path relative to the package root. */
  file: string;
  expect: Verdict;
}

/** What converting a statement could not do faithfully: lint tells the author; candidates never see it. */
export interface StatementIssue {
  locale: string;
  severity: 'error' | 'warning';
  message: string;
}

/** A challenge package, whatever format it came in, as plain data (structured-cloneable). */
export interface Challenge {
  format: 'kodbro' | 'kattis';
  id: string;
  title: Record<string, string>;
  /** Markdown per locale, in the pinned dialect (docs/package-format.md). */
  statements: Record<string, string>;
  /** The statements as the trees candidates' pages render, parsed once by loadChallenge. */
  statementDocs: Record<string, StatementDoc>;
  statementIssues: StatementIssue[];
  /** Files a statement refers to (images), relative to the statement folder. */
  statementFiles: PackageFile[];
  languages: LanguageId[];
  limits: RequestedLimits;
  checker: CheckerSpec;
  samples: TestCase[];
  groups: TestGroup[];
  starters: Partial<Record<LanguageId, string>>;
  solutions: SolutionRef[];
}

/** A package as its format's reader gives it: the statements are not parsed yet (loadChallenge does that). */
export type PackageContent = Omit<Challenge, 'statementDocs'>;

/** Hidden tests in judging order: groups as listed, tests by name within. */
export function hiddenTests(challenge: Pick<Challenge, 'groups'>): { group: TestGroup; test: TestCase }[] {
  return challenge.groups.flatMap((group) => group.tests.map((test) => ({ group, test })));
}
