/**
 * The recruiter's review of an assessment: the dashboard's rows (pure), its
 * CSV export, and anonymous review — the one function (`shownInvite`) every
 * staff view of a candidate's name passes through, with the reads that give it its masks.
 */
export { buildDashboard, dashboardRow } from './dashboard.ts';
export { dashboardCsv } from './dashboard-csv.ts';
export { shownInvite } from './anonymity.ts';
export { loadMask, loadMasks, masksOf, staffInvite } from './masks.ts';
