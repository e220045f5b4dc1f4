#!/usr/bin/env node
// Entry point for `npm run kodbro -- …` and `npx kodbro`: the bundled CLI
// when server/dist is fresh (one file set to read: it starts about 0.15 s
// sooner than the compiled modules, server/scripts/bundle-cli.mjs), else the
// TypeScript through tsx (built.js).
import { builtIsFresh } from './built.js';

if (builtIsFresh()) {
  await import('../dist/cli-bundle/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
