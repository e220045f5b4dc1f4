import { readFile } from 'node:fs/promises';
import { KodbroError } from '../errors.ts';
import type { Challenge, StoredChallenge, TestCase, TestData, TestFile } from './model.ts';

/**
 * The file each test's bytes were read from, keyed by the Buffer the loader
 * returned. Both package formats build their tests from `readTestPairs`, and
 * Kattis relabels a test by spreading it, which keeps its Buffers: so the
 * catalog can turn a loaded package into one whose tests point at files,
 * without either loader knowing. Weak keys: nothing outlives the Buffers.
 */
const testDataFiles = new WeakMap<Buffer, string>();

export function rememberTestFile(data: Buffer, file: string): void {
  testDataFiles.set(data, file);
}

/** A test's bytes, from memory or from its file (read asynchronously, off the event loop's own work). */
export async function readTestData(data: TestData): Promise<Buffer> {
  if (Buffer.isBuffer(data)) return data;
  const bytes = await readFile(data.file).catch((error: NodeJS.ErrnoException) => {
    throw new KodbroError('internal', `A test file of an unpacked package is gone (${error.code ?? error.message}): ${data.file}`, { cause: error });
  });
  // The folder is written once and never changed: a different size means someone else did.
  if (bytes.length !== data.bytes) throw new KodbroError('internal', `A test file of an unpacked package changed size: ${data.file}`);
  return bytes;
}

/** The bytes of a test's data a candidate may be shown (a sample): all of it in memory, else the head kept with the file. */
export function testDataHead(data: TestData): Buffer {
  return Buffer.isBuffer(data) ? data : (data.head ?? Buffer.alloc(0));
}

export interface StoreOptions {
  /** Bytes of each sample's input, answer and transcript kept in memory for display. */
  sampleHeadBytes: number;
}

/**
 * The package with its test data left in the files it was loaded from:
 * each test becomes `{ file, bytes }`, each sample keeps its first bytes to be
 * shown. Data the loader did not read from a test file (none today) stays in
 * memory, which is correct, only larger.
 */
export function withTestDataInFiles(challenge: Challenge, options: StoreOptions): StoredChallenge {
  const toFile = (data: Buffer, headBytes: number): TestData => {
    const file = testDataFiles.get(data);
    if (file === undefined) return data;
    const ref: TestFile = { file, bytes: data.length };
    // A copy: a view would carry (and serialise) the whole file's buffer.
    if (headBytes > 0) ref.head = Buffer.from(data.subarray(0, headBytes));
    return ref;
  };
  const convert = (test: TestCase, headBytes: number): TestCase<TestData> => ({
    id: test.id,
    input: toFile(test.input, headBytes),
    answer: toFile(test.answer, headBytes),
    ...(test.interaction ? { interaction: toFile(test.interaction, headBytes) } : {}),
  });
  return {
    ...challenge,
    samples: challenge.samples.map((test) => convert(test, options.sampleHeadBytes)),
    groups: challenge.groups.map((group) => ({ ...group, tests: group.tests.map((test) => convert(test, 0)) })),
  };
}
