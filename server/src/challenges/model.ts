import type { FunctionSignature, LanguageId, StatementDoc, ValueComparison, Verdict } from '../contracts/index.ts';

/**
 * A test's bytes: in memory (a package loaded in this process), or a file of
 * an unpacked package version that is read when the test runs, so a parsed
 * package the server keeps holds no test data (see the catalog).
 */
export type TestData = Buffer | TestFile;

export interface TestFile {
  /** Absolute path inside `<dataDir>/packages/<content hash>/`. */
  file: string;
  bytes: number;
  /** The first bytes, for showing a sample to a candidate; hidden tests have none. */
  head?: Buffer;
}

/** One test: what goes into the program, and the answer it is compared with. */
export interface TestCase<Data extends TestData = Buffer> {
  id: string;
  input: Data;
  answer: Data;
  /**
   * A sample's transcript for candidates of an interactive challenge, in the
   * Kattis `.interaction` form (`>` lines the program wrote, `<` lines it was
   * sent). Their page shows this rather than the input and answer, which are
   * the interactor's secrets. Hidden tests never have one.
   */
  interaction?: Data;
}

export type CheckerSpec =
  | {
      kind: 'tokens';
      caseSensitive: boolean;
      /** Numbers compare within tolerance; either bound accepts. */
      float?: { absolute: number; relative: number };
    }
  | { kind: 'exact'; caseSensitive: boolean }
  /**
   * A function-signature challenge's: the value the function returned (read
   * from the harness's result line) against the expected one, both JSON.
   */
  | { kind: 'value'; comparison: ValueComparison }
  | {
      kind: 'custom';
      language: LanguageId;
      /** The file compiled or run, relative to the checker's folder. */
      entry: string;
      /** Every file of the checker's folder (headers, helpers). */
      files: PackageFile[];
      /** Extra arguments after the feedback directory (Kattis validator flags). */
      args: string[];
    }
  | {
      /**
       * The challenge is interactive: this program talks with the candidate's
       * (Kattis interface: `interactor <input> <answer> <feedback-dir>/ [args]
       * < program-output > program-input`, exit 42 accepts, 43 rejects).
       * Only ever a challenge's own checker, never a group's.
       */
      kind: 'interactor';
      language: LanguageId;
      entry: string;
      files: PackageFile[];
      args: string[];
    };

export interface PackageFile {
  path: string;
  content: Buffer;
}

/** Hidden tests that earn `points` only when every one is accepted. */
export interface TestGroup<Data extends TestData = Buffer> {
  id: string;
  points: number;
  tests: TestCase<Data>[];
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

/**
 * A challenge package, whatever format it came in, as plain data
 * (structured-cloneable). Loaders give test data in memory; the catalog's
 * packages (`StoredChallenge`) may leave it in files.
 */
export interface Challenge<Data extends TestData = Buffer> {
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
  samples: TestCase<Data>[];
  groups: TestGroup<Data>[];
  starters: Partial<Record<LanguageId, string>>;
  solutions: SolutionRef[];
  /** "Explain your solution": the questions per locale (absent: none asked). */
  explain?: Record<string, string[]>;
  /**
   * The candidate writes this function rather than a whole program. Each
   * test's input is then its arguments as a JSON array, its answer the
   * expected return value as JSON; the starters are generated from it.
   */
  signature?: FunctionSignature;
}

/** A package as its format's reader gives it: the statements are not parsed yet (loadChallenge does that). */
export type PackageContent = Omit<Challenge, 'statementDocs'>;
/** A package as the catalog serves it: test data in memory or in files. */
export type StoredChallenge = Challenge<TestData>;

/** Interactive challenges are judged by running their interactor against the program, not by comparing output. */
export function isInteractive<Data extends TestData>(challenge: Pick<Challenge<Data>, 'checker'>): boolean {
  return challenge.checker.kind === 'interactor';
}

/**
 * A sample that is only a transcript to read (a Kattis `.interaction` without
 * `.in`): it has nothing for the interactor to read, so it is shown, never run.
 */
export function isTranscriptOnly<Data extends TestData>(test: TestCase<Data>): boolean {
  return test.interaction !== undefined && dataBytes(test.input) === 0 && dataBytes(test.answer) === 0;
}

function dataBytes(data: TestData): number {
  return Buffer.isBuffer(data) ? data.length : data.bytes;
}

/** Hidden tests in judging order: groups as listed, tests by name within. */
export function hiddenTests<Data extends TestData>(challenge: Pick<Challenge<Data>, 'groups'>): { group: TestGroup<Data>; test: TestCase<Data> }[] {
  return challenge.groups.flatMap((group) => group.tests.map((test) => ({ group, test })));
}
