#!/usr/bin/env node
// Entry point for `npm run kodbro -- …` and `npx kodbro`. Runs the compiled
// CLI (server/dist, made by scripts/build.sh) when it is newer than every
// source file: starting it takes a fraction of compiling the TypeScript on the
// fly. Otherwise (a fresh clone, or sources edited since the last build) the
// TypeScript runs through tsx, so there is never a stale CLI.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const server = path.resolve(import.meta.dirname, '..');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function builtIsFresh() {
  try {
    return statSync(path.join(server, 'dist/.built')).mtimeMs >= newestSource(path.join(server, 'src'));
  } catch {
    return false;
  }
}

if (builtIsFresh()) {
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
