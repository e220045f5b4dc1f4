import { describe, expect, it } from 'vitest';
import { originPolicy } from './origin.ts';

const fixed = (url: string, extra: string[] = []) => originPolicy(() => url, extra);

describe('originPolicy: Host', () => {
  it('serves the public host and port only', () => {
    const policy = fixed('https://kodbro.example.org');
    expect(policy.hostAllowed('kodbro.example.org')).toBe(true);
    expect(policy.hostAllowed('KODBRO.example.org:443')).toBe(true);
    expect(policy.hostAllowed('kodbro.example.org:8443')).toBe(false);
    expect(policy.hostAllowed('evil.example')).toBe(false);
    expect(policy.hostAllowed('kodbro.example.org.evil.example')).toBe(false);
    expect(policy.hostAllowed('localhost:443')).toBe(false);
    expect(policy.hostAllowed(undefined)).toBe(false);
    expect(policy.hostAllowed('')).toBe(false);
    expect(policy.hostAllowed('evil.example@kodbro.example.org')).toBe(false);
    expect(policy.hostAllowed('kodbro.example.org/x')).toBe(false);
  });

  it('on a loopback public URL, every loopback name with the same port', () => {
    const policy = fixed('http://127.0.0.1:3000');
    for (const host of ['127.0.0.1:3000', 'localhost:3000', 'LOCALHOST:3000', '[::1]:3000']) expect(policy.hostAllowed(host), host).toBe(true);
    for (const host of ['127.0.0.1:3001', 'localhost', '127.0.0.1', 'evil.example:3000', '192.168.1.5:3000', '[::2]:3000']) expect(policy.hostAllowed(host), host).toBe(false);
    // A public name never lets loopback aliases in.
    expect(fixed('http://kodbro.lan:3000').hostAllowed('127.0.0.1:3000')).toBe(false);
  });

  it('extra allowed hosts, with or without a port', () => {
    const policy = fixed('https://kodbro.example.org', ['10.0.0.7:3000', 'kodbro-internal', '[fd00::7]:3000']);
    expect(policy.hostAllowed('10.0.0.7:3000')).toBe(true);
    expect(policy.hostAllowed('10.0.0.7:3001')).toBe(false);
    expect(policy.hostAllowed('kodbro-internal:1234')).toBe(true);
    expect(policy.hostAllowed('kodbro-internal')).toBe(true);
    expect(policy.hostAllowed('[fd00::7]:3000')).toBe(true);
    expect(policy.hostAllowed('[fd00::7]:3001')).toBe(false);
    expect(policy.hostAllowed('evil.example')).toBe(false);
  });

  it('reads the public URL at every call (the real port arrives after listening)', () => {
    let url = 'http://127.0.0.1:0';
    const policy = originPolicy(() => url);
    expect(policy.hostAllowed('127.0.0.1:41234')).toBe(false);
    url = 'http://127.0.0.1:41234';
    expect(policy.hostAllowed('127.0.0.1:41234')).toBe(true);
  });
});

describe('originPolicy: Origin', () => {
  it('compares scheme, host and port; a missing Origin passes, null and nonsense do not', () => {
    const policy = fixed('http://127.0.0.1:3000');
    expect(policy.originAllowed('http://127.0.0.1:3000')).toBe(true);
    expect(policy.originAllowed('http://localhost:3000')).toBe(true);
    expect(policy.originAllowed(undefined)).toBe(true);
    expect(policy.originAllowed('https://127.0.0.1:3000')).toBe(false);
    expect(policy.originAllowed('http://127.0.0.1:3001')).toBe(false);
    expect(policy.originAllowed('http://127.0.0.1')).toBe(false);
    expect(policy.originAllowed('https://evil.example')).toBe(false);
    expect(policy.originAllowed('http://evil.example:3000')).toBe(false);
    expect(policy.originAllowed('null')).toBe(false);
    expect(policy.originAllowed('')).toBe(false);
    expect(policy.originAllowed('http://127.0.0.1:3000/path')).toBe(false);
  });

  it('https public URL: the default port is implied, http is another site', () => {
    const policy = fixed('https://kodbro.example.org');
    expect(policy.originAllowed('https://kodbro.example.org')).toBe(true);
    expect(policy.originAllowed('http://kodbro.example.org')).toBe(false);
    expect(policy.originAllowed('https://kodbro.example.org:8443')).toBe(false);
  });
});

describe('originPolicy: socketOrigin', () => {
  it('the ws or wss form of this site only', () => {
    expect(fixed('https://kodbro.example.org').socketOrigin('kodbro.example.org')).toBe('wss://kodbro.example.org');
    expect(fixed('https://kodbro.example.org', ['10.0.0.7:3000']).socketOrigin('10.0.0.7:3000')).toBe('wss://kodbro.example.org');
    expect(fixed('http://127.0.0.1:3000').socketOrigin('localhost:3000')).toBe('ws://localhost:3000');
    expect(fixed('http://127.0.0.1:3000').socketOrigin('evil.example:3000')).toBe('ws://127.0.0.1:3000');
    expect(fixed('http://127.0.0.1:3000').socketOrigin(undefined)).toBe('ws://127.0.0.1:3000');
  });
});
