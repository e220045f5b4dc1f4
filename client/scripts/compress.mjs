#!/usr/bin/env node
// Writes a brotli (.br) and a gzip (.gz) copy beside every compressible file
// of the client build, once, at the strongest settings, so the server sends
// compressed bytes without compressing anything per request
// (server/src/http/client-files.ts picks the copy the browser accepts).
// A copy that would not be smaller than its file is not written. Runs after
// `vite build` (the build script); Node's own zlib, on its thread pool.
// Usage: node scripts/compress.mjs [folder]   (default: client/dist)
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const dist = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
/** Text and other formats that compress; images, woff2 and the like already are. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.webmanifest', '.txt', '.xml', '.map', '.wasm', '.ttf', '.otf', '.ico']);

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Every file under dir, skipping dot folders (Vite's .vite/manifest.json is not served). */
async function filesUnder(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((entry) => !entry.name.startsWith('.'))
      .map((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)])),
  );
  return nested.flat();
}

async function compress(file) {
  const data = await readFile(file);
  const [br, gz] = await Promise.all([
    brotli(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: extname(file) === '.wasm' || extname(file) === '.ttf' || extname(file) === '.otf' ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
    gzipped(data, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  const written = { plain: data.length, br: data.length, gz: data.length };
  if (br.length < data.length) await writeFile(`${file}.br`, br).then(() => (written.br = br.length));
  if (gz.length < data.length) await writeFile(`${file}.gz`, gz).then(() => (written.gz = gz.length));
  return written;
}

try {
  await stat(dist);
} catch {
  console.error('No dist/: run `vite build` first.');
  process.exit(2);
}

const started = Date.now();
const files = (await filesUnder(dist)).filter((file) => COMPRESSIBLE.has(extname(file)));
const sizes = await Promise.all(files.map(compress));
const total = sizes.reduce((sum, size) => ({ plain: sum.plain + size.plain, br: sum.br + size.br, gz: sum.gz + size.gz }), { plain: 0, br: 0, gz: 0 });
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  `precompressed ${files.length} files in ${relative(process.cwd(), dist) || '.'}: ${kb(total.plain)} → brotli ${kb(total.br)}, gzip ${kb(total.gz)} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
);
