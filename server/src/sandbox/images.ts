import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { KodbroError } from '../errors.ts';
import { dockerFailure } from './docker.ts';
import { tarFiles, type TarEntry } from './tar.ts';

/** The repository's runner-images folder. */
export const RUNNER_IMAGES_DIR = path.resolve(import.meta.dirname, '../../../runner-images');
export const ROOTFS_IMAGE = 'kodbro/rootfs:bookworm';
const LABEL_HASH = 'org.kodbro.content-hash';

export interface ImageTags {
  base: string;
  /** Image tag per runner-images folder (`python`, `cpp`, …). */
  languages: Record<string, string>;
}

export type ProgressFn = (line: string) => void;

/**
 * Tags carry a hash of the folder's files (and the base's for language
 * images), so a changed Dockerfile gives a new tag and an unchanged one is
 * found and skipped.
 */
export async function computeImageTags(): Promise<ImageTags> {
  const languages: Record<string, string> = {};
  for (const folder of await languageFolders()) languages[folder] = languageTag(folder);
  return { base: baseTag(), languages };
}

/** The image tag for a runner-images folder. */
export async function imageFor(folder: string): Promise<string> {
  return languageTag(folder);
}

async function languageFolders(): Promise<string[]> {
  const entries = await readdir(RUNNER_IMAGES_DIR, { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory() && entry.name !== 'base').map((entry) => entry.name);
}

const baseTag = () => `kodbro/base:${folderHash('base').slice(0, 16)}`;

function languageTag(folder: string): string {
  const hash = createHash('sha256').update(folderHash('base')).update(folderHash(folder)).digest('hex');
  return `kodbro/${folder}:${hash.slice(0, 16)}`;
}

const folderHashes = new Map<string, string>();

/**
 * A runner-images folder's hash, read once per process (a running process
 * judges with the images it started with). The files are few and small, and
 * read without yielding: the CLI asks for its box while its modules load,
 * and an awaited read would wait for the busy event loop at every step.
 */
function folderHash(folder: string): string {
  let digest = folderHashes.get(folder);
  if (digest === undefined) {
    const hash = createHash('sha256');
    for (const file of listFiles(path.join(RUNNER_IMAGES_DIR, folder))) {
      hash.update(file.path).update('\0').update(String(file.mode)).update('\0').update(file.content).update('\0');
    }
    digest = hash.digest('hex');
    folderHashes.set(folder, digest);
  }
  return digest;
}

/** A runner-images folder's files (a Dockerfile and a few scripts), in name order. */
function listFiles(dir: string): TarEntry[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    throw new KodbroError('image_missing', `Missing runner image folder ${dir}`);
  }
  const files: TarEntry[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isFile()) continue;
    const full = path.join(dir, entry.name);
    files.push({ path: entry.name, content: readFileSync(full), mode: statSync(full).mode & 0o777 });
  }
  return files;
}

export async function imageExists(docker: Docker, tag: string): Promise<boolean> {
  try {
    await docker.getImage(tag).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw dockerFailure(`inspect image ${tag}`, error);
  }
}

export interface BuildOptions {
  /** Build only these runner-images folders (and the base); default all. */
  only?: readonly string[];
  progress: ProgressFn;
}

/** Builds the base image and the language images that are not up to date. Returns what was built. */
export async function buildImages(docker: Docker, options: BuildOptions): Promise<string[]> {
  const folders = await languageFolders();
  const wanted = options.only ?? folders;
  for (const folder of wanted) {
    if (!folders.includes(folder)) throw new KodbroError('invalid_argument', `No runner image for ${folder}; known: ${folders.join(', ')}`);
  }
  const base = baseTag();
  const built: string[] = [];
  const say = options.progress;

  await ensureRootfs(docker, say);
  if (await imageExists(docker, base)) say(`base: up to date (${base})`);
  else {
    await buildOne(docker, path.join(RUNNER_IMAGES_DIR, 'base'), base, { ROOTFS: ROOTFS_IMAGE }, (l) => say(`base: ${l}`));
    built.push(base);
  }
  for (const folder of wanted) {
    const tag = languageTag(folder);
    if (await imageExists(docker, tag)) {
      say(`${folder}: up to date (${tag})`);
      continue;
    }
    await buildOne(docker, path.join(RUNNER_IMAGES_DIR, folder), tag, { BASE: base }, (l) => say(`${folder}: ${l}`));
    built.push(tag);
  }
  return built;
}

