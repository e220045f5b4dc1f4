/**
 * Function-signature challenges in every language, on real runner images:
 * the generated starter compiles as it is; each case's correct body returns
 * the expected values (edges included: the widest integers, NaN and the
 * infinities, Unicode, empty lists and maps, absent optionals); a wrong body
 * returns a wrong value; a throwing body ends with a non-zero exit; output
 * printed inside the function stays out of the result; a program that prints
 * a look-alike result line and exits gets no result.
 *
 * Each language's programs are in ./signature-programs/<language>.ts.
 * `SIGNATURE_LANGUAGES=go,rust` runs only those.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGE_IDS, type LanguageId } from '../../server/src/contracts/index.ts';
import { CODEGENS, sameValue, type Codegen } from '../../server/src/signatures/index.ts';
import { CALLS, SIGNATURES, type CaseName, type SignaturePrograms } from '../support/signature-cases.ts';
import { compileSignature, type CompiledSignature } from '../support/signatures.ts';
import { expectDockerClean } from '../support/sandbox.ts';

const only = process.env.SIGNATURE_LANGUAGES?.split(',').filter(Boolean);
const PROGRAMS_DIR = path.join(import.meta.dirname, 'signature-programs');
const languages = LANGUAGE_IDS.filter((id) => (only ? only.includes(id) : true)).filter((id) => existsSync(path.join(PROGRAMS_DIR, `${id}.ts`)));

afterAll(() => expectDockerClean());

it('every language with a harness has its programs here, and is registered', () => {
  for (const id of Object.keys(CODEGENS)) expect(existsSync(path.join(PROGRAMS_DIR, `${id}.ts`)), id).toBe(true);
});

describe.each(languages)('%s', (language: LanguageId) => {
  let codegen: Codegen;
  let programs: SignaturePrograms;
  const compiled: CompiledSignature[] = [];
  const compile = async (name: CaseName, source: string) => {
    const program = await compileSignature(codegen, SIGNATURES[name], source);
    compiled.push(program);
    expect(program.compileError, `${language} ${name} does not compile`).toBeUndefined();
    return program;
  };

  beforeAll(async () => {
    const module = (await import(`./signature-programs/${language}.ts`)) as { codegen: Codegen; programs: SignaturePrograms };
    codegen = module.codegen;
    programs = module.programs;
    expect(codegen.language).toBe(language);
  });
  afterAll(async () => {
    await Promise.all(compiled.map((program) => program.close()));
  });

  it('the generated starters compile as they are', async () => {
    for (const name of Object.keys(SIGNATURES) as CaseName[]) await compile(name, codegen.starter(SIGNATURES[name]));
  });

  it.each(Object.keys(SIGNATURES) as CaseName[])('%s: a correct body returns every expected value exactly', async (name) => {
    const program = await compile(name, programs.accepted[name]);
    for (const call of CALLS[name]) {
      const { run, decoded, stderr } = await program.call(call.args);
      expect(run.exitCode, stderr).toBe(0);
      expect(decoded, stderr).toMatchObject({ ok: true });
      const expected = call.expected === 'same' ? call.args[0] : call.expected;
      const value = decoded.ok ? decoded.value : undefined;
      expect(sameValue(SIGNATURES[name].returns, expected, value), `${JSON.stringify(value)} ≠ ${JSON.stringify(expected)}`).toBe(true);
    }
  });

  it('a wrong body returns a value the comparison rejects', async () => {
    const program = await compile('grid', programs.wrongGrid);
    const { decoded } = await program.call(CALLS.grid[0]!.args);
    expect(decoded.ok).toBe(true);
    expect(sameValue(SIGNATURES.grid.returns, CALLS.grid[0]!.expected, decoded.ok ? decoded.value : undefined)).toBe(false);
  });

  it('a body that throws ends the run with a non-zero exit and no result', async () => {
    const program = await compile('grid', programs.throwingGrid);
    const { run, decoded } = await program.call(CALLS.grid[0]!.args);
    expect(run.exitCode).not.toBe(0);
    expect(decoded.ok).toBe(false);
  });

  it('printing inside the function does not touch the result', async () => {
    const program = await compile('grid', programs.printingGrid);
    const { decoded, stderr } = await program.call(CALLS.grid[0]!.args);
    expect(decoded, stderr).toMatchObject({ ok: true, value: 10 });
    expect(decoded.printed).toContain('debug');
    expect(decoded.printed).toContain('partial');
  });

  it('a look-alike result line and an early exit get no result', async () => {
    const program = await compile('grid', programs.forgingGrid);
    const { decoded } = await program.call(CALLS.grid[0]!.args);
    expect(decoded.ok).toBe(false);
    expect(decoded.printed).toContain('999');
  });
});
