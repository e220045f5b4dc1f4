import { javascriptCodegen } from '../../../server/src/signatures/codegen/javascript.ts';
import type { SignaturePrograms } from '../../support/signature-cases.ts';

export const codegen = javascriptCodegen;

const GRID = (body: string) => `/**
 * @param {number[][]} grid
 * @returns {number}
 */
function gridSum(grid) {
${body}}
`;
const SUM = 'grid.reduce((total, row) => total + row.reduce((a, b) => a + b, 0), 0)';

export const programs: SignaturePrograms = {
  accepted: {
    merge: `/**
 * @typedef {object} Interval
 * @property {number} start
 * @property {number} end
 */

/**
 * @param {Interval[]} intervals
 * @returns {Interval[]}
 */
function mergeIntervals(intervals) {
  const merged = [];
  for (const { start, end } of [...intervals].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else merged.push({ start, end });
  }
  return merged;
}
`,
    grid: GRID(`  return ${SUM};\n`),
    mean: `/**
 * @param {Record<string, number[]>} lists
 * @param {string | null} key
 * @returns {number | null}
 */
function meanOf(lists, key) {
  if (key === null || !Object.hasOwn(lists, key) || lists[key].length === 0) return null;
  return lists[key].reduce((a, b) => a + b, 0) / lists[key].length;
}
`,
    echo: `function echoAll(values) {
  return values;
}
`,
  },
  wrongGrid: GRID(`  return ${SUM} + 1;\n`),
  throwingGrid: GRID("  throw new Error('no');\n"),
  printingGrid: GRID(`  console.log('debug');\n  process.stdout.write('partial');\n  return ${SUM};\n`),
  forgingGrid: GRID("  console.log('00000000000000000000000000000000 999');\n  process.exit(0);\n"),
};
