import { describe, expect, it } from 'vitest';
import { diffOutputs } from './diff.ts';

describe('diffOutputs', () => {
  it('names the first differing line and marks every differing row', () => {
    const diff = diffOutputs('1\n2\n3\n4\n', '1\n2\n30\n4\n5\n');
    expect(diff.firstDifference).toBe(3);
    expect(diff.rows.map((row) => row.same)).toEqual([true, true, false, true, false]);
    expect(diff.rows[4]).toEqual({ line: 5, expected: undefined, actual: '5', same: false });
  });

  it('ignores spacing inside and around lines and a missing last newline, like the token checker', () => {
    expect(diffOutputs('1 2  3\n\n', ' 1\t2 3').firstDifference).toBeNull();
    expect(diffOutputs('a\r\nb\r\n', 'a\nb').firstDifference).toBeNull();
  });

  it('counts a missing line as a difference', () => {
    const diff = diffOutputs('a\nb\nc', 'a\nb');
    expect(diff.firstDifference).toBe(3);
    expect(diff.rows[2]).toMatchObject({ expected: 'c', actual: undefined, same: false });
  });

  it('shows a bounded window that always contains the first difference', () => {
    const expected = Array.from({ length: 5000 }, (_, i) => String(i)).join('\n');
    const actual = expected.replace('\n4000\n', '\nXXXX\n');
    const diff = diffOutputs(expected, actual, 100);
    expect(diff.rows).toHaveLength(100);
    expect(diff.rows.some((row) => row.line === diff.firstDifference)).toBe(true);
    expect(diff.firstDifference).toBe(4001);
    expect(diff.hiddenRows).toBe(4900);
  });
});
