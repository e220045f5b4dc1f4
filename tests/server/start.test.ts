import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.ts';
import { DEFAULT_DEMO_PASSWORD } from '../../server/src/config/index.ts';
import { REPO_ROOT } from '../support/sandbox.ts';
import { ApiClient, DEMO_EMAIL, DEMO_PASSWORD, spawnServer, testEnv, type SpawnedServer } from '../support/server.ts';
import { storeEnv } from '../support/store-kind.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kodbro-start-'));
let running: SpawnedServer | undefined;
afterAll(async () => {
  running?.child.kill('SIGTERM');
  await running?.exited;
  rmSync(dataDir, { recursive: true, force: true });
});

/** The candidate link printed by `npm start` or `demo-invite`, as a token. */
const tokenOf = (link: string) => decodeURIComponent(new URL(link).pathname.replace(/^\/invite\//, ''));

describe('starting the server', () => {
  it('prints working links: the URL, the demo login and a candidate link that opens the demo assessment', async () => {
    running = await spawnServer(dataDir);
    const out = running.output();
    expect(out).toContain(`e-mail             ${DEMO_EMAIL}`);
    expect(out).toContain(`password           ${DEMO_PASSWORD}`);
    const link = /Demo candidate link\s+(\S+)/.exec(out)?.[1];
    const code = /or type the code\s+(\S+)/.exec(out)?.[1];
    expect(link?.startsWith(`${running.url}/invite/`)).toBe(true);

    // The client bundle (built by `npm start` and `npm test`) is served for the printed links.
    for (const pathname of ['/', new URL(link!).pathname, '/staff/login']) {
      const page = await fetch(`${running.url}${pathname}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root"');
    }

    const staff = new ApiClient(running.url);
    await staff.login(DEMO_EMAIL, DEMO_PASSWORD);
    const byLink = new ApiClient(running.url);
    expect((await byLink.openInvite({ token: tokenOf(link!) })).body.attempt.assessment.title).toBe('Demo assessment');
    const byCode = new ApiClient(running.url);
    expect((await byCode.openInvite({ code: code! })).status).toBe(200);
  });

  it('`demo-invite` prints a fresh working link every time, while the server runs', async () => {
    const env = { KODBRO_DATA_DIR: dataDir, ...(await storeEnv(dataDir)), KODBRO_PUBLIC_URL: running!.url };
    const first = await runCli(['demo-invite'], env);
    const second = await runCli(['demo-invite'], env);
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(first.stdout.trim()).not.toBe(second.stdout.trim());
    expect(first.stderr).toMatch(/short code: [2-9A-Z]{8}/);
    for (const run of [first, second]) {
      const candidate = new ApiClient(running!.url);
      expect((await candidate.openInvite({ token: tokenOf(run.stdout.trim()) })).status).toBe(200);
    }
  });

  it('says clearly what is wrong with a bad configuration', async () => {
    const bad = await runCli(['demo-invite'], { KODBRO_DATA_DIR: dataDir, PORT: 'eighty' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('PORT');
    const empty = await runCli(['demo-invite'], { KODBRO_DATA_DIR: path.join(dataDir, 'nothing-here') });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('npm start');
  });

  it('restarts on the same data without seeding twice', async () => {
    running!.child.kill('SIGTERM');
    expect(await running!.exited).toBe(0);
    running = await spawnServer(dataDir);
    const staff = new ApiClient(running.url);
    await staff.login();
    const assessments = await staff.get('/api/assessments');
    expect(assessments.body.assessments.filter((a: { title: string }) => a.title === 'Demo assessment')).toHaveLength(1);
    const challenges = await staff.get('/api/challenges');
    expect(challenges.body.challenges.every((c: { latestVersion: number }) => c.latestVersion === 1)).toBe(true);
  });
});

describe('starting on a public HOST', () => {
  const started: SpawnedServer[] = [];
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kodbro-public-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const child of started) {
      child.child.kill('SIGTERM');
      await child.exited;
    }
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  /** Listening on 0.0.0.0 is fine here; the test only ever connects to 127.0.0.1. */
  const onLoopback = (url: string) => {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    return parsed.origin;
  };

  it('HOST=0.0.0.0 seeds no demo by default and prints no password, link or code', async () => {
    const running = await spawnServer(freshDir(), { HOST: '0.0.0.0' });
    started.push(running);
    const out = running.output();
    expect(running.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(out).not.toContain(DEMO_PASSWORD);
    expect(out).not.toContain('/invite/');
    expect(out).not.toMatch(/or type the code/);
    expect(out).toContain('KODBRO_PUBLIC_URL');
    const url = onLoopback(running.url);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    const login = await new ApiClient(url).post('/api/auth/login', { email: DEMO_EMAIL, password: DEMO_PASSWORD });
    expect(login.status).toBe(401);
  });

  it('refuses to start a demo on a public HOST with the published default password, naming KODBRO_DEMO_PASSWORD', async () => {
    const refused = await spawnServer(freshDir(), { HOST: '0.0.0.0', KODBRO_SEED_DEMO: 'true', KODBRO_DEMO_PASSWORD: DEFAULT_DEMO_PASSWORD }).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(refused).toMatch(/exited with 2/);
    expect(refused).toContain('KODBRO_DEMO_PASSWORD');
    expect(refused).not.toContain('Kodbro is running');
  });

  it('a demo asked for with a password of its own starts, and the banner says where to find the secrets instead of printing them', async () => {
    const running = await spawnServer(freshDir(), { HOST: '0.0.0.0', KODBRO_SEED_DEMO: 'true' });
    started.push(running);
    const out = running.output();
    expect(out).toContain(`e-mail             ${DEMO_EMAIL}`);
    expect(out).not.toContain(DEMO_PASSWORD);
    expect(out).toContain('KODBRO_DEMO_PASSWORD');
    expect(out).not.toContain('/invite/');
    expect(out).not.toMatch(/[2-9A-Z]{8} {2}at /);
    expect(out).toContain('npm run kodbro -- demo-invite');
    const staff = new ApiClient(onLoopback(running.url));
    await staff.login(DEMO_EMAIL, DEMO_PASSWORD);
    expect((await staff.get('/api/assessments')).body.assessments.map((a: { title: string }) => a.title)).toContain('Demo assessment');
  });
});


describe('`npm start` in production shape', () => {
  /** Runs `npm start` (scripts/start.sh) until the banner, then stops it; how long it took and what ran. */
  async function npmStart(dir: string): Promise<{ seconds: number; argv: string[]; output: string }> {
    const started = performance.now();
    const child = spawn('npm', ['start', '--silent'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...testEnv(dir, await storeEnv(dir)), CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    try {
      await expect.poll(() => /Kodbro is running at\s+\S+/.test(output), { timeout: 300_000, interval: 200 }).toBe(true);
      const seconds = (performance.now() - started) / 1000;
      // start.sh ends with `exec node …`: the process under npm is the server itself.
      const server = execFileSync('pgrep', ['-f', '-g', String(child.pid), 'server/(dist|src)/app/main'], { encoding: 'utf8' }).trim().split('\n')[0] ?? '';
      const argv = readFileSync(`/proc/${server}/cmdline`, 'utf8').split('\0').filter(Boolean);
      return { seconds, argv, output };
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  }

  it('runs the compiled JavaScript with no TypeScript loader, and a second start only checks (seconds)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kodbro-npm-start-'));
    try {
      const first = await npmStart(dir);
      const second = await npmStart(dir);
      for (const run of [first, second]) {
        expect(run.argv.slice(1), run.output).toEqual([path.join('server', 'dist', 'app', 'main.js')]);
        expect(run.argv.join(' ')).not.toMatch(/tsx|--import|--loader|\.ts\b/);
      }
      // Nothing to install or build the second time: only checks.
      expect(second.output).not.toMatch(/installing|compiling the server|building the client/);
      console.log(`npm start to the banner: first ${first.seconds.toFixed(1)} s, second ${second.seconds.toFixed(1)} s`);
      expect(second.seconds).toBeLessThan(30);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
