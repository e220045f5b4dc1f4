/**
 * Zip packages through the real upload route (red team 25 and 27 for zip):
 * a Kodbro package as a zip is published whatever type it is sent as; every
 * hostile zip — traversal, absolute paths, backslashes, links, too many
 * entries, a bomb — is refused with its code and a message in words, and
 * nothing is stored: no challenge, no stored bytes, no scratch file.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, expectApiError, startTestServer, type TestServer } from '../support/server.ts';
import { REPO_ROOT } from '../support/sandbox.ts';
import { packageZip, withName, zipOf } from '../support/zip.ts';

const SUM = path.join(REPO_ROOT, 'tests/fixtures/packages/sum');

describe('zip packages uploaded to a real server', () => {
  let server: TestServer;
  let staff: ApiClient;
  let slugsBefore: string[];
  let bytesBefore: number;

  const slugs = async () => ((await staff.get('/api/challenges')).body.challenges as { slug: string }[]).map((c) => c.slug).sort();
  const storedBytes = async () => server.server.store.storedPackageBytes((await server.server.store.findOrganisationBySlug('demo'))!.id);
  const scratchFiles = async () => {
    const tmp = path.join(server.dataDir, 'tmp');
    const found: string[] = [];
    for (const dir of await readdir(tmp)) found.push(...(await readdir(path.join(tmp, dir))));
    return found;
  };
  const upload = (zip: Buffer, contentType = 'application/zip') => staff.request('POST', '/api/challenges', { rawBody: zip, contentType });

  beforeAll(async () => {
    server = await startTestServer({ KODBRO_WORKERS: '0' });
    staff = new ApiClient(server.url);
    await staff.login();
    slugsBefore = await slugs();
    bytesBefore = await storedBytes();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  const hostile: Array<{ what: string; zip: () => Promise<Buffer>; status: number; code: string; message: RegExp }> = [
    {
      what: 'an entry outside its folder',
      zip: async () => withName(await packageZip(SUM, [{ name: 'zz/zz/evil', content: 'x' }]), 'zz/zz/evil', '../../evil'),
      status: 422,
      code: 'package_unsafe_path',
      message: /^The archive has an entry outside its folder: \.\.\/\.\.\/evil$/,
    },
    {
      what: 'an absolute path',
      zip: async () => withName(await zipOf([{ name: 'ztmp/evil', content: 'x' }]), 'ztmp/evil', '/tmp/evil'),
      status: 422,
      code: 'package_unsafe_path',
      message: /absolute path: \/tmp\/evil/,
    },
    {
      what: 'a drive letter',
      zip: async () => withName(await zipOf([{ name: 'Cz/evil', content: 'x' }]), 'Cz/evil', 'C:/evil'),
      status: 422,
      code: 'package_unsafe_path',
      message: /absolute path: C:\/evil/,
    },
    {
      what: 'a backslash',
      zip: async () => withName(await zipOf([{ name: 'zz_zz_evil', content: 'x' }]), 'zz_zz_evil', '..\\..\\evil'),
      status: 422,
      code: 'package_unsafe_path',
      message: /backslash/,
    },
    {
      what: 'a symlink out of the package',
      zip: () => packageZip(SUM, [{ name: 'sum/tests/hidden/9.in', content: '/etc/passwd', mode: 0o120777, compress: false }]),
      status: 422,
      code: 'package_unsafe_path',
      message: /^The archive has a link to an absolute path, outside the package: sum\/tests\/hidden\/9\.in -> \/etc\/passwd$/,
    },
    {
      what: 'more than 10 000 entries',
      zip: () => zipOf(Array.from({ length: 10_001 }, (_, i) => ({ name: `f/${i}`, content: '', compress: false }))),
      status: 413,
      code: 'package_too_large',
      message: /more than 10000 entries/,
    },
    {
      what: 'a compression bomb (24 MB of zeros in a few KB)',
      zip: () => zipOf([{ name: 'sum/tests/hidden/bomb.in', content: Buffer.alloc(24 * 1024 * 1024) }]),
      status: 413,
      code: 'package_too_large',
      message: /expands more than 200 times/,
    },
    {
      what: 'a zip that holds no package, without naming the server’s folders',
      zip: () => zipOf([{ name: 'notes/readme.txt', content: 'no manifest here' }]),
      status: 422,
      code: 'package_invalid',
      message: /^The package holds neither kodbro\.yaml \(Kodbro\) nor problem\.yaml \(Kattis\), at its top or in its one folder$/,
    },
    {
      what: 'bytes that are no archive',
      zip: async () => Buffer.from('just some text, sent as a zip'),
      status: 422,
      code: 'package_invalid',
      message: /not a zip, tar or gzip-compressed tar/,
    },
  ];

  for (const attack of hostile) {
    it(`refuses ${attack.what} with ${attack.status} ${attack.code}, storing nothing`, async () => {
      const response = await upload(await attack.zip());
      expectApiError(response, attack.status, attack.code);
      expect(response.body.error.message).toMatch(attack.message);
      expect(await slugs()).toEqual(slugsBefore);
      expect(await storedBytes()).toBe(bytesBefore);
      expect(await scratchFiles()).toEqual([]);
    });
  }

  it('publishes a Kodbro package sent as a zip, whatever type it is sent as, and the same zip again is the same version', async () => {
    const zip = await packageZip(SUM);
    const first = await upload(zip, 'application/octet-stream');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.challenge.slug).toBe('sum');
    const again = await upload(zip, 'application/gzip');
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ created: false, version: { id: first.body.version.id } });
    expect(await scratchFiles()).toEqual([]);
  });

  it('still refuses a body sent as something other than an archive, unread', async () => {
    expectApiError(await upload(await packageZip(SUM), 'text/plain'), 415, 'unsupported_media_type');
  });
});
