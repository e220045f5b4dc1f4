#!/usr/bin/env node
// Entry point for `npm run kodbro -- …` and `npx kodbro`: the compiled CLI
// when server/dist is fresh, else the TypeScript through tsx (built.js).
import { builtIsFresh } from './built.js';

if (builtIsFresh()) {
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
