import { KodbroError } from '../errors.ts';

/*
 * Links in an uploaded package archive. Real problem archives share test data
 * between groups through links (a subtask folder linking the cases of
 * another), so a link is kept when what it leads to stays inside the package
 * and is written out as a copy of it: nothing on disk is ever a link. This
 * module is the pure part: where each link leads, every component resolved
 * the way the kernel would (links on the way, `..` after a linked folder), and
 * in which order the copies can be made. The writing is archive.ts's.
 */

export interface ArchiveLink {
  /** The link's own path in the archive, checked components. */
  parts: readonly string[];
  /** As written in the archive: for a symbolic link relative to its folder, for a hard link to the archive's root. */
  target: string;
  hard: boolean;
}

/** More links than any real package holds; keeps ordering the copies cheap. */
export const MAX_LINKS = 1000;

/** Linux's own limit on links followed in one lookup: a longer chain is a loop. */
const MAX_HOPS = 40;

const key = (parts: readonly string[]) => parts.join('/');

function unsafe(message: string): KodbroError {
  return new KodbroError('package_unsafe_path', `The archive has ${message}`);
}

/**
 * The package path each link leads to, following the other links on the way;
 * refuses a link that leaves the package (an absolute target, `..` above the
 * root, directly or through a chain) or that loops.
 */
export function resolveLinks(links: readonly ArchiveLink[]): Map<string, string[]> {
  const byPath = new Map(links.map((link) => [key(link.parts), link]));
  const resolved = new Map<string, string[]>();
  for (const link of links) resolved.set(key(link.parts), resolveOne(link, byPath));
  return resolved;
}

function resolveOne(link: ArchiveLink, byPath: ReadonlyMap<string, ArchiveLink>): string[] {
  const name = key(link.parts);
  const hops = { count: 0 };
  const start = link.hard ? [] : link.parts.slice(0, -1);
  const walk = (base: readonly string[], target: string): string[] => {
    if (target === '') throw unsafe(`a link with an empty target: ${name}`);
    if (target.startsWith('/') || /^[A-Za-z]:/.test(target) || target.includes('\\')) {
      throw unsafe(`a link to an absolute path, outside the package: ${name} -> ${target}`);
    }
    const stack = [...base];
    for (const part of target.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') {
        if (stack.length === 0) throw unsafe(`a link that leads outside the package: ${name} -> ${target}`);
        stack.pop();
        continue;
      }
      stack.push(part);
      const through = byPath.get(key(stack));
      if (through) {
        hops.count += 1;
        if (hops.count > MAX_HOPS) throw unsafe(`a loop of links: ${name}`);
        const next = walk(through.hard ? [] : stack.slice(0, -1), through.target);
        stack.splice(0, stack.length, ...next);
      }
    }
    return stack;
  };
  const target = walk(start, link.target);
  if (key(target) === name || target.length === 0) throw unsafe(`a link to itself or to the whole package: ${name}`);
  return target;
}

/**
 * An order in which the copies can be made: a link is copied once nothing it
 * leads to (the target and, for a folder, everything under it) is a link not
 * yet copied. Links left over lead into themselves: a loop, refused.
 */
export function copyOrder(links: readonly ArchiveLink[], targets: ReadonlyMap<string, readonly string[]>): string[] {
  const pending = new Set(links.map((link) => key(link.parts)));
  const order: string[] = [];
  while (pending.size > 0) {
    const sorted = [...pending].sort(byCodeUnit);
    const ready = sorted.filter((name) => !holdsAny(sorted, key(targets.get(name) ?? [])));
    if (ready.length === 0) throw unsafe(`a link to a folder that holds it, a loop: ${sorted[0] as string}`);
    for (const name of ready) {
      pending.delete(name);
      order.push(name);
    }
  }
  return order;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Whether `sorted` holds `path` itself or anything under it (two binary searches). */
function holdsAny(sorted: readonly string[], path: string): boolean {
  const at = (value: string) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((sorted[mid] as string) < value) low = mid + 1;
      else high = mid;
    }
    return sorted[low];
  };
  return at(path) === path || (at(`${path}/`)?.startsWith(`${path}/`) ?? false);
}
