/**
 * The candidate report's parts (issue 13): per-challenge sections with the
 * final code and hidden tests, and the replay of how the code was written.
 * The page that loads an attempt (AttemptView) puts them together.
 */
export { ChallengeReport } from './ChallengeReport.tsx';
export { Replay } from './Replay.tsx';
export { default as reportEn } from './strings.ts';
export { default as reportSv } from './strings.sv.ts';
