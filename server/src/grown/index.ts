/**
 * Grown mode (docs/scaling.md): what lets web and worker processes on several
 * machines share one PostgreSQL — job wake-ups, socket events between
 * processes — and, for the local demonstration and the tests, a PostgreSQL
 * cluster of Kodbro's own.
 */
export { startLocalPostgres, type LocalPostgres } from './local-postgres.ts';
export { jobSignals } from './signals.ts';
export { postgresSocketAdapter } from './socket-adapter.ts';
export { startCluster, type ClusterProcess, type RunningCluster } from './cluster.ts';
