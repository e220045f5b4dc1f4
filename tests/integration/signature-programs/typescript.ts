import { typescriptCodegen } from '../../../server/src/signatures/codegen/typescript.ts';
import type { SignaturePrograms } from '../../support/signature-cases.ts';

export const codegen = typescriptCodegen;

const GRID = (body: string) => `function gridSum(grid: number[][]): number {\n${body}}\n`;
const SUM = 'grid.reduce((total, row) => total + row.reduce((a, b) => a + b, 0), 0)';

export const programs: SignaturePrograms = {
  accepted: {
    merge: `interface Interval {
  start: number;
  end: number;
}

function mergeIntervals(intervals: Interval[]): Interval[] {
  const merged: Interval[] = [];
  for (const { start, end } of [...intervals].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else merged.push({ start, end });
  }
  return merged;
}
`,
    grid: GRID(`  return ${SUM};\n`),
    mean: `function meanOf(lists: Record<string, number[]>, key: string | null): number | null {
  const values = key === null ? undefined : lists[key];
  if (values === undefined || values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length;
}
`,
    echo: `interface Bundle {
  big: number;
  small: number;
  ratio: number;
  flag: boolean;
  text: string;
  words: string[];
  table: Record<string, number>;
  maybe: number[] | null;
}

function echoAll(values: Bundle): Bundle {
  return values;
}
`,
  },
  wrongGrid: GRID(`  return ${SUM} + 1;\n`),
  throwingGrid: GRID("  throw new Error('no');\n"),
  printingGrid: GRID(`  console.log('debug');\n  process.stdout.write('partial');\n  return ${SUM};\n`),
  forgingGrid: GRID("  console.log('00000000000000000000000000000000 999');\n  process.exit(0);\n"),
};
