// Whether the compiled server (server/dist, made by scripts/build.sh) is newer
// than every source file, and so whether a module can run from it: starting
// the compiled code takes a fraction of compiling the TypeScript on the fly.
// A fresh clone, or sources edited since the last build, run the TypeScript
// through tsx instead, so nothing ever runs stale code.
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

export function builtIsFresh() {
  try {
    const built = statSync(path.join(server, 'dist/.built')).mtimeMs;
    // scripts/ makes the CLI's bundle.
    return built >= newestSource(path.join(server, 'src')) && built >= newestSource(path.join(server, 'scripts'));
  } catch {
    return false;
  }
}

/** Node's arguments that run `server/src/<module>.ts`: its compiled `.js` when fresh, else the source through tsx. */
export function nodeArgsFor(module) {
  return builtIsFresh() ? [path.join(server, 'dist', `${module}.js`)] : ['--import', 'tsx', path.join(server, 'src', `${module}.ts`)];
}
