/**
 * The replay history of a candidate's drafts, as compact data: one replaced
 * span per save against the previous revision, with a whole-text snapshot
 * every few minutes or edits; and the replay that rebuilds every revision
 * exactly. Pure functions, no I/O.
 */
export { historyEntry, DEFAULT_SNAPSHOT_POLICY, type SnapshotPolicy } from './record.ts';
export { replayDrafts } from './replay.ts';
