import { defineConfig } from 'vitest/config';

/**
 * Vitest runs a group (sequence.groupOrder) after the one before, and within
 * it as many files at once as its maxWorkers; unset, that is one fewer than
 * the machine's cores, so one on the 2-core machine CI runs on.
 *
 * unit: pure modules beside their code, no Docker.
 * client: the browser client's pure modules (drafts, Markdown), no browser.
 * store: the shared store suite on real SQLite files in temp folders and on a
 *         throw-away PostgreSQL cluster (Debian's), no Docker.
 * docker: cross-process tests against real runner images (CLI, languages, packages).
 * server: a real listening Kodbro server (HTTP, socket.io, SQLite, Docker),
 *         and headless Chromium against it (tests/browser).
 * server-pg: tests/server again, each server on a fresh database of one
 *         PostgreSQL cluster for the run (tests/support/postgres-setup.ts);
 *         beside `server`, which stays on SQLite. The two share two workers:
 *         each file runs its own server, and most of its time waits on the
 *         server, Docker or a timer: one file at a time the group took 32
 *         minutes of CI, with the 2-core machine 30 % busy in its longest
 *         files; two at a time, 17 minutes at 82 % (docs/benchmarks.md).
 * cluster: grown mode with real parts — PostgreSQL, two web and two worker
 *         processes, a second Docker daemon (tests/cluster); runs last, alone.
 * redteam: the attack catalogue, after the others, two files at a time: each
 *          checks that no container of its own process is left
 *          (tests/support/sandbox.ts), so a neighbour's boxes do not count.
 */
/** Files each group runs at once: two keep the 2-core CI machine busy where one left it idle (above). */
const FILES_AT_ONCE = 2;

export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['server/src/**/*.test.ts'],
          testTimeout: 20_000,
          maxWorkers: FILES_AT_ONCE,
        },
      },
      {
        test: {
          name: 'client',
          include: ['client/src/**/*.test.{ts,tsx}'],
          maxWorkers: FILES_AT_ONCE,
        },
      },
      {
        test: {
          name: 'store',
          include: ['tests/store/**/*.test.ts'],
          testTimeout: 60_000,
          maxWorkers: FILES_AT_ONCE,
        },
      },
      {
        test: {
          name: 'docker',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/redteam/**', 'tests/store/**', 'tests/server/**', 'tests/browser/**', 'tests/cluster/**'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          maxWorkers: FILES_AT_ONCE,
          // For the tests a file marks concurrent (tests/cli/challenges.test.ts), at most two at once.
          maxConcurrency: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'server',
          include: ['tests/server/**/*.test.ts', 'tests/browser/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          maxWorkers: FILES_AT_ONCE,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: 'server-pg',
          include: ['tests/server/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts', 'tests/support/postgres-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          maxWorkers: FILES_AT_ONCE,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: 'cluster',
          include: ['tests/cluster/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 900_000,
          hookTimeout: 900_000,
          fileParallelism: false,
          // Last, alone: four Kodbro processes and a second Docker daemon would crowd the timing-sensitive suites.
          sequence: { groupOrder: 4 },
        },
      },
      {
        test: {
          name: 'redteam',
          include: ['tests/redteam/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
          maxWorkers: FILES_AT_ONCE,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
