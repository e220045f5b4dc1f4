import type { Worker } from 'node:worker_threads';
import { siblingThread } from '../../entry.ts';
import { KodbroError } from '../../errors.ts';

/**
 * Package chunks are written, read and deleted on a thread of their own,
 * with a second connection to the database file, and that thread reads and
 * writes the package files itself. better-sqlite3 is synchronous: a 1 MB
 * insert into the WAL measured 10 ms typically and up to 200 ms while the
 * disk was busy (fsync, checkpoints), and moving 512 MB through the main
 * thread's buffers costs garbage-collection pauses — either would be the
 * server not answering. The main thread sends one small message per chunk,
 * so other work on the thread (another package) interleaves. Readers never
 * wait for the writer in WAL mode; a write on the main connection waits at
 * most one chunk statement for the lock.
 */
export interface PackageIo {
  /** Stores one chunk given in memory. */
  insert(packageId: string, seq: number, data: Buffer): Promise<void>;
  /**
   * Stores chunk `seq` of `file` (its bytes at seq × CHUNK), hashing as it
   * goes; past the file's end, ends the import with the SHA-256 of all of it.
   */
  import(packageId: string, file: string, seq: number): Promise<{ done: false; bytes: number } | { done: true; contentHash: string }>;
  /** Appends chunk `seq` to `file`; 0 when there is none. */
  export(packageId: string, file: string, seq: number): Promise<number>;
  /** Removes chunks `from` ≤ seq < `to`; returns how many. */
  delete(packageId: string, from: number, to: number): Promise<number>;
  close(): Promise<void>;
}

export type PackageIoRequest = { id: number } & (
  | { op: 'insert'; packageId: string; seq: number; data: Uint8Array }
  | { op: 'import'; packageId: string; file: string; seq: number }
  | { op: 'export'; packageId: string; file: string; seq: number }
  | { op: 'delete'; packageId: string; from: number; to: number }
);
export type PackageIoReply = { id: number } & (
  | { ok: true; value: null | number | { done: false; bytes: number } | { done: true; contentHash: string } }
  | { ok: false; message: string }
);

type Call = PackageIoRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** Starts the thread on first use; it never keeps the process alive by itself. */
export function packageIo(file: string, busyTimeoutMs: number, chunkBytes: number): PackageIo {
  let worker: Worker | undefined;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  const failAll = (error: Error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };

  const thread = (): Worker => {
    if (worker) return worker;
    const started = siblingThread(import.meta.url, 'package-io-thread', { workerData: { file, busyTimeoutMs, chunkBytes } });
    started.unref();
    started.on('message', (reply: PackageIoReply) => {
      const call = waiting.get(reply.id);
      if (!call) return;
      waiting.delete(reply.id);
      if (reply.ok) call.resolve(reply.value);
      else call.reject(new KodbroError('internal', `Package bytes: ${reply.message}`));
    });
    started.on('error', (error) => failAll(new KodbroError('internal', `The package-bytes thread failed: ${error.message}`, { cause: error })));
    // The next call starts a new thread.
    started.on('exit', (code) => {
      if (worker === started) worker = undefined;
      failAll(new KodbroError('internal', `The package-bytes thread stopped (exit code ${code})`));
    });
    worker = started;
    return started;
  };

  const call = <T>(request: Call): Promise<T> => {
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      thread().postMessage({ ...request, id });
    });
  };

  return {
    insert: (packageId, seq, data) => call<null>({ op: 'insert', packageId, seq, data }).then(() => undefined),
    import: (packageId, file, seq) => call({ op: 'import', packageId, file, seq }),
    export: (packageId, file, seq) => call<number>({ op: 'export', packageId, file, seq }),
    delete: (packageId, from, to) => call<number>({ op: 'delete', packageId, from, to }),
    async close() {
      const running = worker;
      worker = undefined;
      if (running) await running.terminate();
    },
  };
}
