import { lstat } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { KodbroError } from '../../errors.ts';
import { PACKAGE_CAPS } from '../files.ts';
import { formatIssues } from '../manifest.ts';

/** What every part of the Kattis reader shares: YAML parsing, number and flag shapes, error values. */

/** Flags come as one space-separated string or as a YAML list (numbers included). */
export const flagList = z.union([
  z.string().transform((s) => s.split(/\s+/).filter(Boolean)),
  z.array(z.union([z.string(), z.number()]).transform(String)).max(100),
]);

/** A score: YAML gives numbers, but the 2023-07 draft types it as a string. */
export const scoreNumber = z.union([
  z.number(),
  z
    .string()
    .regex(/^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/, 'must be a number')
    .transform(Number),
]);

export function parseYamlFile(bytes: Buffer, name: string): unknown {
  if (bytes.length > PACKAGE_CAPS.maxManifestBytes) {
    throw new KodbroError('package_too_large', `${name} is larger than ${PACKAGE_CAPS.maxManifestBytes} bytes`);
  }
  try {
    return parseYaml(bytes.toString('utf8'), { maxAliasCount: 50 });
  } catch (error) {
    throw invalid(`${name} is not valid YAML: ${(error as Error).message}`);
  }
}

export async function exists(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

export function invalid(message: string): KodbroError {
  return new KodbroError('package_invalid', message);
}

export function zodFailure(file: string, error: z.ZodError): KodbroError {
  const problems = formatIssues(error);
  return new KodbroError('package_invalid', `${file} is invalid:\n  ${problems.join('\n  ')}`, { details: problems });
}
