import { TextDecoder } from 'node:util';
import { LANGUAGE_IDS, type ChallengeDraft, type DraftChecker, type DraftTest } from '../contracts/index.ts';
import { KodbroError } from '../errors.ts';
import { LANGUAGES, languageForFile, sourceFileName } from '../languages/index.ts';
import { signatureLanguages } from '../signatures/index.ts';
import type { CheckerSpec, PackageContent, PackageFile, TestCase, TestGroup } from './model.ts';

/*
 * A challenge draft (contracts/authoring.ts) and the package model, both
 * ways, as pure functions. A draft becomes package content plus the solution
 * files the writer copies (writeKodbroPackage reads solutions from a folder),
 * so a draft is written, loaded, linted and published exactly like an upload.
 */

/** Where a draft's solutions go, relative to the folder the writer reads them from. */
const SOLUTIONS_DIR = 'solutions';

export interface DraftPackage {
  content: PackageContent;
  /** Files to put under the writer's source folder before writing (the solutions). */
  sourceFiles: PackageFile[];
}

export function draftToPackage(slug: string, draft: ChallengeDraft): DraftPackage {
  const sourceFiles: PackageFile[] = [];
  const solutions = draft.solutions.map((solution) => {
    if (!languageForFile(solution.name)) throw new KodbroError('invalid_argument', `Solution ${solution.name}: no language uses this file extension`);
    const file = `${SOLUTIONS_DIR}/${solution.name}`;
    if (sourceFiles.some((f) => f.path.toLowerCase() === file.toLowerCase())) throw new KodbroError('invalid_argument', `Two solutions are named ${solution.name}`);
    sourceFiles.push({ path: file, content: Buffer.from(solution.source, 'utf8') });
    return { file, expect: solution.expect };
  });
  const content: PackageContent = {
    format: 'kodbro',
    id: slug,
    title: { ...draft.title },
    statements: { ...draft.statements },
    statementIssues: [],
    statementFiles: [],
    // No languages named: every language, as a manifest without `languages` says (with a signature, every one with a harness).
    languages: draft.languages.length ? [...draft.languages] : draft.signature ? signatureLanguages() : [...LANGUAGE_IDS],
    limits: { ...draft.limits },
    checker: checkerSpec(draft.checker),
    // A signature's starters are generated when the package is loaded; the draft's own are not written.
    ...(draft.signature ? { signature: draft.signature } : {}),
    samples: draft.samples.map(testCase),
    groups: draft.groups.map((group) => ({ id: group.id, points: group.points, tests: group.tests.map(testCase) })),
    starters: { ...draft.starters },
    solutions,
    ...explainOf(draft.explain),
  };
  return { content, sourceFiles };
}

/** The questions an author wrote, blanks dropped; a locale without any asks nothing. */
function explainOf(explain: ChallengeDraft['explain']): Pick<PackageContent, 'explain'> {
  const asked = Object.entries(explain ?? {})
    .map(([locale, questions]) => [locale, questions.map((q) => q.trim()).filter((q) => q !== '')] as const)
    .filter(([, questions]) => questions.length > 0);
  return asked.length ? { explain: Object.fromEntries(asked) } : {};
}

function testCase(test: DraftTest): TestCase {
  return { id: test.name, input: Buffer.from(test.input, 'utf8'), answer: Buffer.from(test.answer, 'utf8') };
}

function checkerSpec(checker: DraftChecker): CheckerSpec {
  switch (checker.type) {
    case 'tokens':
      return { kind: 'tokens', caseSensitive: true };
    case 'case-insensitive':
      return { kind: 'tokens', caseSensitive: false };
    case 'exact':
      return { kind: 'exact', caseSensitive: checker.caseSensitive ?? true };
    case 'float':
      return { kind: 'tokens', caseSensitive: true, float: { absolute: checker.absolute, relative: checker.relative } };
    case 'custom': {
      const entry = sourceFileName(LANGUAGES[checker.language], checker.source);
      return { kind: 'custom', language: checker.language, entry, files: [{ path: entry, content: Buffer.from(checker.source, 'utf8') }], args: [] };
    }
    case 'value': {
      const { type: _type, ...comparison } = checker;
      return { kind: 'value', comparison };
    }
  }
}

// ---------------------------------------------------------------------------
// Package → draft

export interface PackageDraft {
  draft: ChallengeDraft;
  /** What the draft cannot hold, said to the author (statement images). */
  warnings: string[];
}

