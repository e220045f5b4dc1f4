import { describe, expect, it } from 'vitest';
import { numberPlaceholders } from './postgres-driver.ts';

describe('numberPlaceholders', () => {
  it('numbers ? in order, outside string literals, quoted names and comments', () => {
    expect(numberPlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).toBe('SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)');
    expect(numberPlaceholders("SELECT '?', \"a?\" FROM t WHERE x = ? -- why?\n AND y = ?")).toBe("SELECT '?', \"a?\" FROM t WHERE x = $1 -- why?\n AND y = $2");
    expect(numberPlaceholders("SELECT 'it''s ?' WHERE z = ?")).toBe("SELECT 'it''s ?' WHERE z = $1");
    expect(numberPlaceholders('SELECT 1')).toBe('SELECT 1');
  });
});
