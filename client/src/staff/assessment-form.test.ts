import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/http.ts';
import { fromLocalInput, runningRefusal, toLocalInput } from './assessment-form.ts';

describe('assessment form helpers', () => {
  it('turns an ISO time into a datetime-local value and back, to the minute', () => {
    const iso = new Date(2026, 2, 9, 8, 5, 42).toISOString();
    expect(toLocalInput(iso)).toBe('2026-03-09T08:05');
    expect(fromLocalInput('2026-03-09T08:05')).toBe(new Date(2026, 2, 9, 8, 5).toISOString());
  });

  it('reads the fields of a running refusal only', () => {
    expect(runningRefusal(new ApiError('assessment_running', 'x', 409, { fields: ['timeLimitMinutes', 'closesAt'] }))).toEqual(['timeLimitMinutes', 'closesAt']);
    expect(runningRefusal(new ApiError('assessment_running', 'x', 409, { fields: ['made_up'] }))).toEqual([]);
    expect(runningRefusal(new ApiError('assessment_running', 'x', 409))).toEqual([]);
    expect(runningRefusal(new ApiError('conflict', 'x', 409, { fields: ['title'] }))).toBeUndefined();
  });
});