/**
 * A loaded package as a draft: `solutionSources` are the solutions' texts by
 * their manifest path. Refuses (package_invalid) what a draft cannot hold
 * faithfully — test data or sources that are not UTF-8 text, a custom checker
 * of several files or with arguments, a group with its own checker, an
 * interactive challenge and its sample transcripts — rather than publishing
 * something else later; those challenges are edited as packages.
 */
export function packageToDraft(challenge: PackageContent, solutionSources: Record<string, Buffer>): PackageDraft {
  const warnings: string[] = [];
  if (challenge.statementFiles.length > 0) {
    warnings.push(`The statement files (${challenge.statementFiles.map((f) => f.path).join(', ')}) are not part of a draft: its statements show their alternative text instead`);
  }
  const groups = challenge.groups.map((group) => {
    if (group.checker) refuse(`Group ${group.id} has a checker of its own`);
    return { id: group.id, points: group.points, tests: group.tests.map((test) => draftTest(test, group)) };
  });
  const draft: ChallengeDraft = {
    title: { ...challenge.title },
    statements: { ...challenge.statements },
    languages: [...challenge.languages],
    // A signature's starters are generated from it: the draft keeps none of its own.
    starters: challenge.signature ? {} : { ...challenge.starters },
    ...(challenge.signature ? { signature: structuredClone(challenge.signature) } : {}),
    limits: { ...challenge.limits },
    ...(challenge.explain ? { explain: structuredClone(challenge.explain) } : {}),
    checker: draftChecker(challenge.checker),
    samples: challenge.samples.map((test) => draftTest(test)),
    groups,
    solutions: challenge.solutions.map((solution) => {
      const source = solutionSources[solution.file];
      if (source === undefined) refuse(`Solution ${solution.file} was not read`);
      const name = solution.file.split('/').at(-1) as string;
      return { name, source: utf8(source, `Solution ${solution.file}`), expect: solution.expect as Exclude<typeof solution.expect, 'system_error'> };
    }),
  };
  return { draft, warnings };
}

function draftTest(test: TestCase, group?: TestGroup): DraftTest {
  if (test.interaction) refuse(`Sample ${test.id} has a transcript (.interaction)`);
  const id = group && test.id.startsWith(`${group.id}/`) ? test.id.slice(group.id.length + 1) : test.id;
  const name = id.split('/').join('--').replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[.-]+/, '') || 'test';
  return { name, input: utf8(test.input, `Test ${test.id}`), answer: utf8(test.answer, `The answer of test ${test.id}`) };
}

function draftChecker(spec: CheckerSpec): DraftChecker {
  if (spec.kind === 'exact') return spec.caseSensitive ? { type: 'exact' } : { type: 'exact', caseSensitive: false };
  if (spec.kind === 'tokens') {
    if (spec.float) {
      if (!spec.caseSensitive) refuse('A float checker that ignores letter case');
      return { type: 'float', absolute: spec.float.absolute, relative: spec.float.relative };
    }
    return spec.caseSensitive ? { type: 'tokens' } : { type: 'case-insensitive' };
  }
  if (spec.kind === 'interactor') refuse('The challenge is interactive (its checker is an interactor)');
  if (spec.kind === 'value') return { type: 'value', ...spec.comparison };
  const [file] = spec.files;
  if (spec.files.length !== 1 || !file || spec.args.length > 0) refuse('The custom checker has several files or arguments');
  return { type: 'custom', language: spec.language, source: utf8(file.content, 'The custom checker') };
}

const decoder = new TextDecoder('utf-8', { fatal: true });
function utf8(data: Buffer, what: string): string {
  try {
    return decoder.decode(data);
  } catch {
    return refuse(`${what} is not UTF-8 text`);
  }
}

function refuse(reason: string): never {
  throw new KodbroError('package_invalid', `${reason}: a draft cannot hold it; edit this challenge as a package and upload it`);
}

/** A new challenge's first draft: one statement to fill in, a sample, a group, every language. */
export function emptyDraft(slug: string): ChallengeDraft {
  return {
    title: { en: slug },
    statements: { en: `# ${slug}\n\nDescribe the task, the input and the output.\n` },
    languages: [],
    starters: {},
    limits: {},
    checker: { type: 'tokens' },
    samples: [],
    groups: [],
    solutions: [],
  };
}
