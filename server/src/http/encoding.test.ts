import { describe, expect, it } from 'vitest';
import { cacheControlFor, carriesSecret, chooseEncoding, PRECOMPRESSED } from './encoding.ts';

const [BR, GZIP] = PRECOMPRESSED;
const both = [BR, GZIP];
const pick = (header: string | undefined, available = both) => chooseEncoding(header, available)?.encoding ?? 'identity';

describe('chooseEncoding', () => {
  it('sends brotli to a browser that accepts it, whatever order it lists encodings in', () => {
    expect(pick('gzip, deflate, br, zstd')).toBe('br');
    expect(pick('br, gzip')).toBe('br');
    expect(pick('*')).toBe('br');
  });

  it('falls back to gzip, then to the plain file', () => {
    expect(pick('gzip, deflate')).toBe('gzip');
    expect(pick('x-gzip')).toBe('gzip');
    expect(pick('br;q=0, gzip')).toBe('gzip');
    expect(pick('gzip, br', [GZIP])).toBe('gzip');
    expect(pick('br', [GZIP])).toBe('identity');
    expect(pick(undefined)).toBe('identity');
    expect(pick('')).toBe('identity');
    expect(pick('identity')).toBe('identity');
    expect(pick('deflate')).toBe('identity');
    expect(pick('gzip, br', [])).toBe('identity');
  });

  it('follows the weights the client gives', () => {
    expect(pick('gzip;q=0.9, br;q=0.5')).toBe('gzip');
    expect(pick('GZIP;Q=1, br;q=0.999')).toBe('gzip');
    expect(pick('*;q=0')).toBe('identity');
    expect(pick('gzip;q=0, *')).toBe('br');
    expect(pick('br;q=0.2, identity;q=0.5')).toBe('identity');
  });

  it('ignores entries it cannot read rather than guessing', () => {
    expect(pick('br;q=2, gzip')).toBe('gzip');
    expect(pick('br;q=high, gzip;q=0.1')).toBe('gzip');
    expect(pick(' , ;q=1, br')).toBe('br');
  });
});

describe('cacheControlFor', () => {
  it('keeps content-hashed assets for a year and revalidates everything else', () => {
    expect(cacheControlFor('assets/index-B1x2c3d4.js')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('index.html')).toBe('no-cache');
    expect(cacheControlFor('sw.js')).toBe('no-cache');
    expect(cacheControlFor('manifest.webmanifest')).toBe('no-cache');
    expect(cacheControlFor('assets-not-really/x.js')).toBe('no-cache');
  });
});

describe('carriesSecret', () => {
  it('finds a CSRF token or an invite token at the top of an answer', () => {
    expect(carriesSecret({ csrfToken: 'x', attempt: {} })).toBe(true);
    expect(carriesSecret({ invite: {}, token: 't', url: 'u' })).toBe(true);
    expect(carriesSecret({ submissions: [] })).toBe(false);
    expect(carriesSecret([{ csrfToken: 'x' }])).toBe(false);
    expect(carriesSecret(null)).toBe(false);
  });
});
