/**
 * A least-recently-used cache bounded by the total size of its values and by
 * their number. Loads of the same key share one promise; a failed load is
 * not kept, so the next call tries again; a value larger than the whole
 * budget is handed out but not kept.
 *
 * @example
 * const cache = createLruCache<Parsed>({ maxBytes: 256 * MB, maxEntries: 200, sizeOf: (p) => p.bytes });
 * const parsed = await cache.get(hash, () => parse(hash));
 */
export interface LruCache<V> {
  get(key: string, load: () => Promise<V>): Promise<V>;
  /** Forgets a kept value; a load in flight goes on and is kept when it ends. */
  delete(key: string): void;
  stats(): CacheStats;
}

export interface CacheStats {
  entries: number;
  bytes: number;
  loading: number;
}

export interface LruCacheOptions<V> {
  maxBytes: number;
  maxEntries: number;
  /** What a value costs, in bytes; called once, when the value arrives. */
  sizeOf: (value: V) => number;
}

export function createLruCache<V>(options: LruCacheOptions<V>): LruCache<V> {
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recently used first.
  const kept = new Map<string, { value: V; bytes: number }>();
  const loading = new Map<string, Promise<V>>();
  let bytes = 0;

  const remove = (key: string) => {
    const entry = kept.get(key);
    if (!entry) return;
    kept.delete(key);
    bytes -= entry.bytes;
  };

  const keep = (key: string, value: V) => {
    const size = options.sizeOf(value);
    remove(key);
    if (size > options.maxBytes) return;
    kept.set(key, { value, bytes: size });
    bytes += size;
    for (const oldest of kept.keys()) {
      if (bytes <= options.maxBytes && kept.size <= options.maxEntries) break;
      remove(oldest);
    }
  };

  return {
    get(key, load) {
      const entry = kept.get(key);
      if (entry) {
        kept.delete(key);
        kept.set(key, entry);
        return Promise.resolve(entry.value);
      }
      const pending = loading.get(key);
      if (pending) return pending;
      const started = load().then(
        (value) => {
          if (loading.get(key) === started) {
            loading.delete(key);
            keep(key, value);
          }
          return value;
        },
        (error: unknown) => {
          if (loading.get(key) === started) loading.delete(key);
          throw error;
        },
      );
      loading.set(key, started);
      return started;
    },
    delete: remove,
    stats: () => ({ entries: kept.size, bytes, loading: loading.size }),
  };
}
