import { describe, expect, it } from 'vitest';
import { configFromEnv } from './server.ts';

describe('configFromEnv', () => {
  it('works on one machine with nothing set', () => {
    const config = configFromEnv({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
    expect(config.workers).toBeGreaterThan(0);
    expect(config.secureCookies).toBe(false);
    expect(config.dataDir.endsWith('/data')).toBe(true);
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
  });
});
