/**
 * The SQLite store's package-bytes thread (see package-io.ts): its own
 * connection to the database file, one chunk per message, reading and
 * writing package files itself so the bytes never pass through the main thread.
 */
import Database from 'better-sqlite3';
import { createHash, type Hash } from 'node:crypto';
import { appendFileSync, closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { PackageIoReply, PackageIoRequest } from './package-io.ts';

const { file, busyTimeoutMs, chunkBytes } = workerData as { file: string; busyTimeoutMs: number; chunkBytes: number };
const db = new Database(file, { timeout: busyTimeoutMs });
db.pragma('foreign_keys = ON');
// No fsync per chunk: the transaction that makes a package count (the version row, synchronous=FULL on
// the main connection) commits after its chunks, and its fsync of the WAL covers every frame before it.
db.pragma('synchronous = NORMAL');

const insert = db.prepare('INSERT INTO challenge_package_chunks (package_id, seq, data) VALUES (?, ?, ?)');
const select = db.prepare('SELECT data FROM challenge_package_chunks WHERE package_id = ? AND seq = ?');
const remove = db.prepare('DELETE FROM challenge_package_chunks WHERE package_id = ? AND seq >= ? AND seq < ?');
/** The running SHA-256 of each package being imported from a file. */
const hashes = new Map<string, Hash>();
const buffer = Buffer.alloc(chunkBytes);

function run(request: PackageIoRequest): Extract<PackageIoReply, { ok: true }>['value'] {
  switch (request.op) {
    case 'insert':
      insert.run(request.packageId, request.seq, request.data);
      return null;
    case 'import': {
      const hash = hashes.get(request.packageId) ?? createHash('sha256');
      hashes.set(request.packageId, hash);
      const fd = openSync(request.file, 'r');
      let read: number;
      try {
        read = readSync(fd, buffer, 0, chunkBytes, request.seq * chunkBytes);
      } finally {
        closeSync(fd);
      }
      if (read === 0) {
        hashes.delete(request.packageId);
        return { done: true, contentHash: hash.digest('hex') };
      }
      const chunk = buffer.subarray(0, read);
      hash.update(chunk);
      insert.run(request.packageId, request.seq, chunk);
      return { done: false, bytes: read };
    }
    case 'export': {
      const row = select.get(request.packageId, request.seq) as { data: Buffer } | undefined;
      if (!row) return 0;
      appendFileSync(request.file, row.data);
      return row.data.length;
    }
    case 'delete':
      hashes.delete(request.packageId);
      return remove.run(request.packageId, request.from, request.to).changes;
  }
}

parentPort!.on('message', (request: PackageIoRequest) => {
  let reply: PackageIoReply;
  try {
    reply = { id: request.id, ok: true, value: run(request) };
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
