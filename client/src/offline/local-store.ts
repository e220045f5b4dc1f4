import { clear, createStore, del, get, promisifyRequest, set, type UseStore } from 'idb-keyval';

/**
 * What this device keeps of an attempt, in one IndexedDB database: drafts,
 * custom inputs, queued runs, the code of submissions made here, and the
 * last answers of the API reads the page needs to open offline. Keys are
 * paths (`draft/<attempt>/<task>/<language>`), so one prefix finds or drops
 * a kind of entry, and one `clearAll` forgets everything (shared devices).
 *
 * IndexedDB rather than localStorage: it does not block the page while it
 * writes, holds far more than 5 MB, and survives what localStorage survives.
 * When the browser refuses IndexedDB (some private modes), the same
 * interface keeps entries in memory: the server copy still protects the work.
 */
export interface LocalStore {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every entry whose key starts with `prefix`, in key order. */
  list<T>(prefix: string): Promise<[string, T][]>;
  /** Deletes every entry whose key starts with `prefix`. */
  deletePrefix(prefix: string): Promise<void>;
  clearAll(): Promise<void>;
}

const DB_NAME = 'kodbro';
const STORE_NAME = 'kv';

/** Keys from `prefix` up to the last key that starts with it. */
const rangeOf = (prefix: string) => IDBKeyRange.bound(prefix, `${prefix}\uffff`);

/** A store on the browser's IndexedDB (the global `indexedDB` when this is called). */
export function indexedDbStore(): LocalStore {
  const withStore: UseStore = createStore(DB_NAME, STORE_NAME);
  return {
    get: <T>(key: string) => get<T>(key, withStore),
    set: (key, value) => set(key, value, withStore),
    delete: (key) => del(key, withStore),
    list: <T>(prefix: string) =>
      withStore('readonly', async (store) => {
        const range = rangeOf(prefix);
        const [keys, values] = await Promise.all([promisifyRequest(store.getAllKeys(range)), promisifyRequest(store.getAll(range))]);
        // Every key is a string: this module writes no other kind.
        return keys.map((key, index) => [key as string, values[index] as T] as [string, T]);
      }),
    deletePrefix: (prefix) => withStore('readwrite', (store) => promisifyRequest(store.delete(rangeOf(prefix)))),
    clearAll: () => clear(withStore),
  };
}

/** Entries in this page's memory only (IndexedDB refused or missing). */
export function memoryStore(): LocalStore {
  const entries = new Map<string, unknown>();
  const sortedKeys = (prefix: string) => [...entries.keys()].filter((key) => key.startsWith(prefix)).sort();
  return {
    get: async <T>(key: string) => structuredClone(entries.get(key)) as T | undefined,
    set: async (key, value) => void entries.set(key, structuredClone(value)),
    delete: async (key) => void entries.delete(key),
    list: async <T>(prefix: string) => sortedKeys(prefix).map((key) => [key, structuredClone(entries.get(key)) as T] as [string, T]),
    deletePrefix: async (prefix) => sortedKeys(prefix).forEach((key) => entries.delete(key)),
    clearAll: async () => entries.clear(),
  };
}

/**
 * A store that tries IndexedDB and, at the first refusal, moves to memory
 * for the rest of this page's life (what was in IndexedDB stays readable
 * there until then). No caller ever sees an IndexedDB error.
 */
export function resilientStore(primary: () => LocalStore, fallback: LocalStore = memoryStore()): LocalStore {
  let current: LocalStore | undefined;
  const pick = (): LocalStore => {
    if (current) return current;
    try {
      current = primary();
    } catch {
      current = fallback;
    }
    return current;
  };
  const guarded =
    <A extends unknown[], R>(call: (store: LocalStore, ...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const store = pick();
      try {
        return await call(store, ...args);
      } catch {
        current = fallback;
        return call(fallback, ...args);
      }
    };
  return {
    get: guarded((store, key: string) => store.get(key)),
    set: guarded((store, key: string, value: unknown) => store.set(key, value)),
    delete: guarded((store, key: string) => store.delete(key)),
    list: guarded((store, prefix: string) => store.list(prefix)),
    deletePrefix: guarded((store, prefix: string) => store.deletePrefix(prefix)),
    clearAll: guarded((store) => store.clearAll()),
  };
}
