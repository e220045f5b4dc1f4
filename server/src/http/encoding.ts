/**
 * Content negotiation for the client's precompressed files: which encoding
 * to send, and how long a file may be cached. Pure functions of headers and
 * paths, tested without a server.
 */

/** The encodings the client build writes beside a file, best first, with the suffix of their file. */
export const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;
export type Precompressed = (typeof PRECOMPRESSED)[number];

/**
 * The best of `available` that an `Accept-Encoding` header accepts: the
 * highest weight wins and a tie goes to the order of PRECOMPRESSED (brotli
 * first: smaller than gzip for the same file). Undefined means the plain
 * file: no header, nothing acceptable, or `identity` weighted higher than
 * every variant.
 *
 * @example chooseEncoding('gzip, deflate, br, zstd', PRECOMPRESSED) // { encoding: 'br', … }
 */
export function chooseEncoding(header: string | undefined, available: readonly Precompressed[]): Precompressed | undefined {
  if (!header) return undefined;
  const weights = parseWeights(header);
  const weightOf = (coding: string) => weights.get(coding) ?? (coding === 'identity' ? undefined : weights.get('*'));
  let best: { variant: Precompressed; q: number } | undefined;
  for (const variant of PRECOMPRESSED) {
    if (!available.includes(variant)) continue;
    const q = weightOf(variant.encoding) ?? (variant.encoding === 'gzip' ? weights.get('x-gzip') : undefined) ?? 0;
    if (q > 0 && (!best || q > best.q)) best = { variant, q };
  }
  if (!best) return undefined;
  const identity = weights.get('identity');
  return identity !== undefined && identity > best.q ? undefined : best.variant;
}

/** `gzip;q=0.5, br` → gzip 0.5, br 1. An entry whose weight does not parse is left out. */
function parseWeights(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const entry of header.split(',')) {
    const [coding, ...params] = entry.split(';').map((part) => part.trim());
    if (!coding) continue;
    let q = 1;
    for (const param of params) {
      const match = /^q\s*=\s*([01](?:\.\d{0,3})?)$/i.exec(param);
      if (match) q = Number(match[1]);
      else if (/^q\s*=/i.test(param)) q = Number.NaN;
    }
    if (!Number.isNaN(q) && q <= 1) weights.set(coding.toLowerCase(), q);
  }
  return weights;
}

/**
 * How long a client file may be kept. Vite names everything under
 * `assets/` after its content, so those never change: a year, immutable.
 * Every other file — `index.html`, the service worker and its registration,
 * the web manifest, icons — keeps its name across builds and must be asked
 * for again each time (`no-cache`); its ETag and Last-Modified turn an
 * unchanged one into a small 304.
 */
export function cacheControlFor(relativePath: string): string {
  return isHashedAsset(relativePath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export const isHashedAsset = (relativePath: string) => relativePath.replace(/^\/+/, '').startsWith('assets/');

/** Top-level fields of an API answer that hold a secret: the CSRF token, an invite's link token, the sheet's links. */
const SECRET_FIELDS = ['csrfToken', 'token', 'slips'] as const;

/**
 * BREACH: compressing a secret in the same answer as text an attacker can
 * choose lets the attacker learn the secret from the compressed length. An
 * answer that carries a secret (a session with its CSRF token, which also
 * holds the candidate's drafts and names; a new invite's token) is sent
 * uncompressed — they are small — with `no-transform` so a proxy in front
 * does not compress it either. Every other answer holds no secret.
 */
export function carriesSecret(body: unknown): boolean {
  return typeof body === 'object' && body !== null && SECRET_FIELDS.some((field) => field in body);
}