async function buildOne(docker: Docker, dir: string, tag: string, buildargs: Record<string, string>, say: ProgressFn): Promise<void> {
  say(`building ${tag}`);
  const started = Date.now();
  const context = await tarFiles(listFiles(dir));
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.buildImage(Readable.from([context]), {
      t: tag,
      buildargs,
      labels: { [LABEL_HASH]: tag.split(':')[1] ?? '' },
      rm: true,
      forcerm: true,
    });
  } catch (error) {
    throw dockerFailure(`build ${tag}`, error);
  }
  await followProgress(docker, stream, say, `build ${tag}`);
  if (!(await imageExists(docker, tag))) throw new KodbroError('sandbox_failed', `Building ${tag} finished without the image`);
  say(`built ${tag} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function followProgress(docker: Docker, stream: NodeJS.ReadableStream, say: ProgressFn, action: string): Promise<void> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (error: Error | null, output: Array<{ error?: string }>) => {
        const failed = error ?? output.find((o) => o.error);
        if (failed) reject(new KodbroError('sandbox_failed', `Docker failed to ${action}: ${failed instanceof Error ? failed.message : failed.error}`));
        else resolve();
      },
      (event: { stream?: string; status?: string; error?: string }) => {
        const text = (event.stream ?? event.status ?? event.error ?? '').trim();
        if (text && /^(Step \d|Successfully|ERROR|E: |error)/i.test(text)) say(text);
      },
    );
  });
}

/**
 * The Debian root file system every runner image starts from: pulled when a
 * registry answers, otherwise made with debootstrap from the machine's own
 * apt mirror and imported.
 */
async function ensureRootfs(docker: Docker, say: ProgressFn): Promise<void> {
  if (await imageExists(docker, ROOTFS_IMAGE)) {
    say(`rootfs: up to date (${ROOTFS_IMAGE})`);
    return;
  }
  if (await tryPull(docker, 'debian:bookworm-slim', say)) {
    await docker.getImage('debian:bookworm-slim').tag({ repo: 'kodbro/rootfs', tag: 'bookworm' });
    return;
  }
  await debootstrapAndImport(docker, say);
}

async function tryPull(docker: Docker, image: string, say: ProgressFn): Promise<boolean> {
  say(`rootfs: trying docker pull ${image}`);
  try {
    const stream = await Promise.race([
      docker.pull(image),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timed out')), 30_000).unref()),
    ]);
    await followProgress(docker, stream, () => {}, `pull ${image}`);
    return true;
  } catch (error) {
    say(`rootfs: no registry answers (${String((error as Error).message).split('\n')[0]}); building with debootstrap`);
    return false;
  }
}

async function debootstrapAndImport(docker: Docker, say: ProgressFn): Promise<void> {
  const target = await mkdtemp(path.join(tmpdir(), 'kodbro-rootfs-'));
  try {
    const mirror = await aptMirror();
    say(`rootfs: debootstrap --variant=minbase bookworm${mirror ? ` from ${mirror}` : ''} (about 30 s)`);
    await run('debootstrap', ['--variant=minbase', 'bookworm', target, ...(mirror ? [mirror] : [])], (line) => {
      if (/^I: (Retrieving|Validating|Extracting|Installing|Configuring|Base system)/.test(line) && /Base system|Retrieving Release|Installing core|Configuring base/.test(line)) say(`rootfs: ${line}`);
    });
    say('rootfs: importing into Docker');
    const tar = spawn('tar', ['-C', target, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const stream = await docker.importImage(tar.stdout, { repo: 'kodbro/rootfs', tag: 'bookworm' });
    await followProgress(docker, stream, () => {}, 'import the root file system');
    say(`rootfs: imported ${ROOTFS_IMAGE}`);
  } finally {
    await rm(target, { recursive: true, force: true });
  }
}

/** The Debian mirror of the machine's own apt sources, so no host is written into the code. */
export async function aptMirror(): Promise<string | null> {
  const deb822 = await readFile('/etc/apt/sources.list.d/debian.sources', 'utf8').catch(() => '');
  for (const stanza of deb822.split(/\n\s*\n/)) {
    if (!/^Suites:.*\bbookworm\b(?!-)/m.test(stanza)) continue;
    const uri = /^URIs:\s*(\S+)/m.exec(stanza)?.[1];
    if (uri && !/security/.test(uri)) return uri;
  }
  const legacy = await readFile('/etc/apt/sources.list', 'utf8').catch(() => '');
  const line = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+bookworm\s/m.exec(legacy);
  return line?.[1] ?? null;
}

function run(command: string, args: string[], onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const feed = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      tail = (tail + text).slice(-4000);
      for (const line of text.split('\n')) if (line.trim()) onLine(line.trim());
    };
    child.stdout.on('data', feed);
    child.stderr.on('data', feed);
    child.on('error', (error) =>
      reject(new KodbroError('sandbox_failed', `${command} could not start (${error.message}); run scripts/docker-up.sh, which installs it`)),
    );
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new KodbroError('sandbox_failed', `${command} exited with ${code}:\n${tail}`)),
    );
  });
}
