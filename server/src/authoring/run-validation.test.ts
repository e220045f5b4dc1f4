import { describe, expect, it } from 'vitest';
import type { Verdict } from '../contracts/index.ts';
import { runValidation, type RunValidationDeps, type StoredValidation } from './run-validation.ts';

const document = {
  title: { en: 'Sum' },
  statements: { en: '# Sum\n' },
  languages: ['python'],
  starters: {},
  limits: { timeMs: 2000 },
  checker: { type: 'tokens' },
  samples: [{ name: '1', input: '1 2\n', answer: '3\n' }],
  groups: [{ id: 'all', points: 100, tests: [{ name: '1', input: '2 2\n', answer: '4\n' }] }],
  solutions: [
    { name: 'accepted.py', source: 'print(4)', expect: 'accepted' },
    { name: 'wrong.py', source: 'print(5)', expect: 'wrong_answer' },
  ],
};
const work = { slug: 'sum', revision: 3, document, startedAt: '2026-01-05T09:00:00.000Z' };
const NOW = new Date('2026-01-05T09:00:10.000Z');

type Check = NonNullable<Awaited<ReturnType<RunValidationDeps['check']>>>;
type Challenge = Parameters<RunValidationDeps['check']>[0];

/** Parts that build a package of the document's solutions and answer each solution's check from `checks`, in order. */
function parts(checks: ((signal: AbortSignal) => Check | Promise<Check>)[], options: { lintErrors?: string[]; buildFails?: boolean } = {}) {
  const saved: StoredValidation[] = [];
  const disposed: boolean[] = [];
  const checked: string[] = [];
  const deps: RunValidationDeps = {
    buildDraft: async () => {
      if (options.buildFails) throw new Error('statement en is missing');
      const solutions = document.solutions.map((s) => ({ file: `solutions/${s.name}`, expect: s.expect }));
      return { challenge: { solutions } as unknown as Challenge, root: '/nowhere', dispose: async () => void disposed.push(true) };
    },
    lint: () => ({ errors: options.lintErrors ?? [], warnings: ['a warning'] }),
    check: async (challenge, _root, signal) => {
      checked.push(challenge.solutions.map((s) => s.file).join());
      return checks[checked.length - 1]!(signal);
    },
    clock: () => NOW,
    save: async (validation) => void saved.push(structuredClone(validation)),
  };
  return { deps, saved, disposed, checked };
}

const judged = (file: string, expect: Verdict, got: Verdict): Check => ({ file, expect, got, score: got === 'accepted' ? 100 : 0, ok: got === expect });

describe('runValidation', () => {
  it('judges each solution on its own, saves progress after each, and passes when every verdict is the expected one', async () => {
    const { deps, saved, disposed, checked } = parts([() => ({ ...judged('solutions/accepted.py', 'accepted', 'accepted'), samples: 'accepted' }), () => judged('solutions/wrong.py', 'wrong_answer', 'wrong_answer')]);
    const outcome = await runValidation(work, deps, new AbortController().signal);
    expect(checked).toEqual(['solutions/accepted.py', 'solutions/wrong.py']);
    expect(saved.map((v) => v.solutions.map((s) => s.got))).toEqual([
      ['accepted', null],
      ['accepted', 'wrong_answer'],
    ]);
    expect(outcome).toEqual({
      kind: 'finished',
      validation: {
        revision: 3,
        status: 'passed',
        startedAt: work.startedAt,
        finishedAt: NOW.toISOString(),
        warnings: ['a warning'],
        solutions: [
          { name: 'accepted.py', expect: 'accepted', got: 'accepted', score: 100, ok: true, samples: 'accepted' },
          { name: 'wrong.py', expect: 'wrong_answer', got: 'wrong_answer', score: 0, ok: true },
        ],
      },
    });
    expect(disposed).toEqual([true]);
  });

  it('calls a wrong solution that passes a failed validation, the author’s problem, not a system failure', async () => {
    const { deps } = parts([() => judged('solutions/accepted.py', 'accepted', 'accepted'), () => judged('solutions/wrong.py', 'wrong_answer', 'accepted')]);
    const outcome = await runValidation(work, deps, new AbortController().signal);
    expect(outcome).toMatchObject({ kind: 'finished', validation: { status: 'failed', solutions: [{ ok: true }, { got: 'accepted', ok: false }] } });
  });

  it('hands a solution our infrastructure could not judge back to the queue with the record so far', async () => {
    const { deps, disposed } = parts([
      () => judged('solutions/accepted.py', 'accepted', 'accepted'),
      () => ({ ...judged('solutions/wrong.py', 'wrong_answer', 'system_error'), detail: 'Docker does not answer', unjudged: 'infrastructure_failed' }),
    ]);
    const outcome = await runValidation(work, deps, new AbortController().signal);
    expect(outcome).toMatchObject({ kind: 'infrastructure_failed', reason: 'Docker does not answer', validation: { status: 'running', solutions: [{ got: 'accepted' }, { got: null }] } });
    expect(disposed).toEqual([true]);
  });

  it('stops at an abort (shutdown) without judging further or storing a verdict', async () => {
    const controller = new AbortController();
    const { deps, saved, checked } = parts([
      () => {
        controller.abort();
        return { ...judged('solutions/accepted.py', 'accepted', 'system_error'), unjudged: 'aborted' };
      },
      () => judged('solutions/wrong.py', 'wrong_answer', 'wrong_answer'),
    ]);
    expect(await runValidation(work, deps, controller.signal)).toEqual({ kind: 'aborted', reason: 'the server is stopping' });
    expect(checked).toHaveLength(1);
    expect(saved).toEqual([]);
  });

  it('finishes with the draft’s own problems in words: no package (error), a package lint refuses (failed)', async () => {
    const unbuilt = await runValidation(work, parts([], { buildFails: true }).deps, new AbortController().signal);
    expect(unbuilt).toMatchObject({ kind: 'finished', validation: { status: 'error', error: 'The draft does not make a package: statement en is missing' } });
    const refused = await runValidation(work, parts([], { lintErrors: ['no tests'] }).deps, new AbortController().signal);
    expect(refused).toMatchObject({ kind: 'finished', validation: { status: 'failed', error: 'The package cannot be used: no tests', warnings: ['a warning'] } });
    const invalid = await runValidation({ ...work, document: { title: 'not a draft' } }, parts([]).deps, new AbortController().signal);
    expect(invalid).toMatchObject({ kind: 'finished', validation: { status: 'error', solutions: [] } });
  });
});
