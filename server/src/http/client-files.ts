import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type express from 'express';
import { cacheControlFor, chooseEncoding, isHashedAsset, PRECOMPRESSED } from './encoding.ts';

/**
 * The built client (`client/dist`). Every compressible file has a brotli and
 * a gzip copy beside it, written once at build time
 * (`client/scripts/compress.mjs`), so the server never compresses a script
 * per request: it picks the copy the browser accepts (brotli first), and
 * says so with `Content-Encoding` and `Vary: Accept-Encoding`. Content-hashed
 * files under `assets/` are cached for a year; everything else is revalidated
 * each time (ETag and Last-Modified from the file). Other GETs get
 * `index.html` so client-side routes load; a missing `assets/` file is a 404,
 * never the page in its place: HTML where a script was asked for only breaks
 * the page that asked, while a 404 tells it that it is older than the build.
 */
export function serveClient(app: express.Express, clientDir: string): void {
  const root = path.resolve(clientDir);
  app.get(/^(?!\/api\/|\/socket\.io\/).*/, (req, res, next) => {
    serveFile(root, req, res, next).catch(next);
  });
}

async function serveFile(root: string, req: express.Request, res: express.Response, next: express.NextFunction): Promise<void> {
  const relative = servablePath(req.path);
  if (relative !== undefined && (await isFile(path.join(root, relative)))) return sendFile(req, res, next, root, relative);
  if (relative !== undefined && isHashedAsset(relative)) {
    res.status(404).type('text').send('Not found');
    return;
  }
  if (!(await isFile(path.join(root, 'index.html')))) {
    res.status(503).type('text').send('The Kodbro client is not built yet. Run `npm start` (it builds it) or `npm run build -w client`.');
    return;
  }
  return sendFile(req, res, next, root, 'index.html');
}

/**
 * The request path as a path inside the client folder, or undefined when it
 * cannot name a file there: not decodable, a NUL, or any part that starts
 * with a dot (dot files such as `.vite/manifest.json`, and `..`).
 */
function servablePath(requestPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const parts = decoded.split('/').filter((part) => part !== '');
  if (parts.length === 0 || parts.some((part) => part.startsWith('.'))) return undefined;
  return parts.join('/');
}

async function sendFile(req: express.Request, res: express.Response, next: express.NextFunction, root: string, relative: string): Promise<void> {
  const full = path.join(root, relative);
  const copies = await Promise.all(PRECOMPRESSED.map(async (variant) => ({ variant, info: await fileStat(full + variant.suffix) })));
  const available = copies.filter((copy) => copy.info !== undefined).map((copy) => copy.variant);
  const chosen = chooseEncoding(req.headers['accept-encoding'], available);
  const info = chosen ? copies.find((copy) => copy.variant === chosen)?.info : await fileStat(full);
  if (!info) return next(new Error(`${relative} vanished while it was being served`));
  // The type of the file itself, not of its .br or .gz copy.
  res.type(path.extname(relative) || 'application/octet-stream');
  res.setHeader('Cache-Control', cacheControlFor(relative));
  // Every representation of a file that has copies says that the choice depended on Accept-Encoding.
  if (available.length > 0) res.vary('Accept-Encoding');
  if (chosen) res.setHeader('Content-Encoding', chosen.encoding);
  // The app turns express's ETags off (API answers are never cached); files get one per copy, so a 304 is only ever for the bytes the browser holds.
  res.setHeader('ETag', `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}${chosen ? `-${chosen.encoding}` : ''}"`);
  res.sendFile(relative + (chosen?.suffix ?? ''), { root, dotfiles: 'deny', cacheControl: false, lastModified: true }, (error?: Error & { status?: number; headers?: Record<string, string> }) => {
    if (!error || res.headersSent) return;
    // Not satisfiable ranges and failed preconditions are answers, not failures.
    if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
      res.removeHeader('Content-Encoding');
      res.status(error.status).set(error.headers ?? {}).end();
      return;
    }
    next(error);
  });
}

async function fileStat(file: string): Promise<Stats | undefined> {
  return stat(file).then(
    (info) => (info.isFile() ? info : undefined),
    () => undefined,
  );
}

async function isFile(file: string): Promise<boolean> {
  return (await fileStat(file)) !== undefined;
}
