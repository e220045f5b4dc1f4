#!/usr/bin/env node
// Measures what a candidate downloads on first load: the entry chunk, every
// chunk it imports statically, and their CSS, each gzipped (DESIGN.md budget:
// at most 150 KB compressed). Lazily loaded chunks (staff pages, non-English
// texts) are not part of it; the largest language chunk is printed beside it,
// since a candidate who reads another language fetches one of them at start.
// Exits non-zero when over budget, so CI can run it after `npm run build`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_BYTES = 150 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
} catch {
  console.error('No dist/.vite/manifest.json: run `npm run build -w client` first.');
  process.exit(2);
}

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey) throw new Error('The manifest has no entry chunk');

/** The entry and its static imports, each once, with their CSS. */
const files = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) visit(imported);
};
visit(entryKey);

const gzipped = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

let total = 0;
for (const file of files) {
  const size = gzipped(file);
  total += size;
  console.log(`${kb(size).padStart(10)}  ${file}`);
}
console.log(`${kb(total).padStart(10)}  candidate first load, gzip (budget ${kb(BUDGET_BYTES)})`);

const languageChunks = Object.entries(manifest)
  .filter(([key]) => key.includes('/i18n/locales/'))
  .map(([, chunk]) => ({ file: chunk.file, size: gzipped(chunk.file) }))
  .sort((a, b) => b.size - a.size);
if (languageChunks[0]) {
  const largest = languageChunks[0];
  console.log(`${kb(total + largest.size).padStart(10)}  with the largest language chunk (${largest.file}, ${kb(largest.size)})`);
}

if (total > BUDGET_BYTES) {
  console.error(`Over budget by ${kb(total - BUDGET_BYTES)}`);
  process.exit(1);
}
