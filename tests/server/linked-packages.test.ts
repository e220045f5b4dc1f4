/**
 * Uploads of packages whose test data is shared through symbolic links, as in
 * real problem archives (issue 16): a link that stays inside the package is
 * stored as a copy of what it leads to and judged like any test; a link that
 * leaves the package, by `..`, by an absolute path or by a chain of links, is
 * refused with package_unsafe_path and nothing is stored.
 */
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgedAs, startedAttempt } from '../support/attempts.ts';
import { ApiClient, expectApiError, folderEntries, folderTarGz, startTestServer, tarGz, type TestServer } from '../support/server.ts';
import { REPO_ROOT } from '../support/sandbox.ts';

const SHARED_CASES = path.join(REPO_ROOT, 'tests/fixtures/kattis/shared-cases');

describe('uploading a package with links', () => {
  let server: TestServer;
  let staff: ApiClient;

  beforeAll(async () => {
    server = await startTestServer();
    staff = new ApiClient(server.url);
    await staff.login();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  const upload = async (archive: Buffer) => staff.request('POST', '/api/challenges', { rawBody: archive, contentType: 'application/gzip' });

  it('stores links inside the package as copies and judges the shared cases', async () => {
    const published = await upload(await folderTarGz(SHARED_CASES));
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body.challenge).toMatchObject({ slug: 'shared-cases', title: 'Warehouse stock' });

    const attempt = await startedAttempt(server, staff, published.body.challenge.id);
    const wrong = await judgedAs(staff, attempt, await readFile(path.join(SHARED_CASES, 'submissions/wrong_answer/first-five.py'), 'utf8'));
    // Group 2 holds group 1's three cases (links) and two of its own.
    expect(wrong).toEqual({
      verdict: 'wrong_answer',
      score: 40,
      groups: [
        [40, 40],
        [60, 0],
      ],
      tests: ['accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'accepted', 'wrong_answer', 'wrong_answer'],
    });
    const right = await judgedAs(staff, attempt, await readFile(path.join(SHARED_CASES, 'submissions/accepted/solution.py'), 'utf8'));
    expect(right).toMatchObject({ verdict: 'accepted', score: 100 });
  }, 300_000);

  // The fixture's entries, links kept as links, with one answer replaced by a hostile link.
  const base = async () => (await folderEntries(SHARED_CASES, 'shared-cases/')).filter((entry) => !entry.name.includes('group2/03-extremes.ans'));
  const escapes: [string, { name: string; linkname: string }[]][] = [
    ['by ..', [{ name: 'shared-cases/data/secret/group2/03-extremes.ans', linkname: '../../../../../outside.ans' }]],
    ['by an absolute path', [{ name: 'shared-cases/data/secret/group2/03-extremes.ans', linkname: '/etc/hostname' }]],
    [
      'by a chain of links',
      [
        { name: 'shared-cases/data/secret/up', linkname: '../sample' },
        { name: 'shared-cases/data/secret/group2/03-extremes.ans', linkname: '../up/../../../..' },
      ],
    ],
  ];

  it.each(escapes)('refuses a link that leaves the package %s, storing nothing', async (_how, links) => {
    const before = (await staff.get('/api/challenges?archived=all')).body.challenges.length as number;
    const refused = await upload(await tarGz([...(await base()), ...links]));
    expectApiError(refused, 422, 'package_unsafe_path');
    expect(refused.body.error.message).toMatch(/leads outside the package|absolute path, outside the package/);
    expect((await staff.get('/api/challenges?archived=all')).body.challenges.length).toBe(before);
  });
});
