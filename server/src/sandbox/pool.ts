import type Docker from 'dockerode';
import { bindBox, createBox, openBox, type Box, type OpenOptions, type UnboundBox } from './box.ts';
import type { ContainerParams } from './container-spec.ts';

/**
 * Pre-started, never-used boxes per runner image, so a judgement does not
 * wait for a container to be created and started, nor for its runner. A box
 * leaves the pool for one submission and is destroyed after it like any
 * other: nothing is ever reused.
 *
 * Boxes are kept per image and memory cap, since changing a box's cap costs
 * a Docker update, about as much machine time as a quarter of a new box. A
 * pool fills after its first use (a class taking one assessment asks for the
 * same few) and is refilled in the background after each take; one that
 * nobody took for a while is left to empty, so a server pays for warm boxes
 * only in the languages and limits its candidates use.
 */
export interface BoxPool {
  /**
   * A box for `params`: a warm one when one of this image lives long enough
   * for the caller's deadline, else a new one. The caller owns it (and its
   * removal) either way.
   */
  take(params: ContainerParams, options?: OpenOptions): Promise<Box>;
  /** Idle boxes per image. */
  idle(): Record<string, number>;
  /** Removes every idle box and stops refilling; boxes already taken are their judgement's. */
  close(): Promise<void>;
}

export interface BoxPoolOptions {
  /** Warm boxes kept per image and memory cap in use; 0 turns the pool off. */
  perImage: number;
  /** The reaper's deadline label of a warm box, from its creation. */
  lifetimeMs?: number;
  /** A warm box older than this is replaced; an image not taken for this long is not refilled. */
  maxIdleMs?: number;
}

interface Warm {
  box: UnboundBox;
  madeAt: number;
  deadline: number;
}

interface ImagePool {
  image: string;
  memoryMb: number;
  warm: Warm[];
  making: number;
  lastTaken: number;
  failures: number;
  retryAt: number;
}

const LIFETIME_MS = 60 * 60_000;
const MAX_IDLE_MS = 15 * 60_000;
const SWEEP_MS = 60_000;
/** A Docker that fails to make boxes is asked again after 1, 2, 4 … s, at most a minute apart. */
const MAX_BACKOFF_MS = 60_000;

export function createBoxPool(docker: Docker, options: BoxPoolOptions): BoxPool {
  const lifetimeMs = options.lifetimeMs ?? LIFETIME_MS;
  const maxIdleMs = options.maxIdleMs ?? MAX_IDLE_MS;
  const images = new Map<string, ImagePool>();
  const making = new Set<Promise<void>>();
  let closed = false;

  const poolOf = (image: string, memoryMb: number): ImagePool => {
    const key = `${image} ${memoryMb}`;
    let pool = images.get(key);
    if (!pool) {
      pool = { image, memoryMb, warm: [], making: 0, lastTaken: 0, failures: 0, retryAt: 0 };
      images.set(key, pool);
    }
    return pool;
  };

  function refill(pool: ImagePool): void {
    const now = Date.now();
    if (closed || now - pool.lastTaken > maxIdleMs || now < pool.retryAt) return;
    while (pool.warm.length + pool.making < options.perImage) {
      pool.making++;
      const made = (async () => {
        try {
          const madeAt = Date.now();
          const deadline = madeAt + lifetimeMs;
          const box = await createBox(docker, { image: pool.image, memoryMb: pool.memoryMb, deadline, purpose: 'run' });
          if (closed) await box.destroy().catch(() => {});
          else pool.warm.push({ box, madeAt, deadline });
          pool.failures = 0;
        } catch {
          // Docker is down or the image missing: judgements open their own boxes and report it; the pool waits.
          pool.failures++;
          const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (pool.failures - 1));
          pool.retryAt = Date.now() + backoff;
          setTimeout(() => refill(pool), backoff).unref();
        } finally {
          pool.making--;
        }
      })();
      making.add(made);
      void made.finally(() => making.delete(made));
    }
  }

  /** Old warm boxes go (a new one comes if the image is still in use), so none nears its reaper deadline. */
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const pool of images.values()) {
      const stale = pool.warm.filter((w) => now - w.madeAt > maxIdleMs);
      pool.warm = pool.warm.filter((w) => !stale.includes(w));
      for (const w of stale) void w.box.destroy().catch(() => {});
      refill(pool);
    }
  }, SWEEP_MS);
  sweeper.unref();

  return {
    async take(params, takeOptions = {}) {
      if (closed || options.perImage === 0 || params.purpose !== 'run') return openBox(docker, params, takeOptions);
      const pool = poolOf(params.image, params.memoryMb);
      pool.lastTaken = Date.now();
      const index = pool.warm.findIndex((w) => w.deadline >= params.deadline);
      const warm = index >= 0 ? pool.warm.splice(index, 1)[0] : undefined;
      refill(pool);
      if (!warm) return openBox(docker, params, takeOptions);
      return bindBox(warm.box, takeOptions.signal);
    },
    idle() {
      const counts: Record<string, number> = {};
      for (const pool of images.values()) counts[pool.image] = (counts[pool.image] ?? 0) + pool.warm.length;
      return counts;
    },
    async close() {
      closed = true;
      clearInterval(sweeper);
      await Promise.allSettled([...making]);
      const all = [...images.values()].flatMap((pool) => pool.warm.splice(0));
      await Promise.allSettled(all.map((w) => w.box.destroy()));
    },
  };
}

/**
 * A pool of one box, started now and never refilled: for a one-off judgement
 * (the CLI) that knows its language before the rest has loaded. `signal`
 * bounds only the making; once taken, the box follows its judgement's signal
 * like any pool box. A request it does not fit (another image, a longer
 * deadline, a compile box) gets a box of its own; a different memory cap costs
 * a Docker update. `close` removes it if nobody took it.
 */
export function createSpareBox(docker: Docker, made: Promise<ContainerParams>, signal: AbortSignal): BoxPool {
  // A box that could not be made is made again when asked for, where its error is reported.
  let spare: Promise<UnboundBox | null> | null = made.then((params) => createBox(docker, params, signal)).catch(() => null);
  return {
    async take(params, options = {}) {
      const mine = spare;
      const ahead = await made.catch(() => null);
      if (mine && ahead && params.purpose === 'run' && params.image === ahead.image && params.deadline <= ahead.deadline) {
        spare = null;
        const box = await mine;
        if (box) {
          const bound = await bindBox(box, options.signal);
          if (params.memoryMb !== ahead.memoryMb) await bound.setMemory(params.memoryMb);
          return bound;
        }
      }
      return openBox(docker, params, options);
    },
    idle: () => ({}),
    async close() {
      const left = spare;
      spare = null;
      await (await left)?.destroy();
    },
  };
}
