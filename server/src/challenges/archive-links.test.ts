import { describe, expect, it } from 'vitest';
import { copyOrder, resolveLinks, type ArchiveLink } from './archive-links.ts';

const symlink = (path: string, target: string): ArchiveLink => ({ parts: path.split('/'), target, hard: false });
const hardlink = (path: string, target: string): ArchiveLink => ({ parts: path.split('/'), target, hard: true });
const resolved = (links: ArchiveLink[]) => Object.fromEntries([...resolveLinks(links)].map(([name, parts]) => [name, parts.join('/')]));

describe('resolveLinks', () => {
  it('resolves relative to the link\'s folder, hard links to the root', () => {
    expect(resolved([symlink('data/secret/g2', 'g1'), hardlink('data/b.ans', 'data/a.ans'), symlink('x/y', '../data/./secret//g1/')])).toEqual({
      'data/secret/g2': 'data/secret/g1',
      'data/b.ans': 'data/a.ans',
      'x/y': 'data/secret/g1',
    });
  });

  it('follows links on the way, and applies .. after a linked folder to where it led', () => {
    // shortcut -> data/secret; shortcut/../sample is data/sample, not ./sample.
    expect(resolved([symlink('shortcut', 'data/secret'), symlink('s', 'shortcut/../sample'), symlink('t', 's/1.in')])).toEqual({
      shortcut: 'data/secret',
      s: 'data/sample',
      t: 'data/sample/1.in',
    });
  });

  it.each([
    ['an absolute target', [symlink('a', '/etc/passwd')], /absolute path/],
    ['a Windows drive', [symlink('a', 'C:/x')], /absolute path/],
    ['.. above the root', [symlink('data/a', '../../x')], /leads outside the package: data\/a/],
    ['a chain that climbs out', [symlink('d/e/up', '..'), symlink('d/e/f', 'up/../..')], /leads outside the package: d\/e\/f/],
    ['a hard link with ..', [hardlink('a', '../x')], /leads outside/],
    ['a loop', [symlink('a', 'b'), symlink('b', 'a')], /loop of links/],
    ['itself', [symlink('a', 'a')], /loop of links|itself/],
    ['the whole package', [symlink('d/a', '..')], /whole package/],
    ['an empty target', [symlink('a', '')], /empty target/],
  ])('refuses %s', (_what, links, message) => {
    expect(() => resolveLinks(links)).toThrow(message);
  });
});

describe('copyOrder', () => {
  it('copies a link only after the links under what it leads to', () => {
    const links = [symlink('a', 'g1'), symlink('g1/inner', '../g0'), symlink('b', 'a/inner/x.in')];
    // b leads (through a, g1 and g1/inner) to g0/x.in; a leads to g1, which holds the link g1/inner.
    expect(resolved(links)).toEqual({ a: 'g1', 'g1/inner': 'g0', b: 'g0/x.in' });
    expect(copyOrder(links, resolveLinks(links))).toEqual(['b', 'g1/inner', 'a']);
  });

  it('refuses a folder link that holds itself', () => {
    const links = [symlink('data/g1/again', '..')];
    expect(() => copyOrder(links, resolveLinks(links))).toThrow(/holds it, a loop/);
  });
});
