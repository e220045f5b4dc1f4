import { ASSESSMENT_SETTING_NAMES } from '../contracts/index.ts';
import type { ResultsVisibility } from './model.ts';

/**
 * Which changes an assessment may take once a candidate has started. The
 * round must stay fair and the candidates' overview must stay true:
 *  - the title and anonymous review may change (neither touches a candidate), the window may close later, and more interface
 *    languages may be offered (nobody loses anything);
 *  - the tasks and their versions, the time limit and the second-language
 *    percentage stay (candidates of one round get the same tasks and the same
 *    time; one candidate's extra time is the invite's own extra minutes),
 *    as does what candidates see of their results (the overview promised it)
 *    and when the window opens;
 *  - the window may not close earlier, and no interface language may be
 *    taken away (a candidate may be reading it).
 * Pure: the store applies it in the transaction that writes the change.
 */

export interface AssessmentSettings {
  title: string;
  challengeVersionIds: readonly string[];
  timeLimitMinutes: number;
  opensAt: Date;
  closesAt: Date;
  resultsVisibility: ResultsVisibility;
  interfaceLanguages: readonly string[];
  secondLanguagePercent: number;
  anonymousReview: boolean;
}

export type SettingName = keyof AssessmentSettings;

/** One recorded change: JSON values (dates as ISO strings). */
export interface SettingChange {
  field: SettingName;
  from: unknown;
  to: unknown;
}

// The contract's list of setting names; typed here, so a name the settings lack does not compile.
const FIELDS: readonly SettingName[] = ASSESSMENT_SETTING_NAMES;

const plain = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : Array.isArray(value) ? [...(value as unknown[])] : value);

/** The fields whose values differ, in a fixed order. */
/** A setting as a recorded JSON value. */
export const settingValue = plain;

export function settingChanges(before: AssessmentSettings, after: AssessmentSettings): SettingChange[] {
  return FIELDS.filter((field) => JSON.stringify(plain(before[field])) !== JSON.stringify(plain(after[field]))).map((field) => ({
    field,
    from: plain(before[field]),
    to: plain(after[field]),
  }));
}

/** The changes refused once an attempt has started (empty: the update is safe). */
export function unsafeWhileRunning(before: AssessmentSettings, changes: readonly SettingChange[]): SettingChange[] {
  return changes.filter((change) => {
    switch (change.field) {
      case 'title':
      case 'anonymousReview':
        return false;
      case 'closesAt':
        return Date.parse(change.to as string) < before.closesAt.getTime();
      case 'interfaceLanguages':
        return !before.interfaceLanguages.every((code) => (change.to as string[]).includes(code));
      default:
        return true;
    }
  });
}
