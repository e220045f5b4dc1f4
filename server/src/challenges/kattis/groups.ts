import { isDeepStrictEqual } from 'node:util';
import type { CheckerSpec, TestGroup } from '../model.ts';
import { invalid } from './shared.ts';
import { allTests, secretPath, type DataEntry, type DataNode, type Settings, type TestEntry } from './test-data.ts';

/** Test groups: pass-fail tests one by one, scoring folders as all-or-nothing groups with points. */

/** A group before its checker is decided: tests keep their folder's settings. */
export interface PlannedGroup {
  id: string;
  points: number;
  members: TestEntry[];
}

/** Pass-fail: every secret test is its own group of 1 point, as in an ungrouped Kodbro package. */
export function passFailGroups(secret: DataNode): PlannedGroup[] {
  return allTests(secret).map((entry) => ({ id: entry.test.id, points: 1, members: [entry] }));
}

/**
 * Scoring: data/secret sums its children. A child folder that aggregates by
 * min or pass-fail (or names no aggregation) is one all-or-nothing group; a
 * folder that sums becomes one group per test (and per all-or-nothing
 * sub-folder). `defaultMax` is the secret group's score when the format gives
 * it one by default (100 in the 2023-07 draft), to share among unscored children.
 */
export function scoringGroups(secret: DataNode, defaultMax: number | undefined): PlannedGroup[] {
  for (const entry of allTests(secret)) {
    if ((entry.settings.reject_score ?? 0) !== 0) {
      throw invalid(`data/secret/${entry.test.id}: reject_score other than 0 is not supported (a rejected test earns nothing in Kodbro)`);
    }
  }
  const max = explicitScore(secret) ?? defaultMax;
  if (aggregationOf(secret, 'sum') === 'all') {
    const tests = allTests(secret);
    return tests.length ? [{ id: 'secret', points: round(max ?? acceptScore(secret.settings)), members: tests }] : [];
  }
  return sumGroups(secret, max);
}

function sumGroups(node: DataNode, max: number | undefined): PlannedGroup[] {
  const children = node.entries.filter((e) => e.kind === 'test' || allTests(e.node).length > 0);
  const share = shareOf(node, children, max);
  return children.flatMap((child): PlannedGroup[] => {
    if (child.kind === 'test') {
      return [{ id: child.test.id, points: round(share ?? acceptScore(child.settings)), members: [child] }];
    }
    const points = explicitScore(child.node) ?? share;
    if (aggregationOf(child.node, 'all') === 'sum') return sumGroups(child.node, points);
    return [{ id: child.node.rel, points: round(points ?? acceptScore(child.node.settings)), members: allTests(child.node) }];
  });
}

/** 2023-07 score inference: the group's maximum minus the scores given, shared evenly among the rest. */
function shareOf(node: DataNode, children: DataEntry[], max: number | undefined): number | undefined {
  if (max === undefined) return undefined;
  let given = 0;
  let unscored = 0;
  for (const child of children) {
    const score = child.kind === 'group' ? explicitScore(child.node) : undefined;
    if (score === undefined) unscored += 1;
    else given += score;
  }
  if (given > max + 1e-9) throw invalid(`${secretPath(node.rel)}: the scores of its groups (${given}) exceed its own score (${max})`);
  return unscored ? (max - given) / unscored : undefined;
}

function explicitScore(node: DataNode): number | undefined {
  const score = node.scoring?.score;
  if (score === 'unbounded') throw invalid(`${secretPath(node.rel)}: unbounded scores are not supported`);
  if (score !== undefined && score < 0) throw invalid(`${secretPath(node.rel)}: a score cannot be negative`);
  return score;
}

function acceptScore(settings: Settings): number {
  const score = settings.accept_score ?? 1;
  if (score < 0) throw invalid('accept_score cannot be negative');
  return score;
}

/**
 * 'all': the folder earns its points only when every test passes (2023-07
 * `min` / `pass-fail`, legacy `grader_flags: min`); 'sum': every test counts
 * on its own. Legacy flags are inherited; the last score mode given wins.
 */
function aggregationOf(node: DataNode, fallback: 'all' | 'sum'): 'all' | 'sum' {
  const where = secretPath(node.rel);
  if (node.settings.grading === 'custom') throw invalid(`${where}: custom graders (grading: custom) are not supported`);
  const aggregation = node.scoring?.aggregation;
  if (aggregation) return aggregation === 'sum' ? 'sum' : 'all';
  const mode = (node.settings.grader_flags ?? []).filter((flag) => ['sum', 'min', 'avg', 'max'].includes(flag)).at(-1);
  if (mode === 'avg' || mode === 'max') throw invalid(`${where}: grader_flags ${mode} is not supported (only min and sum)`);
  if (mode === 'min') return 'all';
  if (mode === 'sum') return 'sum';
  return fallback;
}

/** Gives a planned group its tests and, when its validator flags differ from the root's, its own checker. */
export function finishGroup(
  group: PlannedGroup,
  problemFlags: string[],
  rootFlags: string[],
  rootChecker: CheckerSpec,
  checkerFor: (flags: string[]) => CheckerSpec,
): TestGroup {
  const flagSets = group.members.map((m) => [...problemFlags, ...validatorFlagsOf(m.settings)]);
  const flags = flagSets[0] ?? rootFlags;
  if (flagSets.some((f) => !isDeepStrictEqual(f, flags))) {
    throw invalid(`data/secret/${group.id}: its tests pass different output validator flags, but Kodbro compares a group's tests one way`);
  }
  const result: TestGroup = { id: group.id, points: group.points, tests: group.members.map((m) => m.test) };
  if (!isDeepStrictEqual(flags, rootFlags)) {
    const checker = checkerFor(flags);
    if (!isDeepStrictEqual(checker, rootChecker)) result.checker = checker;
  }
  return result;
}

export function validatorFlagsOf(settings: Settings): string[] {
  return [...(settings.output_validator_flags ?? []), ...(settings.output_validator_args ?? [])];
}

function round(points: number): number {
  return Math.round(points * 1e6) / 1e6;
}
