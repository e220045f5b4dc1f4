import { describe, expect, it } from 'vitest';
import { configFromEnv, DEFAULT_DEMO_PASSWORD, isLoopbackAddress } from './server.ts';

describe('configFromEnv', () => {
  it('works on one machine with nothing set', () => {
    const config = configFromEnv({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.workers).toBeGreaterThan(0);
    expect(config.secureCookies).toBe(false);
    expect(config.dataDir.endsWith('/data')).toBe(true);
    expect(config.quotas).toEqual({ draftBurst: 10, draftSavesPerMinute: 60, historyBytesPerAttempt: 4 * 1024 * 1024, runBytesPerAttempt: 32 * 1024 * 1024, sessionsPerInvite: 5, invitesPerAssessment: 2000 });
    expect(config.progressTickMs).toBe(1000);
  });

  it('reads the per-attempt quotas and refuses a progress tick under a second', () => {
    const config = configFromEnv({ KODBRO_HISTORY_KB_PER_ATTEMPT: '1024', KODBRO_RUN_STORAGE_KB_PER_ATTEMPT: '2048', KODBRO_SESSIONS_PER_INVITE: '2', KODBRO_DRAFT_SAVE_BURST: '3', KODBRO_DRAFT_SAVES_PER_MINUTE: '30', KODBRO_INVITES_PER_ASSESSMENT: '40' });
    expect(config.quotas).toEqual({ draftBurst: 3, draftSavesPerMinute: 30, historyBytesPerAttempt: 1024 * 1024, runBytesPerAttempt: 2048 * 1024, sessionsPerInvite: 2, invitesPerAssessment: 40 });
    expect(() => configFromEnv({ KODBRO_PROGRESS_TICK_MS: '200' })).toThrow(/KODBRO_PROGRESS_TICK_MS/);
  });

  it('bounds package work and storage by default, and takes other bounds from the environment', () => {
    const MB = 1024 * 1024;
    expect(configFromEnv({}).packages).toEqual({ uploadBytes: 64 * MB, orgStorageBytes: 2048 * MB, cacheBytes: 256 * MB, cacheEntries: 200, jobs: 2, jobTimeoutMs: 300_000 });
    const set = configFromEnv({ KODBRO_UPLOAD_MB: '8', KODBRO_ORG_STORAGE_MB: '100', KODBRO_PACKAGE_CACHE_MB: '16', KODBRO_PACKAGE_CACHE_ENTRIES: '5', KODBRO_PACKAGE_JOBS: '1', KODBRO_PACKAGE_JOB_SECONDS: '30' });
    expect(set.packages).toEqual({ uploadBytes: 8 * MB, orgStorageBytes: 100 * MB, cacheBytes: 16 * MB, cacheEntries: 5, jobs: 1, jobTimeoutMs: 30_000 });
    expect(() => configFromEnv({ KODBRO_PACKAGE_JOBS: '0' })).toThrow(/KODBRO_PACKAGE_JOBS/);
    expect(() => configFromEnv({ KODBRO_ORG_STORAGE_MB: 'lots' })).toThrow(/KODBRO_ORG_STORAGE_MB/);
  });

  it('derives links and Secure cookies from the public URL', () => {
    const config = configFromEnv({ KODBRO_PUBLIC_URL: 'https://kodbro.example.org/', PORT: '8080', KODBRO_DATA_DIR: '/tmp/k' });
    expect(config.publicUrl).toBe('https://kodbro.example.org');
    expect(config.secureCookies).toBe(true);
    expect(config.dataDir).toBe('/tmp/k');
  });

  it('names every bad variable in one error', () => {
    expect(() => configFromEnv({ PORT: 'eighty', KODBRO_WORKERS: '-1', KODBRO_PUBLIC_URL: 'ftp://x' })).toThrow(/PORT[\s\S]*KODBRO_PUBLIC_URL[\s\S]*KODBRO_WORKERS|PORT[\s\S]*KODBRO_WORKERS/);
    expect(() => configFromEnv({ KODBRO_SEED_DEMO: 'maybe' })).toThrow(/KODBRO_SEED_DEMO/);
    expect(() => configFromEnv({ KODBRO_MAX_TIME_MS: '5' })).toThrow(/judge limits/);
    expect(() => configFromEnv({ KODBRO_WARM_BOXES: '-1' })).toThrow(/judge limits/);
    expect(() => configFromEnv({ KODBRO_WARM_BOXES: '17' })).toThrow(/judge limits/);
    expect(() => configFromEnv({ KODBRO_WARM_BOXES: 'some' })).toThrow(/judge limits/);
    expect(configFromEnv({ KODBRO_WARM_BOXES: '0' }).judge.warmBoxes).toBe(0);
    expect(() => configFromEnv({ KODBRO_WARM_INTERPRETERS: '2' })).toThrow(/judge limits/);
    expect(() => configFromEnv({ KODBRO_WARM_INTERPRETERS: 'yes' })).toThrow(/judge limits/);
    expect(configFromEnv({}).judge.warmInterpreters).toBe(1);
    expect(configFromEnv({ KODBRO_WARM_INTERPRETERS: '0' }).judge.warmInterpreters).toBe(0);
  });

  it('seeds the demo by default only on a loopback HOST', () => {
    for (const host of ['127.0.0.1', '127.0.1.1', 'localhost', '::1']) expect(configFromEnv({ HOST: host }).seedDemo, host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.5', 'kodbro.lan']) expect(configFromEnv({ HOST: host }).seedDemo, host).toBe(false);
    expect(configFromEnv({ HOST: '127.0.0.1', KODBRO_SEED_DEMO: 'no' }).seedDemo).toBe(false);
  });

  it('refuses a demo asked for on a public HOST with the published password, naming KODBRO_DEMO_PASSWORD', () => {
    expect(() => configFromEnv({ HOST: '0.0.0.0', KODBRO_SEED_DEMO: 'true' })).toThrow(/KODBRO_DEMO_PASSWORD/);
    expect(() => configFromEnv({ HOST: '192.168.1.5', KODBRO_SEED_DEMO: '1', KODBRO_DEMO_PASSWORD: DEFAULT_DEMO_PASSWORD })).toThrow(/KODBRO_DEMO_PASSWORD/);
    const own = configFromEnv({ HOST: '0.0.0.0', KODBRO_SEED_DEMO: 'yes', KODBRO_DEMO_PASSWORD: 'a password of our own' });
    expect(own.seedDemo).toBe(true);
    expect(own.demoPassword).toBe('a password of our own');
    // On loopback the published password is fine: nobody else can reach it.
    expect(configFromEnv({ HOST: '127.0.0.1', KODBRO_SEED_DEMO: 'true' }).demoPassword).toBe(DEFAULT_DEMO_PASSWORD);
  });

  it('knows loopback listen addresses', () => {
    for (const host of ['127.0.0.1', '127.255.0.9', 'localhost', 'LOCALHOST', '::1', '[::1]']) expect(isLoopbackAddress(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'localhost.evil.example', '127.0.0.1.nip.io']) expect(isLoopbackAddress(host), host).toBe(false);
  });

  it('reads the extra allowed hosts and the connection cap', () => {
    const config = configFromEnv({ KODBRO_ALLOWED_HOSTS: ' Kodbro.internal , 10.0.0.7:3000,[fd00::7]:3000 ', KODBRO_MAX_CONNECTIONS: '50' });
    expect(config.allowedHosts).toEqual(['kodbro.internal', '10.0.0.7:3000', '[fd00::7]:3000']);
    expect(config.maxConnections).toBe(50);
    expect(configFromEnv({}).allowedHosts).toEqual([]);
    expect(configFromEnv({}).maxConnections).toBe(1000);
    expect(() => configFromEnv({ KODBRO_ALLOWED_HOSTS: 'https://kodbro.example' })).toThrow(/KODBRO_ALLOWED_HOSTS/);
    expect(() => configFromEnv({ KODBRO_MAX_CONNECTIONS: '0' })).toThrow(/KODBRO_MAX_CONNECTIONS/);
  });

  it('a wildcard HOST without a public URL is reached as localhost', () => {
    expect(configFromEnv({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('reads the store and the role: SQLite and one process by default; a split role needs PostgreSQL', () => {
    expect(configFromEnv({})).toMatchObject({ databaseUrl: undefined, role: 'all' });
    const grown = configFromEnv({ KODBRO_DATABASE_URL: 'postgres://kodbro@db.internal:5432/kodbro', KODBRO_ROLE: 'worker' });
    expect(grown).toMatchObject({ databaseUrl: 'postgres://kodbro@db.internal:5432/kodbro', role: 'worker', workerHealthPort: 3100 });
    expect(() => configFromEnv({ KODBRO_ROLE: 'web' })).toThrow(/KODBRO_DATABASE_URL/);
    expect(() => configFromEnv({ KODBRO_ROLE: 'judge' })).toThrow(/KODBRO_ROLE/);
    expect(() => configFromEnv({ KODBRO_DATABASE_URL: 'mysql://x/y' })).toThrow(/KODBRO_DATABASE_URL/);
  });
});
