import { describe, expect, it } from 'vitest';
import { classifyConnection } from './connection.ts';
import { finishWarnings } from './finish.ts';

describe('finishWarnings', () => {
  it('warns about tasks never submitted and tasks whose code changed since the last submission', () => {
    const warnings = finishWarnings([
      { challengeVersionId: 'a', title: 'A', current: { language: 'python', source: 'print(1)' } },
      { challengeVersionId: 'b', title: 'B', current: { language: 'python', source: 'v2' }, lastSubmit: { language: 'python', source: 'v1' } },
      { challengeVersionId: 'c', title: 'C', current: { language: 'go', source: 'same' }, lastSubmit: { language: 'python', source: 'same' } },
      { challengeVersionId: 'd', title: 'D', current: { language: 'python', source: 'done' }, lastSubmit: { language: 'python', source: 'done' } },
      { challengeVersionId: 'e', title: 'E' },
    ]);
    expect(warnings).toEqual([
      { challengeVersionId: 'a', title: 'A', reason: 'none', submit: { language: 'python', source: 'print(1)' } },
      { challengeVersionId: 'b', title: 'B', reason: 'changed', submit: { language: 'python', source: 'v2' } },
      { challengeVersionId: 'c', title: 'C', reason: 'changed', submit: { language: 'go', source: 'same' } },
      { challengeVersionId: 'e', title: 'E', reason: 'none' },
    ]);
  });

  it('does not guess about code submitted from another device', () => {
    expect(finishWarnings([{ challengeVersionId: 'a', title: 'A', current: { language: 'python', source: 'x' }, lastSubmit: { language: 'python' } }])).toEqual([]);
  });
});

describe('classifyConnection', () => {
  it('says offline without an HTTP answer, slow for a slow round trip, good otherwise', () => {
    expect(classifyConnection(null)).toBe('offline');
    expect(classifyConnection(120)).toBe('good');
    expect(classifyConnection(800)).toBe('good');
    expect(classifyConnection(801)).toBe('slow');
    expect(classifyConnection(1500)).toBe('slow');
  });
});
