/**
 * Statements through a real server: a Kattis package with a LaTeX statement
 * and an image is published over HTTP; the candidate receives the statement
 * as a tree (math as MathML, the image as a file of the version) and the
 * image route serves the PNG's bytes with strict headers, and nothing that
 * is not a statement image. The 1 KB archive whose LaTeX repeats
 * `\section{` 40,000 times no longer holds the server for most of a minute.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, expectApiError, packageTarGz, startTestServer, type TestServer } from '../support/server.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A 2×1 PNG: a real image's bytes, checked byte for byte after the round trip. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000002000000010802000000f4226f1e0000000f4944415478da63f8cfc0f01f000503020014c80de10000000049454e44ae426082', 'hex');
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>';

const STATEMENT = String.raw`\problemname{Ferry queue}
Cars wait for the ferry in a queue of $n$ cars ($1 \le n \le 10^5$).
\illustration{0.3}{ferry}{A ferry and its queue}
\section*{Input}
\begin{itemize}
  \item The first line holds $n$.
\end{itemize}
`;

let server: TestServer;
let staff: ApiClient;
let work: string;

async function kattisPackage(name: string, files: Record<string, string | Buffer>): Promise<Buffer> {
  const root = path.join(work, name);
  for (const [file, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
  }
  return packageTarGz(root);
}

const basics = {
  'problem.yaml': 'name: Ferry queue\n',
  'data/sample/1.in': '1\n',
  'data/sample/1.ans': '1\n',
  'data/secret/1.in': '2\n',
  'data/secret/1.ans': '2\n',
};

/** GET with the client's cookies, keeping the body as bytes. */
async function getBytes(client: ApiClient, urlPath: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const response = await fetch(`${server.url}${urlPath}`, { headers: cookie ? { cookie } : {} });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'kodbro-statements-'));
  server = await startTestServer({ KODBRO_WORKERS: '0' });
  staff = new ApiClient(server.url);
  await staff.login();
}, 120_000);
afterAll(async () => {
  await server?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('a Kattis statement with an image, through the API', () => {
  let versionId: string;
  let candidate: ApiClient;

  it('publishes, and the candidate gets the statement as a tree with MathML and the image', async () => {
    const archive = await kattisPackage('ferry-queue', {
      ...basics,
      'problem_statement/problem.en.tex': STATEMENT,
      'problem_statement/ferry.png': PNG,
      'problem_statement/drawing.svg': SVG,
      'problem_statement/notes.txt': 'author notes, not for candidates\n',
    });
    const published = await staff.request('POST', '/api/challenges', { rawBody: archive, contentType: 'application/gzip' });
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body.warnings.filter((w: string) => w.startsWith('statement'))).toEqual([]);
    versionId = published.body.version.id;

    const assessment = await staff.post('/api/assessments', {
      title: 'Ferries',
      timeLimitMinutes: 30,
      opensAt: new Date(Date.now() - DAY_MS).toISOString(),
      closesAt: new Date(Date.now() + DAY_MS).toISOString(),
      resultsVisibility: 'samples',
      challengeIds: [published.body.challenge.id],
    });
    expect(assessment.status).toBe(201);
    const invite = await staff.post(`/api/assessments/${assessment.body.id}/invites`, { candidateName: 'Fia Ferry' });
    candidate = new ApiClient(server.url);
    await candidate.openInvite({ token: invite.body.token });

    // Before Start, the image is refused like the statement is.
    expectApiError(await candidate.get(`/api/candidate/challenges/${versionId}/files/ferry.png`), 409, 'attempt_not_started');
    expect((await candidate.post('/api/candidate/attempt/start')).status).toBe(200);

    const view = await candidate.get(`/api/candidate/challenges/${versionId}`);
    expect(view.status).toBe(200);
    const doc = view.body.statements.en;
    expect(doc.children[0]).toEqual({ type: 'heading', depth: 1, children: ['Ferry queue'] });
    expect(doc.children[1].type).toBe('paragraph');
    expect(doc.children[1].children.slice(0, 2)).toEqual([
      'Cars wait for the ferry in a queue of ',
      { type: 'math', display: false, tex: 'n', mathml: { tag: 'math', children: [{ tag: 'mi', children: ['n'] }] } },
    ]);
    expect(doc.children[2]).toEqual({ type: 'paragraph', children: [{ type: 'image', file: 'ferry.png', alt: 'A ferry and its queue' }] });
    expect(doc.children[3]).toEqual({ type: 'heading', depth: 2, children: ['Input'] });
    expect(JSON.stringify(doc)).not.toContain('notes.txt');
  });

  it('serves the image bytes with their type, nosniff, a strict CSP and a private immutable cache', async () => {
    const image = await getBytes(candidate, `/api/candidate/challenges/${versionId}/files/ferry.png`);
    expect(image.status).toBe(200);
    expect(image.bytes.equals(PNG)).toBe(true);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
    expect(image.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');

    const svg = await getBytes(candidate, `/api/candidate/challenges/${versionId}/files/drawing.svg`);
    expect(svg.status).toBe(200);
    expect(svg.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    expect(svg.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");

    // Staff preview the same version through their own route.
    const preview = await getBytes(staff, `/api/challenge-versions/${versionId}/files/ferry.png`);
    expect(preview.status).toBe(200);
    expect(preview.bytes.equals(PNG)).toBe(true);
  });

  it('serves nothing else: other files, unknown names, paths and other versions are 404', async () => {
    expectApiError(await candidate.get(`/api/candidate/challenges/${versionId}/files/notes.txt`), 404, 'not_found');
    expectApiError(await candidate.get(`/api/candidate/challenges/${versionId}/files/problem.en.tex`), 404, 'not_found');
    expectApiError(await candidate.get(`/api/candidate/challenges/${versionId}/files/missing.png`), 404, 'not_found');
    expectApiError(await candidate.get(`/api/candidate/challenges/${versionId}/files/..%2Fproblem.yaml`), 400, 'invalid_request');
    expectApiError(await staff.get(`/api/challenge-versions/${versionId}/files/notes.txt`), 404, 'not_found');
    const demo = (await staff.get('/api/challenges')).body.challenges.find((c: { slug: string }) => c.slug === 'log-aggregation');
    // A version outside the candidate's assessment, though it has this image name's sibling.
    expectApiError(await candidate.get(`/api/candidate/challenges/${demo.latestVersionId}/files/percentile.svg`), 404, 'not_found');
  });
});

describe('the issue: a hostile LaTeX statement', () => {
  it('a 1 KB archive with 40,000 unbalanced \\section{ is answered at once (its 360 KB source is too long to show)', async () => {
    const archive = await kattisPackage('sections', { ...basics, 'problem_statement/problem.en.tex': '\\section{'.repeat(40_000) });
    expect(archive.length).toBeLessThan(4096);
    const started = Date.now();
    const health = (async () => {
      // The server keeps answering while it works on the upload.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const t = Date.now();
      const response = await fetch(`${server.url}/api/health`);
      return { status: response.status, ms: Date.now() - t };
    })();
    const published = await staff.request('POST', '/api/challenges', { rawBody: archive, contentType: 'application/gzip' });
    const elapsed = Date.now() - started;
    expect((await health).status).toBe(200);
    expect(elapsed).toBeLessThan(10_000); // was 53 s
    expectApiError(published, 422, 'package_invalid');
    expect(published.body.error.message).toBe('The package cannot be used: statement en: is longer than 128 KB; it is cut there');

    // The same mistake at a readable size is published, shown as its source, with the reason.
    const small = await kattisPackage('sections-small', { ...basics, 'problem_statement/problem.en.tex': '\\section{'.repeat(2_000) });
    const shown = await staff.request('POST', '/api/challenges', { rawBody: small, contentType: 'application/gzip' });
    expect(shown.status, JSON.stringify(shown.body)).toBe(201);
    expect(shown.body.warnings).toContain('statement en: has a { without its }; it is shown to candidates as LaTeX source');
  });
});
