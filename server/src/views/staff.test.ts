import { describe, expect, it } from 'vitest';
import type { JudgeResult } from '../contracts/index.ts';
import type { Attempt, Submission } from '../store/index.ts';
import { toAttemptSummary } from './staff.ts';

const TASK_A = '0a5f4178-2d61-4162-a7fb-b5d992237121';
const TASK_B = '6f1c3f7e-5d5b-4a55-9d3e-0d6a7f1a2b3c';

const attempt = {
  id: 'a',
  inviteId: 'i',
  startedAt: new Date('2026-11-23T12:00:00Z'),
  deadlineAt: new Date('2026-11-23T13:30:00Z'),
  finishedAt: new Date('2026-11-23T13:30:00Z'),
} as Attempt;

let seq = 0;
function run(task: string, kind: Submission['kind'], score: number | null, extra: Partial<Submission> = {}): Submission {
  const result: JudgeResult | null = score === null ? null : { verdict: score === 100 ? 'accepted' : 'wrong_answer', score, tests: [], groups: [] };
  return {
    id: `s${++seq}`,
    challengeVersionId: task,
    kind,
    origin: 'candidate',
    language: 'python',
    status: score === null ? 'queued' : 'done',
    result,
    ...extra,
  } as Submission;
}

describe('toAttemptSummary: the best submission of each task counts', () => {
  it('sums each task’s best judged score, not its last', () => {
    const submissions = [
      run(TASK_A, 'submit', 100),
      run(TASK_A, 'submit', 20), // a worse try later does not lower the task
      run(TASK_A, 'samples', 100),
      run(TASK_B, 'submit', 0),
      run(TASK_B, 'submit', 50, { origin: 'time_up', language: 'cpp' }), // made when time ran out: counts like any other
      run(TASK_B, 'submit', null), // still queued
      run(TASK_B, 'submit', 90, { status: 'failed' }), // not judged: nothing
    ];
    const summary = toAttemptSummary(attempt, { candidateName: 'Amina' }, submissions, new Date('2026-11-23T14:00:00Z'));
    expect(summary).toMatchObject({ score: 150, submissions: 6, languages: ['python', 'cpp'], status: 'finished' });
  });
});
