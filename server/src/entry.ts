import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starting a module beside the caller as a child process or a worker thread,
 * whether the server runs from TypeScript through tsx (tests, `npm start`)
 * or from compiled JavaScript (`server/dist` mirrors `server/src`): the file
 * with the caller's own extension, and under `.ts` tsx for the new process
 * or thread.
 */
const require = createRequire(import.meta.url);

/**
 * The sibling module's file and the Node options a child process needs to run it.
 *
 * @example
 * const { file, execArgv } = siblingEntry(import.meta.url, 'package-worker');
 * fork(file, [], { execArgv });
 */
export function siblingEntry(callerUrl: string, name: string): { file: string; execArgv: string[] } {
  const fromSource = fileURLToPath(callerUrl).endsWith('.ts');
  const file = fileURLToPath(new URL(`./${name}${fromSource ? '.ts' : '.js'}`, callerUrl));
  // tsx resolved from here, not from the working folder: the server may be started from anywhere.
  const execArgv = fromSource ? ['--import', pathToFileURL(require.resolve('tsx')).href] : [];
  return { file, execArgv };
}

/**
 * The sibling module as a worker thread. Node 20 does not apply `--import`
 * hooks to a worker's own `.ts` entry, so under TypeScript the thread starts
 * from a line of JavaScript that imports the entry through tsx's API.
 */
export function siblingThread(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  const { file, execArgv } = siblingEntry(callerUrl, name);
  if (execArgv.length === 0) return new Worker(file, options);
  const tsxPackage = require.resolve('tsx/package.json');
  const exports = (require('tsx/package.json') as { exports: Record<string, { import: { default: string } }> }).exports;
  const api = pathToFileURL(path.join(path.dirname(tsxPackage), exports['./esm/api']!.import.default)).href;
  const target = pathToFileURL(file).href;
  return new Worker(`import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(target)}, ${JSON.stringify(target)}));`, { ...options, eval: true });
}
