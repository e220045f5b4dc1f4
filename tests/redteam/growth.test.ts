/**
 * Red-team 32: work that grows faster than its input. An author uploads
 * packages built to make a parser scan quadratically — the statement shapes
 * that held the old regex LaTeX converter for most of a minute, CommonMark's
 * pathological emphasis and bracket runs, a manifest of deeply nested YAML —
 * while the test asks `/api/health` every 25 ms. Every upload is answered
 * within seconds (published, or refused with its reason), and the event loop
 * keeps answering within the 200 ms budget throughout, because package work
 * runs in a child process and statements are parsed in linear time.
 *
 * The package that expands to the 512 MB cap is the other half of item 32:
 * tests/server/packages.test.ts holds `/api/health` to the same budget while
 * it uploads (a separate server process, so the bound is measured cleanly).
 */
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, packageTarGz, startTestServer, type TestServer } from '../support/server.ts';
import { HOSTILE_LATEX, HOSTILE_MARKDOWN } from '../support/statement-inputs.ts';

const HEALTH_BUDGET_MS = 200;
/** Under the 128 KB statement cap, so the parser really runs on every byte. */
const STATEMENT_BYTES = 120 * 1024;

let server: TestServer;
let staff: ApiClient;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'kodbro-growth-'));
  server = await startTestServer({ KODBRO_WORKERS: '0' });
  staff = new ApiClient(server.url);
  await staff.login();
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await rm(work, { recursive: true, force: true });
});

/** Asks /api/health every 25 ms until stopped; the slowest answer is what the event loop let through. */
function watchHealth(): { stop(): Promise<{ slowestMs: number; answers: number }> } {
  let running = true;
  let slowestMs = 0;
  let answers = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${server.url}/api/health`);
      await response.arrayBuffer();
      slowestMs = Math.max(slowestMs, performance.now() - started);
      answers += 1;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { slowestMs, answers };
    },
  };
}

/** The sum fixture as a new package: its own id, and files replaced or added. */
async function sumPackage(id: string, files: Record<string, string>): Promise<Buffer> {
  const dir = path.join(work, id);
  await cp(path.join(REPO_ROOT, 'tests/fixtures/packages/sum'), dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return packageTarGz(dir);
}

/** A Kattis package whose English statement is `tex`. */
async function kattisPackage(id: string, tex: string): Promise<Buffer> {
  const dir = path.join(work, id);
  const files: Record<string, string> = {
    'problem.yaml': `name: Hostile ${id}\n`,
    'problem_statement/problem.en.tex': tex,
    'data/sample/1.in': '1 2\n',
    'data/sample/1.ans': '3\n',
    'data/secret/1.in': '2 2\n',
    'data/secret/1.ans': '4\n',
  };
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return packageTarGz(dir);
}

/** Uploads while health is watched: the answer, how long it took, and the slowest health answer meanwhile. */
async function uploadWatched(archive: Buffer): Promise<{ status: number; code: string | undefined; ms: number; slowestHealthMs: number }> {
  const health = watchHealth();
  const started = performance.now();
  const response = await staff.request('POST', '/api/challenges', { rawBody: archive, contentType: 'application/gzip' });
  const ms = performance.now() - started;
  const { slowestMs } = await health.stop();
  return { status: response.status, code: response.body?.error?.code, ms, slowestHealthMs: slowestMs };
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

describe('32. work that grows faster than its input', () => {
  it.each(Object.entries(HOSTILE_LATEX))('a Kattis statement of %s: answered in seconds, the server answering all along', async (name, make) => {
    const outcome = await uploadWatched(await kattisPackage(`latex-${slug(name)}`, make(STATEMENT_BYTES)));
    // Hostile LaTeX is refused by the linear guard and shown as source: the package still publishes.
    expect([outcome.status, outcome.code], JSON.stringify(outcome)).toEqual([201, undefined]);
    expect(outcome.ms).toBeLessThan(10_000);
    expect(outcome.slowestHealthMs, JSON.stringify(outcome)).toBeLessThan(HEALTH_BUDGET_MS);
  });

  it.each(Object.entries(HOSTILE_MARKDOWN))('a Markdown statement of %s: answered in seconds, the server answering all along', async (name, make) => {
    const outcome = await uploadWatched(await sumPackage(`md-${slug(name)}`, { 'kodbro.yaml': `format: kodbro/1\nid: md-${slug(name)}\ntitle:\n  en: Hostile\n`, 'statement.en.md': make(STATEMENT_BYTES) }));
    expect(outcome.status, JSON.stringify(outcome)).toBe(201);
    expect(outcome.ms).toBeLessThan(10_000);
    expect(outcome.slowestHealthMs, JSON.stringify(outcome)).toBeLessThan(HEALTH_BUDGET_MS);
  });

  it('a manifest of deeply nested YAML (and an alias bomb) is refused, quickly, with the server answering all along', async () => {
    const nested = `format: kodbro/1\nid: nested\ntitle: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    const aliases = ['format: kodbro/1', 'id: aliases', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 12; level++) aliases.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(10).fill(`*${String.fromCharCode(96 + level)}`).join(',')}]`);
    for (const [id, manifest] of [
      ['nested', nested],
      ['aliases', `${aliases.join('\n')}\ntitle: { en: Bomb }\n`],
    ] as const) {
      const outcome = await uploadWatched(await sumPackage(`yaml-${id}`, { 'kodbro.yaml': manifest }));
      expect([outcome.status, outcome.code], JSON.stringify(outcome)).toEqual([422, 'package_invalid']);
      expect(outcome.ms).toBeLessThan(10_000);
      expect(outcome.slowestHealthMs, JSON.stringify(outcome)).toBeLessThan(HEALTH_BUDGET_MS);
    }
  });
});
