/**
 * How long one candidate may work: the assessment's time limit, plus a share
 * of it for a candidate who cannot read every task in their first language,
 * plus the invite's own extra minutes. Pure, so the store (the deadline at
 * start) and the candidate's overview (the time shown before Start) agree.
 */

export interface TimeSettings {
  timeLimitMinutes: number;
  /** Extra time, in percent of the limit, for a second-language candidate; 0 turns it off. */
  secondLanguagePercent: number;
}

export interface CandidateTime {
  /** The candidate's first (preferred) language, a locale code; null when nobody said. */
  firstLanguage: string | null;
  /** Extra minutes granted to this invite alone. */
  extraMinutes: number;
}

/**
 * Whole minutes, rounded up (a candidate never loses a part-minute). The
 * percentage applies when the first language is known and at least one task
 * has no statement in it: that candidate reads at least one task in a second
 * language. A candidate whose first language is unknown gets no percentage
 * (the invite can say so, or carry extra minutes).
 */
export function timeAllowedMinutes(settings: TimeSettings, candidate: CandidateTime, statementLanguagesPerTask: readonly (readonly string[])[]): number {
  const extraMinutes = Math.max(0, candidate.extraMinutes);
  const readsSecondLanguage =
    candidate.firstLanguage !== null && statementLanguagesPerTask.some((languages) => !languages.some((code) => sameLanguage(code, candidate.firstLanguage!)));
  const percent = readsSecondLanguage ? Math.max(0, settings.secondLanguagePercent) : 0;
  return Math.ceil((settings.timeLimitMinutes * (100 + percent)) / 100) + extraMinutes;
}

/** `sv` and `sv-SE` are the same language here; case does not matter. */
function sameLanguage(a: string, b: string): boolean {
  const base = (code: string) => code.toLowerCase().split(/[-_]/)[0];
  return base(a) === base(b);
}

/**
 * The statement languages of a stored version, from its listing JSON:
 * `statementLanguages` when the version has it, else the locales of its
 * titles (versions published before the field existed carry a title per
 * statement language).
 */
export function statementLanguagesOf(meta: unknown): string[] {
  if (typeof meta !== 'object' || meta === null) return [];
  const { statementLanguages, title } = meta as { statementLanguages?: unknown; title?: unknown };
  if (Array.isArray(statementLanguages)) return statementLanguages.filter((code): code is string => typeof code === 'string');
  if (typeof title === 'object' && title !== null) return Object.keys(title);
  return [];
}
