import type { JudgeLimits } from '../config/index.ts';
import { LANGUAGES, languageForFile } from '../languages/index.ts';
import { imageContentType, STATEMENT_CAPS } from '../statements/index.ts';
import { resolveLimits } from './limits.ts';
import { isInteractive, type StoredChallenge as Challenge } from './model.ts';

export interface LintReport {
  errors: string[];
  warnings: string[];
}

/** What can be said of a loaded package without running anything. */
/** Reads no test data, so a parsed package whose tests are in files lints too. */
export function lintChallenge(challenge: Challenge, caps: JudgeLimits): LintReport {
  const errors: string[] = [];
  const warnings: string[] = [];

  const testCount = challenge.groups.reduce((n, g) => n + g.tests.length, 0);
  if (testCount > caps.maxTests) errors.push(`${testCount} hidden tests exceed the server's cap of ${caps.maxTests}`);
  if (challenge.samples.length === 0) warnings.push('no sample tests: candidates see no example');
  const interactive = isInteractive(challenge);
  for (const sample of challenge.samples) {
    // Candidates of an interactive challenge are shown the exchange: the input and answer are the interactor's.
    if (interactive && !sample.interaction) warnings.push(`sample ${sample.id} has no transcript (.interaction): candidates see no example exchange for it`);
    if (!interactive && sample.interaction) errors.push(`sample ${sample.id} has a transcript (.interaction), but the challenge is not interactive`);
  }
  if (interactive) {
    for (const group of challenge.groups) {
      if (group.checker) errors.push(`group ${group.id} has a checker of its own, but an interactive challenge runs its interactor on every test`);
    }
  }

  for (const clamped of resolveLimits(challenge.limits, { timeFactor: 1 }, caps).clamped) warnings.push(`limits: ${clamped}; clamped`);

  for (const locale of Object.keys(challenge.statements)) {
    if (!challenge.title[locale]) warnings.push(`statement.${locale}.md has no title for ${locale}`);
  }
  for (const locale of Object.keys(challenge.title)) {
    if (!challenge.statements[locale]) warnings.push(`title for ${locale} has no statement.${locale}.md`);
  }

  for (const issue of challenge.statementIssues) (issue.severity === 'error' ? errors : warnings).push(`statement ${issue.locale}: ${issue.message}`);
  for (const file of challenge.statementFiles) {
    // Candidates on mobile data load every image of the statement.
    if (imageContentType(file.path) && file.content.length > STATEMENT_CAPS.maxImageBytes) {
      errors.push(`statement-files/${file.path} is ${megabytes(file.content.length)}; a statement image may be at most ${megabytes(STATEMENT_CAPS.maxImageBytes)}`);
    }
  }

  for (const id of challenge.languages) {
    if (!challenge.starters[id]) warnings.push(`no starter code for ${LANGUAGES[id].name}`);
  }
  for (const id of Object.keys(challenge.starters)) {
    if (!challenge.languages.includes(id as never)) warnings.push(`starter code for ${id}, which the package does not allow`);
  }

  for (const solution of challenge.solutions) {
    const language = languageForFile(solution.file);
    if (!language) errors.push(`${solution.file}: no language uses this extension`);
    else if (!challenge.languages.includes(language.id)) errors.push(`${solution.file}: ${language.name} is not among the package's languages`);
  }
  if (!challenge.solutions.some((s) => s.expect === 'accepted')) {
    warnings.push('no solution expects accepted: nothing shows the tests can be passed');
  }
  if (challenge.groups.every((g) => g.points === 0)) warnings.push('every group is worth 0 points');
  return { errors, warnings };
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
