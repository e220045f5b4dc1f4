import { describe, expect, it } from 'vitest';
import { createLruCache } from './cache.ts';

type Value = { key: string; bytes: number };
const cacheOf = (maxBytes: number, maxEntries: number) => createLruCache<Value>({ maxBytes, maxEntries, sizeOf: (v) => v.bytes });
const value = (key: string, bytes: number) => async (): Promise<Value> => ({ key, bytes });

describe('createLruCache', () => {
  it('stays within its byte budget however many values pass through, dropping the least recently used', async () => {
    const cache = cacheOf(1000, 1000);
    for (let i = 0; i < 500; i++) {
      await cache.get(`k${i}`, value(`k${i}`, 90 + (i % 7) * 10));
      expect(cache.stats().bytes).toBeLessThanOrEqual(1000);
    }
    expect(cache.stats().entries).toBeGreaterThan(5);

    const fresh = cacheOf(300, 10);
    await fresh.get('a', value('a', 100));
    await fresh.get('b', value('b', 100));
    await fresh.get('c', value('c', 100));
    await fresh.get('a', value('a', 100)); // a is now the most recent
    await fresh.get('d', value('d', 100)); // evicts b
    let loads = 0;
    const counted = (key: string) => async () => {
      loads++;
      return { key, bytes: 100 };
    };
    await fresh.get('a', counted('a'));
    await fresh.get('c', counted('c'));
    await fresh.get('d', counted('d'));
    expect(loads).toBe(0);
    await fresh.get('b', counted('b'));
    expect(loads).toBe(1);
  });

  it('stays within its entry count', async () => {
    const cache = cacheOf(1_000_000, 3);
    for (let i = 0; i < 10; i++) await cache.get(`k${i}`, value(`k${i}`, 1));
    expect(cache.stats()).toEqual({ entries: 3, bytes: 3, loading: 0 });
  });

  it('hands out but does not keep a value larger than the whole budget', async () => {
    const cache = cacheOf(100, 10);
    await cache.get('small', value('small', 60));
    expect(await cache.get('huge', value('huge', 101))).toEqual({ key: 'huge', bytes: 101 });
    expect(cache.stats()).toEqual({ entries: 1, bytes: 60, loading: 0 });
  });

  it('shares one load among concurrent callers, and does not keep a failure', async () => {
    const cache = cacheOf(1000, 10);
    let loads = 0;
    let release: (v: Value) => void = () => {};
    const slow = () => {
      loads++;
      return new Promise<Value>((resolve) => (release = resolve));
    };
    const first = cache.get('x', slow);
    const second = cache.get('x', slow);
    expect(cache.stats().loading).toBe(1);
    release({ key: 'x', bytes: 10 });
    expect(await first).toBe(await second);
    expect(loads).toBe(1);

    const failing = () => Promise.reject(new Error('broken package'));
    await expect(cache.get('y', failing)).rejects.toThrow('broken package');
    expect(cache.stats()).toMatchObject({ entries: 1, loading: 0 });
    expect(await cache.get('y', value('y', 5))).toEqual({ key: 'y', bytes: 5 });
  });

  it('forgets a kept value on delete, so the next get loads again', async () => {
    const cache = cacheOf(1000, 10);
    await cache.get('x', value('x', 10));
    cache.delete('x');
    expect(cache.stats()).toEqual({ entries: 0, bytes: 0, loading: 0 });
    let loaded = false;
    await cache.get('x', async () => {
      loaded = true;
      return { key: 'x', bytes: 10 };
    });
    expect(loaded).toBe(true);
  });
});
