/**
 * The signatures every language's generated harness is tried with
 * (tests/integration/signatures.test.ts), and the calls made on them. Each
 * language supplies, in tests/integration/signature-programs/<language>.ts,
 * a body for each case written in that language.
 */
import type { FunctionSignature, ValueType } from '../../server/src/contracts/index.ts';

const small: ValueType = { kind: 'int', min: -1_000_000, max: 1_000_000 };
const interval: ValueType = { kind: 'record', name: 'interval', fields: [{ name: 'start', type: small }, { name: 'end', type: small }] };

export const SIGNATURES = {
  /** Records in and out: merge overlapping intervals, sorted by start. */
  merge: { name: 'merge_intervals', params: [{ name: 'intervals', type: { kind: 'list', of: interval } }], returns: { kind: 'list', of: interval } },
  /** A two-dimensional list and a 64-bit result: the sum of every cell. */
  grid: {
    name: 'grid_sum',
    params: [{ name: 'grid', type: { kind: 'list', of: { kind: 'list', of: { kind: 'int', min: -(2 ** 40), max: 2 ** 40 } } } }],
    returns: { kind: 'int', min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
  },
  /** A map from strings, an optional in and out, a float: the mean of the named list, or none when it is missing or empty. */
  mean: {
    name: 'mean_of',
    params: [
      { name: 'lists', type: { kind: 'map', of: { kind: 'list', of: small } } },
      { name: 'key', type: { kind: 'optional', of: { kind: 'string' } } },
    ],
    returns: { kind: 'optional', of: { kind: 'float' } },
  },
  /** Every value back as it came, so edges round-trip: the widest integers, NaN and infinities, Unicode, empty lists. */
  echo: {
    name: 'echo_all',
    params: [
      {
        name: 'values',
        type: {
          kind: 'record',
          name: 'bundle',
          fields: [
            { name: 'big', type: { kind: 'int', min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER } },
            { name: 'small', type: { kind: 'int', min: -(2 ** 31), max: 2 ** 31 - 1 } },
            { name: 'ratio', type: { kind: 'float', special: true } },
            { name: 'flag', type: { kind: 'bool' } },
            { name: 'text', type: { kind: 'string' } },
            { name: 'words', type: { kind: 'list', of: { kind: 'string' } } },
            { name: 'table', type: { kind: 'map', of: { kind: 'int', min: 0, max: 10 } } },
            { name: 'maybe', type: { kind: 'optional', of: { kind: 'list', of: { kind: 'float' } } } },
          ],
        },
      },
    ],
    returns: {
      kind: 'record',
      name: 'bundle',
      fields: [
        { name: 'big', type: { kind: 'int', min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER } },
        { name: 'small', type: { kind: 'int', min: -(2 ** 31), max: 2 ** 31 - 1 } },
        { name: 'ratio', type: { kind: 'float', special: true } },
        { name: 'flag', type: { kind: 'bool' } },
        { name: 'text', type: { kind: 'string' } },
        { name: 'words', type: { kind: 'list', of: { kind: 'string' } } },
        { name: 'table', type: { kind: 'map', of: { kind: 'int', min: 0, max: 10 } } },
        { name: 'maybe', type: { kind: 'optional', of: { kind: 'list', of: { kind: 'float' } } } },
      ],
    },
  },
} satisfies Record<string, FunctionSignature>;

export type CaseName = keyof typeof SIGNATURES;

/** Calls and their expected values, as JSON-ready data. */
export const CALLS: Record<CaseName, { args: unknown[]; expected: unknown }[]> = {
  merge: [
    { args: [[{ start: 1, end: 3 }, { start: 8, end: 10 }, { start: 2, end: 6 }]], expected: [{ start: 1, end: 6 }, { start: 8, end: 10 }] },
    { args: [[]], expected: [] },
    { args: [[{ start: -1_000_000, end: 1_000_000 }]], expected: [{ start: -1_000_000, end: 1_000_000 }] },
  ],
  grid: [
    { args: [[[1, 2], [3, 4]]], expected: 10 },
    { args: [[]], expected: 0 },
    { args: [[[], [2 ** 40, 2 ** 40, 2 ** 40], [-(2 ** 40)]]], expected: 2 * 2 ** 40 },
  ],
  mean: [
    { args: [{ a: [1, 2], b: [4] }, 'a'], expected: 1.5 },
    { args: [{ a: [1, 2] }, 'zz'], expected: null },
    { args: [{ '': [] }, ''], expected: null },
    { args: [{ a: [1] }, null], expected: null },
  ],
  echo: [
    {
      args: [{ big: Number.MAX_SAFE_INTEGER, small: -(2 ** 31), ratio: 'NaN', flag: true, text: 'مرحبا 😀 ä "\\ \t\n end', words: ['', 'ትግርኛ', 'Привіт'], table: { 'z': 0, 'å': 10, '😀': 5 }, maybe: null }],
      expected: 'same',
    },
    {
      args: [{ big: -Number.MAX_SAFE_INTEGER, small: 2 ** 31 - 1, ratio: '-Infinity', flag: false, text: '', words: [], table: {}, maybe: [0.1, -2.5e-308, 1.7976931348623157e308, 5e-324] }],
      expected: 'same',
    },
    { args: [{ big: 0, small: 0, ratio: 'Infinity', flag: false, text: ' ', words: [' '], table: { ' ': 1 }, maybe: [] }], expected: 'same' },
  ],
};

/**
 * One language's programs: for each case the candidate's whole source (what
 * the candidate would submit: records as the starter declares them, the
 * function, any helpers), then the special ones.
 */
export interface SignaturePrograms {
  /** Correct bodies for each case. */
  accepted: Record<CaseName, string>;
  /** `grid_sum` returning the sum plus one: decoded fine, but a wrong value. */
  wrongGrid: string;
  /** `grid_sum` that throws (or panics) on every call: the process must end with a non-zero exit. */
  throwingGrid: string;
  /**
   * `grid_sum`, correct, that also prints to standard output from inside the
   * function: `debug` on a line of its own, then `partial` with no newline
   * after it. The result must still be read, and both texts are the
   * candidate's printed output.
   */
  printingGrid: string;
  /**
   * `grid_sum` that prints a line that looks like a result (`00000000000000000000000000000000 999`)
   * and then ends the process at once with exit status 0 (without returning): no result is read.
   */
  forgingGrid: string;
}
