import { describe, expect, it } from 'vitest';
import { settingChanges, unsafeWhileRunning, type AssessmentSettings } from './running-changes.ts';

const before: AssessmentSettings = {
  title: 'Backend, March',
  challengeVersionIds: ['v1', 'v2'],
  timeLimitMinutes: 60,
  opensAt: new Date('2026-03-01T08:00:00Z'),
  closesAt: new Date('2026-03-08T20:00:00Z'),
  resultsVisibility: 'aggregate',
  interfaceLanguages: ['en', 'sv'],
  secondLanguagePercent: 25,
  anonymousReview: false,
};

const unsafe = (after: Partial<AssessmentSettings>) => unsafeWhileRunning(before, settingChanges(before, { ...before, ...after })).map((c) => c.field);

describe('settingChanges', () => {
  it('lists only what differs, with JSON values', () => {
    expect(settingChanges(before, { ...before })).toEqual([]);
    expect(settingChanges(before, { ...before, title: 'X', closesAt: new Date('2026-03-09T20:00:00Z') })).toEqual([
      { field: 'title', from: 'Backend, March', to: 'X' },
      { field: 'closesAt', from: '2026-03-08T20:00:00.000Z', to: '2026-03-09T20:00:00.000Z' },
    ]);
    expect(settingChanges(before, { ...before, challengeVersionIds: ['v2', 'v1'] }).map((c) => c.field)).toEqual(['challengeVersionIds']);
  });
});

describe('unsafeWhileRunning', () => {
  it('allows a new title, a later close and more interface languages', () => {
    expect(unsafe({ title: 'Renamed', closesAt: new Date('2026-04-01T00:00:00Z'), interfaceLanguages: ['en', 'sv', 'ar'] })).toEqual([]);
  });

  it('allows anonymous review to be turned on or off (it changes nothing a candidate sees)', () => {
    expect(unsafe({ anonymousReview: true })).toEqual([]);
  });

  it('refuses an earlier close and a removed interface language', () => {
    expect(unsafe({ closesAt: new Date('2026-03-05T00:00:00Z') })).toEqual(['closesAt']);
    expect(unsafe({ interfaceLanguages: ['en'] })).toEqual(['interfaceLanguages']);
  });

  it('refuses other tasks or versions, another time limit, percentage, visibility or opening', () => {
    expect(unsafe({ challengeVersionIds: ['v1'] })).toEqual(['challengeVersionIds']);
    expect(unsafe({ challengeVersionIds: ['v1', 'v3'] })).toEqual(['challengeVersionIds']);
    expect(unsafe({ timeLimitMinutes: 90 })).toEqual(['timeLimitMinutes']);
    expect(unsafe({ secondLanguagePercent: 50 })).toEqual(['secondLanguagePercent']);
    expect(unsafe({ resultsVisibility: 'samples' })).toEqual(['resultsVisibility']);
    expect(unsafe({ opensAt: new Date('2026-02-01T00:00:00Z') })).toEqual(['opensAt']);
  });
});
