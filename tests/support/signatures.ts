/**
 * Function-signature programs in a real sandbox box, without a package: the
 * generated program (candidate code + harness) is compiled once in a box of
 * its language, then run on arguments given as JSON-ready values; each run's
 * output is decoded the way the judge decodes it. For the per-language tests
 * of the code generators (tests/integration/signatures-*.test.ts).
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_JUDGE_LIMITS } from '../../server/src/config/index.ts';
import type { FunctionSignature } from '../../server/src/contracts/index.ts';
import { expandArgv, LANGUAGES, sourceFileName } from '../../server/src/languages/index.ts';
import { imageFor, openBox, type Box, type ExecOutcome } from '../../server/src/sandbox/index.ts';
import { decodeOutput, encodeInput, type Codegen, type Decoded } from '../../server/src/signatures/index.ts';
import { docker } from './sandbox.ts';

export interface SignatureRun {
  run: ExecOutcome;
  decoded: Decoded;
  stderr: string;
}

export interface CompiledSignature {
  /** The compiler's message when the program did not compile. */
  compileError: string | undefined;
  /** Runs the compiled program once on these arguments (a fresh nonce each time). */
  call(args: readonly unknown[]): Promise<SignatureRun>;
  close(): Promise<void>;
}

const MEMORY_MB = 256;

export async function compileSignature(codegen: Codegen, signature: FunctionSignature, candidate: string): Promise<CompiledSignature> {
  const spec = LANGUAGES[codegen.language];
  const source = codegen.program(signature, candidate);
  const file = sourceFileName(spec, source);
  const caps = DEFAULT_JUDGE_LIMITS;
  const memoryMb = Math.max(caps.compileMemoryMb, MEMORY_MB + spec.memoryOverheadMb);
  const box: Box = await openBox(docker, { image: await imageFor(spec.image), memoryMb, deadline: Date.now() + 10 * 60_000, purpose: 'run' });
  const files = [{ path: file, content: Buffer.from(source, 'utf8') }];
  let compileError: string | undefined;
  if (spec.compile) {
    const compiled = await box.exec({
      argv: expandArgv(spec.compile, { file, memoryMb }),
      files,
      env: spec.env ?? {},
      wallTimeMs: caps.compileTimeMs,
      stdoutLimit: 256 * 1024,
      stderrLimit: 256 * 1024,
    });
    if (compiled.exitCode !== 0) compileError = `${compiled.stdout.toString()}${compiled.stderr.toString()}` || `exit ${compiled.exitCode}`;
  } else {
    await box.writeFiles(files);
  }
  return {
    compileError,
    async call(args) {
      const nonce = randomBytes(16).toString('hex');
      const run = await box.exec({
        argv: expandArgv(spec.run, { file, memoryMb: MEMORY_MB }),
        env: spec.env ?? {},
        stdin: Buffer.from(encodeInput(signature, nonce, args), 'utf8'),
        wallTimeMs: 20_000,
        stdoutLimit: 8 * 1024 * 1024,
        stderrLimit: 64 * 1024,
      });
      return { run, decoded: decodeOutput(signature.returns, nonce, run.stdout), stderr: run.stderr.toString('utf8') };
    },
    close: () => box.destroy(),
  };
}
