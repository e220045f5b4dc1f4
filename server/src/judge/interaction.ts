import type { JudgedVerdict } from '../contracts/index.ts';
import { runFailure, type RunLimits, type RunObservation } from './run-verdict.ts';

/**
 * One direction of an interactive exchange: bytes one program wrote, waiting
 * for the other to read them. The host holds at most `capBytes` in flight;
 * the sandbox reads from it only as fast as the program on the other side
 * takes its input, so a side that writes and never reads is what fills it.
 */
export interface BytePipe extends AsyncIterable<Buffer> {
  write(chunk: Buffer): void;
  /** No more bytes: the reader sees the end of its input once it has read what is in flight. */
  end(): void;
  /** Bytes written that did not fit under the cap (and were dropped). */
  overflowed(): boolean;
}

export function createBytePipe(capBytes: number): BytePipe {
  const queue: Buffer[] = [];
  let queued = 0;
  let ended = false;
  let overflow = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  return {
    write(chunk) {
      if (ended || chunk.length === 0) return;
      if (queued + chunk.length > capBytes) {
        overflow = true;
        return;
      }
      queue.push(chunk);
      queued += chunk.length;
      notify();
    },
    end() {
      ended = true;
      notify();
    },
    overflowed: () => overflow,
    async *[Symbol.asyncIterator]() {
      for (;;) {
        const chunk = queue.shift();
        if (chunk) {
          queued -= chunk.length;
          yield chunk;
          continue;
        }
        if (ended) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
  };
}

/** Who wrote a piece of the exchange: the interactor (the judge's side) or the candidate's program. */
export type Speaker = 'judge' | 'program';

/**
 * The exchange as a candidate reads it for their own sample runs, in the
 * Kattis `.interaction` convention: `>` lines the program wrote (to the
 * interactor), `<` lines it read. Capped: a transcript is for reading, not a
 * copy of the streams.
 */
export function createTranscript(capBytes: number): { add(from: Speaker, chunk: Buffer): void; text(): string; truncated(): boolean } {
  const parts: { from: Speaker; bytes: Buffer }[] = [];
  let kept = 0;
  let cut = false;
  return {
    add(from, chunk) {
      const room = capBytes - kept;
      if (room <= 0) {
        cut = true;
        return;
      }
      const bytes = chunk.subarray(0, room);
      if (bytes.length < chunk.length) cut = true;
      kept += bytes.length;
      const last = parts.at(-1);
      if (last && last.from === from) last.bytes = Buffer.concat([last.bytes, bytes]);
      else parts.push({ from, bytes });
    },
    text() {
      return parts
        .flatMap(({ from, bytes }) => {
          const lines = bytes.toString('utf8').split('\n');
          if (lines.at(-1) === '') lines.pop();
          return lines.map((line) => `${from === 'program' ? '>' : '<'}${line}`);
        })
        .join('\n');
    },
    truncated: () => cut,
  };
}

/** What the interactor's run came to, as the host saw it. */
export interface InteractorObservation {
  exitCode: number | null;
  timedOut: boolean;
  outputLimitExceeded: boolean;
  /** It ended before the candidate's program did (its verdict was in before the program stopped). */
  endedFirst: boolean;
}

/** The Kattis output-validator interface, which interactors share. */
export const INTERACTOR_ACCEPT = 42;
export const INTERACTOR_REJECT = 43;

/**
 * A test's verdict from both sides of the exchange, or `undefined` when the
 * interactor did not give one (it crashed, hung or flooded): a fault of the
 * package, never the candidate's.
 *
 * The order follows the Kattis rules: an interactor that rejected before the
 * program ended decides (a program that then fails on its closed input is not
 * to blame for more); otherwise the program's own failures — the output cap,
 * memory, its CPU time or the whole exchange's wall clock (a program that
 * never flushes and waits is stopped there), a non-zero exit — come before
 * the interactor's judgement.
 */
export function interactiveVerdict(candidate: RunObservation, interactor: InteractorObservation, limits: RunLimits): JudgedVerdict | undefined {
  const judged = !interactor.timedOut && !interactor.outputLimitExceeded;
  if (judged && interactor.endedFirst && interactor.exitCode === INTERACTOR_REJECT) return 'wrong_answer';
  const failure = runFailure(candidate, limits);
  if (failure) return failure;
  if (!judged) return undefined;
  if (interactor.exitCode === INTERACTOR_REJECT) return 'wrong_answer';
  if (interactor.exitCode === INTERACTOR_ACCEPT) return 'accepted';
  return undefined;
}
