import path from 'node:path';
import { z } from 'zod';
import { readPackageFile, type ReadBudget } from '../files.ts';
import type { Challenge } from '../model.ts';
import { exists, flagList, invalid, parseYamlFile, zodFailure } from './shared.ts';

/** problem.yaml: the problem's type, validation mode, validator flags, names and limits. */

export const PROBLEM_FILE = 'problem.yaml';
const TIMELIMIT_FILE = '.timelimit';

const PROBLEM_TYPES = ['pass-fail', 'scoring', 'interactive', 'multi-pass', 'submit-answer'] as const;
const problemTypes = z.union([z.enum(PROBLEM_TYPES).transform((t) => [t]), z.array(z.enum(PROBLEM_TYPES)).min(1)]);

/** Only the keys Kodbro uses; the Kattis format has many more, and they are ignored. */
const problemSchema = z.object({
  problem_format_version: z.union([z.string(), z.number()]).transform(String).optional(),
  name: z.union([z.string().min(1).max(200), z.record(z.string(), z.string().min(1).max(200))]).optional(),
  type: problemTypes.optional(),
  problem_type: problemTypes.optional(),
  validation: z.string().optional(),
  validator_flags: flagList.optional(),
  limits: z
    .object({
      time_limit: z.number().positive().max(1e6).optional(),
      memory: z.number().positive().max(1e9).optional(),
      output: z.number().positive().max(1e9).optional(),
    })
    .optional(),
});
export type ProblemYaml = z.output<typeof problemSchema>;

export function parseProblemYaml(bytes: Buffer): ProblemYaml {
  const raw = parseYamlFile(bytes, PROBLEM_FILE) ?? {};
  const parsed = problemSchema.safeParse(raw);
  if (!parsed.success) throw zodFailure(PROBLEM_FILE, parsed.error);
  return parsed.data;
}

export interface ProblemKind {
  scoring: boolean;
  /** The output validator is the package's own program, not the default one. */
  customValidation: boolean;
  /**
   * The output validator is an interactor, and what in problem.yaml says so
   * (`type interactive`, `validation custom interactive`), for messages.
   */
  interactive: string | undefined;
  /** `validator_flags` of problem.yaml (legacy), passed before every folder's flags. */
  problemFlags: string[];
  /** The 2023-07 draft (or later) rather than the legacy format. */
  draft2023: boolean;
}

export function problemKind(problem: ProblemYaml): ProblemKind {
  const types = problem.type ?? problem.problem_type ?? ['pass-fail'];
  if (types.includes('multi-pass')) throw invalid(`${PROBLEM_FILE}: type multi-pass: multi-pass problems are not supported`);
  if (types.includes('submit-answer')) throw invalid(`${PROBLEM_FILE}: type submit-answer: submit-answer problems are not supported`);
  if (types.includes('scoring') && types.includes('pass-fail')) throw invalid(`${PROBLEM_FILE}: type cannot be both pass-fail and scoring`);
  const validation = parseValidation(problem.validation);
  const interactive = types.includes('interactive') ? 'type interactive' : validation.interactive ? `validation ${validation.text}` : undefined;
  if (interactive && validation.text !== undefined && !validation.custom) {
    throw invalid(`${PROBLEM_FILE}: ${interactive} needs a custom output validator, but validation is ${validation.text}`);
  }
  const version = problem.problem_format_version;
  return {
    scoring: types.includes('scoring'),
    customValidation: validation.custom || interactive !== undefined,
    interactive,
    problemFlags: problem.validator_flags ?? [],
    draft2023: version !== undefined && !version.startsWith('legacy'),
  };
}

/** Legacy `validation`: `default`, or `custom` followed by `interactive` and/or `score`. */
function parseValidation(validation: string | undefined): { custom: boolean; interactive: boolean; text: string | undefined } {
  if (validation === undefined) return { custom: false, interactive: false, text: undefined };
  const text = validation.trim().split(/\s+/).join(' ');
  const [mode, ...modifiers] = text.split(' ');
  if (mode !== 'default' && mode !== 'custom') {
    throw invalid(`${PROBLEM_FILE}: validation must start with default or custom, not ${JSON.stringify(validation)}`);
  }
  // Scores from a validator would need a scoring model Kodbro does not have, interactive or not.
  if (modifiers.includes('score')) throw invalid(`${PROBLEM_FILE}: validation ${text}: validators that award scores are not supported`);
  if (modifiers.some((m) => m !== 'interactive') || new Set(modifiers).size !== modifiers.length) throw invalid(`${PROBLEM_FILE}: unknown validation ${JSON.stringify(validation)}`);
  if (mode === 'default' && modifiers.length) throw invalid(`${PROBLEM_FILE}: validation ${text}: interactive needs custom validation (validation: custom interactive)`);
  return { custom: mode === 'custom', interactive: modifiers.length > 0, text };
}

/**
 * The format's own defaults (the same in the legacy and the 2023-07 format)
 * for a package that names no memory or output limit: a problem written for
 * them is judged by them, here as on Kattis. A number above the server's caps
 * is clamped there, and `validate` says so. The time limit has no fixed
 * default (the format derives it from the accepted submissions' times); a
 * package without one gets the server's default.
 */
export const KATTIS_DEFAULT_LIMITS = { memoryMb: 2048, outputKb: 8 * 1024 } as const;

export async function readLimits(root: string, problem: ProblemYaml, budget: ReadBudget): Promise<Challenge['limits']> {
  const limits: Challenge['limits'] = {};
  const seconds = problem.limits?.time_limit ?? (await readTimelimitFile(root, budget));
  if (seconds !== undefined) limits.timeMs = Math.max(1, Math.round(seconds * 1000));
  limits.memoryMb = problem.limits?.memory !== undefined ? Math.max(1, Math.round(problem.limits.memory)) : KATTIS_DEFAULT_LIMITS.memoryMb;
  limits.outputKb = problem.limits?.output !== undefined ? Math.max(1, Math.round(problem.limits.output * 1024)) : KATTIS_DEFAULT_LIMITS.outputKb;
  return limits;
}

/** Legacy packages have no time limit in problem.yaml; tools write it to `.timelimit` in seconds. */
async function readTimelimitFile(root: string, budget: ReadBudget): Promise<number | undefined> {
  const file = path.join(root, TIMELIMIT_FILE);
  if (!(await exists(file))) return undefined;
  const text = (await readPackageFile(file, budget, root)).toString('utf8').trim();
  const seconds = Number(text);
  if (!/^\d+(?:\.\d+)?$/.test(text) || !(seconds > 0) || seconds > 1e6) {
    throw invalid(`${TIMELIMIT_FILE} must hold a positive number of seconds, not ${JSON.stringify(text.slice(0, 40))}`);
  }
  return seconds;
}
