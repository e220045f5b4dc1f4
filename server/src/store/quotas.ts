import { DEFAULT_SNAPSHOT_POLICY, type SnapshotPolicy } from '../history/index.ts';

/**
 * What one attempt or invite may write, enforced by the store inside the
 * transaction of the write itself, so the limits hold for every process that
 * shares the database (DESIGN: nothing that must be shared lives in one
 * process's memory). Defaults suit a 90-minute assessment; the server's
 * configuration sets them (KODBRO_* variables, README).
 */
export interface StoreQuotas extends SnapshotPolicy {
  /** Draft saves one attempt may make at once (every device and transport together)… */
  draftBurst: number;
  /** …and per minute after that: a token bucket kept on the attempt row. */
  draftSavesPerMinute: number;
  /**
   * Bytes of replay history (draft edits and snapshots, connection changes)
   * one attempt keeps. Past it the draft itself is still saved, one
   * `history_capped` event is written, and nothing more is recorded.
   */
  historyBytesPerAttempt: number;
  /**
   * Bytes of source, custom input and judged result one attempt's runs may
   * store. Sample and custom runs stop at RUNS_SHARE of it, so a candidate who
   * experimented a lot can still hand in submissions.
   */
  runBytesPerAttempt: number;
  /** Live sessions per invite (devices that opened it); opening one more ends the oldest. */
  sessionsPerInvite: number;
  /** Invites one assessment may hold, revoked ones included: lists and the printable sheet read them all at once. */
  invitesPerAssessment: number;
}

/** The part of the run budget that sample and custom runs may use. */
export const RUNS_SHARE = 0.75;

export const DEFAULT_STORE_QUOTAS: StoreQuotas = {
  draftBurst: 10,
  draftSavesPerMinute: 60,
  historyBytesPerAttempt: 4 * 1024 * 1024,
  runBytesPerAttempt: 32 * 1024 * 1024,
  sessionsPerInvite: 5,
  invitesPerAssessment: 2000,
  ...DEFAULT_SNAPSHOT_POLICY,
};

/** How many stored bytes a text takes (UTF-8, as SQLite and PostgreSQL keep it). */
export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
