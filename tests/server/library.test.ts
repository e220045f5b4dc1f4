/**
 * The challenge library on a real server with real judging: a Kattis package
 * published by one organisation, exported as a Kodbro package archive and
 * imported by another organisation judges identically (the reference and a
 * wrong solution through the real queue on both: same verdicts and scores);
 * the list with versions and the assessments that use them, search, and
 * archiving — hidden from the default list, still judged for an assessment
 * that uses it.
 */
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/src/auth/index.ts';
import { startedAttempt, judgedAs } from '../support/attempts.ts';
import { ApiClient, expectApiError, folderTarGz, startTestServer, type TestServer } from '../support/server.ts';
import { REPO_ROOT } from '../support/sandbox.ts';

const BUS_FARES = path.join(REPO_ROOT, 'tests/fixtures/kattis/bus-fares');

/** The names in a .tar.gz, in order. */
async function entryNames(archive: Buffer): Promise<string[]> {
  const names: string[] = [];
  const reader = extract();
  reader.on('entry', (header, stream, next) => {
    names.push(header.name);
    stream.on('end', next);
    stream.resume();
  });
  const done = new Promise<void>((resolve, reject) => reader.on('finish', () => resolve()).on('error', reject));
  Readable.from([gunzipSync(archive)]).pipe(reader);
  await done;
  return names;
}

