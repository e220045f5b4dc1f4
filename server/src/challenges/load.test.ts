import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadChallenge } from './load.ts';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../tests/fixtures');
const SUM = path.join(FIXTURES, 'packages/sum');
const BUS_FARES = path.join(FIXTURES, 'kattis/bus-fares');

describe('loadChallenge', () => {
  it('parses every statement unless told to skip them, and loads the same challenge either way', async () => {
    const parsed = await loadChallenge(SUM);
    const skipped = await loadChallenge(SUM, { statements: 'skip' });
    expect(Object.keys(parsed.statementDocs).sort()).toEqual(Object.keys(parsed.statements).sort());
    expect(Object.keys(parsed.statementDocs).length).toBeGreaterThan(0);
    expect(skipped.statementDocs).toEqual({});
    const { statementDocs: _parsedDocs, ...parsedRest } = parsed;
    const { statementDocs: _skippedDocs, ...skippedRest } = skipped;
    expect(skippedRest).toEqual(parsedRest);
  });

  it('still converts a Kattis LaTeX statement to Markdown when the parsed trees are skipped', async () => {
    const skipped = await loadChallenge(BUS_FARES, { statements: 'skip' });
    const parsed = await loadChallenge(BUS_FARES);
    expect(skipped.statements).toEqual(parsed.statements);
    expect(skipped.statements.en).toMatch(/^# /);
    expect(skipped.statementDocs).toEqual({});
    expect(parsed.statementDocs.en).toBeDefined();
  });
});
