import type { DashboardView } from '../contracts/index.ts';
import { toCsv, type CsvCell } from './csv.ts';

/**
 * The dashboard as a spreadsheet: one line per row, the same names (or
 * aliases) the dashboard shows, a column per task with its maximum in the
 * heading. Times as ISO strings, time used in whole minutes.
 */
export function dashboardCsv(view: DashboardView): string {
  const header = [
    'Candidate number',
    'Name',
    'Contact',
    'Status',
    ...view.challenges.map((c) => `${c.title} (of ${c.max})`),
    'Total',
    'Maximum',
    'Minutes used',
    'Minutes allowed',
    'Extra minutes',
    'Languages',
    'Started',
    'Finished',
    'Rating',
    'Shortlisted',
    'Note',
    'Revealed by',
    'Revealed at',
  ];
  const rows = view.rows.map((row): CsvCell[] => [
    row.candidateNumber,
    row.candidateName,
    row.contact,
    row.status,
    ...row.scores.map((s) => s.score),
    row.total,
    row.maxTotal,
    row.secondsUsed === null ? null : Math.round(row.secondsUsed / 60),
    row.minutesAllowed,
    row.extraMinutes,
    row.languages.join(' '),
    row.startedAt,
    row.finishedAt,
    row.review.rating,
    row.review.shortlisted,
    row.review.note,
    row.revealedBy,
    row.revealedAt,
  ]);
  return toCsv(header, rows);
}
