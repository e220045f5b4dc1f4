import { describe, expect, it } from 'vitest';
import { idSchema } from '../contracts/index.ts';
import { draftToSubmit, timeUpSubmissionId, type DraftCandidate } from './time-up.ts';

const draft = (language: DraftCandidate['language'], source: string, updatedAt: number): DraftCandidate => ({ language, source, updatedAt });

describe('draftToSubmit', () => {
  it('takes the most recently saved draft of the task, whatever its language', () => {
    const drafts = [draft('python', 'print(1)', 1000), draft('cpp', 'int main(){}', 3000), draft('java', 'class Main {}', 2000)];
    expect(draftToSubmit(drafts, undefined, undefined)).toEqual(drafts[1]);
  });

  it('submits nothing when the newest draft is the last submission', () => {
    const drafts = [draft('python', 'print(1)', 1000), draft('cpp', 'int main(){}', 3000)];
    expect(draftToSubmit(drafts, { language: 'cpp', source: 'int main(){}' }, undefined)).toBeUndefined();
  });

  it('submits the newest draft when it differs from the last submission in source or in language only', () => {
    expect(draftToSubmit([draft('python', 'print(2)', 5)], { language: 'python', source: 'print(1)' }, undefined)?.source).toBe('print(2)');
    // The same text judged as another language is another program.
    expect(draftToSubmit([draft('javascript', 'x', 5)], { language: 'python', source: 'x' }, undefined)?.language).toBe('javascript');
  });

  it('does not fall back to an older draft when the newest equals the last submission', () => {
    const drafts = [draft('python', 'older, never submitted', 1000), draft('cpp', 'submitted', 2000)];
    expect(draftToSubmit(drafts, { language: 'cpp', source: 'submitted' }, undefined)).toBeUndefined();
  });

  it('skips drafts in languages the task does not allow, and blank drafts', () => {
    const drafts = [draft('python', 'print(1)', 1000), draft('go', 'package main', 2000)];
    expect(draftToSubmit(drafts, undefined, ['python', 'cpp'])?.language).toBe('python');
    expect(draftToSubmit([draft('python', ' \n\t', 1000)], undefined, undefined)).toBeUndefined();
    expect(draftToSubmit([], undefined, undefined)).toBeUndefined();
  });

  it('breaks a tie in time the same way every time', () => {
    const a = [draft('python', 'p', 1000), draft('cpp', 'c', 1000)];
    expect(draftToSubmit(a, undefined, undefined)?.language).toBe('cpp');
    expect(draftToSubmit([...a].reverse(), undefined, undefined)?.language).toBe('cpp');
  });
});

describe('timeUpSubmissionId', () => {
  const attempt = '0a5f4178-2d61-4162-a7fb-b5d992237121';
  const task = '6f1c3f7e-5d5b-4a55-9d3e-0d6a7f1a2b3c';

  it('is the same for the same attempt and task, and a UUID the API accepts', () => {
    const id = timeUpSubmissionId(attempt, task);
    expect(timeUpSubmissionId(attempt, task)).toBe(id);
    expect(idSchema.safeParse(id).success).toBe(true);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('differs between tasks, attempts and tries', () => {
    const ids = new Set([
      timeUpSubmissionId(attempt, task),
      timeUpSubmissionId(attempt, attempt),
      timeUpSubmissionId(task, task),
      timeUpSubmissionId(attempt, task, 1),
    ]);
    expect(ids.size).toBe(4);
  });
});