describe('export then import judges identically', () => {
  let server: TestServer;
  let demo: ApiClient;
  let yonder: ApiClient;
  let exported: Buffer;
  let demoChallenge: { id: string; latestVersionId: string };
  let yonderChallenge: { id: string; latestVersionId: string };

  beforeAll(async () => {
    server = await startTestServer();
    demo = new ApiClient(server.url);
    await demo.login();
    const store = server.server.store;
    const org = await store.createOrganisation({ name: 'Yonder AB', slug: 'yonder' });
    if (!org.ok) throw new Error(org.reason);
    await store.createStaffUser(org.value.id, { email: 'author@yonder.example', displayName: 'Y', passwordHash: await hashPassword('yonder-password-1'), roles: { author: true, recruiter: true, admin: true } });
    yonder = new ApiClient(server.url);
    await yonder.login('author@yonder.example', 'yonder-password-1');
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('exports a published Kattis package as a Kodbro package archive in one folder', async () => {
    const published = await demo.request('POST', '/api/challenges', { rawBody: await folderTarGz(BUS_FARES), contentType: 'application/gzip' });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    demoChallenge = published.body.challenge;
    const response = await download(demo, `/api/challenge-versions/${demoChallenge.latestVersionId}/export`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/gzip');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="bus-fares-v1.tar.gz"');
    exported = Buffer.from(await response.arrayBuffer());
    expect(Number(response.headers.get('content-length'))).toBe(exported.length);
    const names = await entryNames(exported);
    expect(names).toContain('bus-fares-v1/kodbro.yaml');
    expect(names.some((n) => n.startsWith('bus-fares-v1/tests/hidden/'))).toBe(true);
    expect(names.some((n) => n.startsWith('bus-fares-v1/solutions/'))).toBe(true);
    expect(names.every((n) => n.startsWith('bus-fares-v1/'))).toBe(true);
    // Nothing of the export is left in the server's scratch folder once the download ended.
    await expect.poll(() => scratchFiles(server)).toEqual([]);
  });

  it('another organisation imports the archive; exporting that again gives the same bytes', async () => {
    const imported = await yonder.request('POST', '/api/challenges', { rawBody: exported, contentType: 'application/gzip' });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    yonderChallenge = imported.body.challenge;
    expect(imported.body.challenge).toMatchObject({ slug: 'bus-fares', title: 'Bus fares' });
    const again = await download(yonder, `/api/challenge-versions/${yonderChallenge.latestVersionId}/export`);
    expect(again.status).toBe(200);
    expect(Buffer.from(await again.arrayBuffer()).equals(exported)).toBe(true);
  });

  it('the reference and the wrong solution get the same verdicts and scores in both organisations', async () => {
    const accepted = await readFile(path.join(BUS_FARES, 'submissions/accepted/solution.py'), 'utf8');
    const wrong = await readFile(path.join(BUS_FARES, 'submissions/wrong_answer/wrong.py'), 'utf8');
    const original = await startedAttempt(server, demo, demoChallenge.id);
    const copy = await startedAttempt(server, yonder, yonderChallenge.id);
    const results = {
      original: { accepted: await judgedAs(demo, original, accepted), wrong: await judgedAs(demo, original, wrong) },
      copy: { accepted: await judgedAs(yonder, copy, accepted), wrong: await judgedAs(yonder, copy, wrong) },
    };
    expect(results.original.accepted).toMatchObject({ verdict: 'accepted', score: 100 });
    expect(results.original.wrong.verdict).toBe('wrong_answer');
    expect(results.original.wrong.score).toBeLessThan(100);
    expect(results.original.wrong.tests.length).toBeGreaterThan(3);
    expect(results.copy).toEqual(results.original);
  }, 600_000);

  it('answers 404 for another organisation’s version and for an unknown one, leaving nothing behind', async () => {
    expectApiError(await yonder.get(`/api/challenge-versions/${demoChallenge.latestVersionId}/export`), 404, 'not_found');
    expectApiError(await demo.get(`/api/challenge-versions/${randomUUID()}/export`), 404, 'not_found');
    await expect.poll(() => scratchFiles(server)).toEqual([]);
  });

  it('lists every version with the assessments that use it, and searches by title, slug and id', async () => {
    const list = await demo.get('/api/challenges?query=BUS-FARES');
    expect(list.status).toBe(200);
    expect(list.body.challenges).toHaveLength(1);
    const [challenge] = list.body.challenges;
    expect(challenge).toMatchObject({ id: demoChallenge.id, slug: 'bus-fares', archivedAt: null });
    expect(challenge.versions).toHaveLength(1);
    expect(challenge.versions[0].usedBy).toEqual([{ assessmentId: expect.any(String), title: expect.stringMatching(/^Round /) }]);
    expect((await demo.get(`/api/challenges?query=${demoChallenge.id}`)).body.challenges.map((c: { slug: string }) => c.slug)).toEqual(['bus-fares']);
    expect((await demo.get(`/api/challenges?query=${demoChallenge.latestVersionId}`)).body.challenges.map((c: { slug: string }) => c.slug)).toEqual(['bus-fares']);
    expect((await demo.get('/api/challenges?query=no-such-thing')).body.challenges).toEqual([]);
    // The demo's own challenges are there too, with the demo assessment using them.
    const all = (await demo.get('/api/challenges')).body.challenges as { slug: string; versions: { usedBy: { title: string }[] }[] }[];
    expect(all.find((c) => c.slug === 'log-aggregation')?.versions[0]?.usedBy.map((u) => u.title)).toContain('Demo assessment');
    // Another organisation sees only its own.
    expect(((await yonder.get('/api/challenges')).body.challenges as { id: string }[]).map((c) => c.id)).toEqual([yonderChallenge.id]);
  });

  it('archives: hidden from the default list, shown with archived=true or all, still judged for the assessment that uses it; unarchive brings it back', async () => {
    const attempt = await startedAttempt(server, demo, demoChallenge.id);
    const archived = await demo.post(`/api/challenges/${demoChallenge.id}/archive`);
    expect(archived.status, JSON.stringify(archived.body)).toBe(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    const slugs = async (query: string) => ((await demo.get(`/api/challenges${query}`)).body.challenges as { slug: string }[]).map((c) => c.slug);
    expect(await slugs('')).not.toContain('bus-fares');
    expect(await slugs('?archived=true')).toEqual(['bus-fares']);
    expect(await slugs('?archived=all')).toContain('bus-fares');
    expect(await slugs('?archived=all')).toContain('log-aggregation');

    const accepted = await readFile(path.join(BUS_FARES, 'submissions/accepted/solution.py'), 'utf8');
    expect(await judgedAs(demo, attempt, accepted)).toMatchObject({ verdict: 'accepted', score: 100 });

    expectApiError(await yonder.post(`/api/challenges/${demoChallenge.id}/archive`), 404, 'not_found');
    const back = await demo.post(`/api/challenges/${demoChallenge.id}/unarchive`);
    expect(back.body.archivedAt).toBeNull();
    expect(await slugs('')).toContain('bus-fares');
  }, 300_000);
});


/** A GET whose answer is bytes, with the client's cookies. */
function download(client: ApiClient, pathname: string): Promise<Response> {
  return fetch(`${client.baseUrl}${pathname}`, { headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
}

async function scratchFiles(server: TestServer): Promise<string[]> {
  const tmp = path.join(server.dataDir, 'tmp');
  const found: string[] = [];
  for (const dir of await readdir(tmp)) found.push(...(await readdir(path.join(tmp, dir))));
  return found;
}
