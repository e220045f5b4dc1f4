import { createHash, type Hash } from 'node:crypto';
import { appendFile, open } from 'node:fs/promises';
import type pg from 'pg';
import type { PackageIo } from './package-io.ts';

/**
 * PostgreSQL's package bytes (see package-io.ts for why SQLite needs a
 * thread): node-postgres and the file reads are already asynchronous, so the
 * chunks go through the pool, one statement each, and other work interleaves.
 */
export function postgresPackageIo(pool: pg.Pool, chunkBytes: number): PackageIo {
  /** The running SHA-256 of each package being imported from a file. */
  const hashes = new Map<string, Hash>();

  const insert = async (packageId: string, seq: number, data: Uint8Array) => {
    await pool.query('INSERT INTO challenge_package_chunks (package_id, seq, data) VALUES ($1, $2, $3)', [packageId, seq, Buffer.from(data.buffer, data.byteOffset, data.byteLength)]);
  };

  return {
    insert,
    async import(packageId, file, seq) {
      const hash = hashes.get(packageId) ?? createHash('sha256');
      hashes.set(packageId, hash);
      const buffer = Buffer.alloc(chunkBytes);
      const handle = await open(file, 'r');
      let read: number;
      try {
        ({ bytesRead: read } = await handle.read(buffer, 0, chunkBytes, seq * chunkBytes));
      } finally {
        await handle.close();
      }
      if (read === 0) {
        hashes.delete(packageId);
        return { done: true, contentHash: hash.digest('hex') };
      }
      const chunk = buffer.subarray(0, read);
      hash.update(chunk);
      await insert(packageId, seq, chunk);
      return { done: false, bytes: read };
    },
    async export(packageId, file, seq) {
      const { rows } = await pool.query<{ data: Buffer }>('SELECT data FROM challenge_package_chunks WHERE package_id = $1 AND seq = $2', [packageId, seq]);
      const data = rows[0]?.data;
      if (!data) return 0;
      await appendFile(file, data);
      return data.length;
    },
    async delete(packageId, from, to) {
      hashes.delete(packageId);
      const result = await pool.query('DELETE FROM challenge_package_chunks WHERE package_id = $1 AND seq >= $2 AND seq < $3', [packageId, from, to]);
      return result.rowCount ?? 0;
    },
    async close() {},
  };
}
