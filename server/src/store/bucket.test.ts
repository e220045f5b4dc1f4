import { describe, expect, it } from 'vitest';
import { take, type Bucket } from './bucket.ts';

const rule = { burst: 10, perMinute: 60 };

describe('take', () => {
  it('allows a burst, then one per refill interval, and says how long to wait', () => {
    let bucket: Bucket | null = null;
    for (let i = 0; i < 10; i++) {
      const taken = take(bucket, 1000, rule);
      if (!taken.ok) throw new Error(`refused at ${i}`);
      bucket = taken.bucket;
    }
    expect(take(bucket, 1000, rule)).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(take(bucket, 1400, rule)).toEqual({ ok: false, retryAfterMs: 600 });
    const later = take(bucket, 2000, rule);
    expect(later.ok).toBe(true);
    if (later.ok) expect(take(later.bucket, 2000, rule)).toEqual({ ok: false, retryAfterMs: 1000 });
  });

  it('never holds more than the burst, and a clock that went back refills nothing', () => {
    const idle = take({ tokens: 0, at: 0 }, 3_600_000, rule);
    expect(idle).toEqual({ ok: true, bucket: { tokens: 9, at: 3_600_000 } });
    expect(take({ tokens: 0.5, at: 5000 }, 1000, rule)).toEqual({ ok: false, retryAfterMs: 500 });
  });
});
