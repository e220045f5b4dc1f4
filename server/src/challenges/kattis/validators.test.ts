import { describe, expect, it } from 'vitest';
import { defaultValidatorChecker } from './validators.ts';

describe('defaultValidatorChecker', () => {
  it('maps every flag to a checker', () => {
    expect(defaultValidatorChecker([])).toEqual({ kind: 'tokens', caseSensitive: false });
    expect(defaultValidatorChecker(['case_sensitive'])).toEqual({ kind: 'tokens', caseSensitive: true });
    expect(defaultValidatorChecker(['space_change_sensitive'])).toEqual({ kind: 'exact', caseSensitive: false });
    expect(defaultValidatorChecker(['space_change_sensitive', 'case_sensitive'])).toEqual({ kind: 'exact', caseSensitive: true });
    expect(defaultValidatorChecker(['float_tolerance', '1e-6'])).toEqual({ kind: 'tokens', caseSensitive: false, float: { absolute: 1e-6, relative: 1e-6 } });
    expect(defaultValidatorChecker(['float_absolute_tolerance', '0.5'])).toEqual({ kind: 'tokens', caseSensitive: false, float: { absolute: 0.5, relative: 0 } });
    expect(defaultValidatorChecker(['case_sensitive', 'float_relative_tolerance', '1e-9'])).toEqual({
      kind: 'tokens',
      caseSensitive: true,
      float: { absolute: 0, relative: 1e-9 },
    });
    expect(defaultValidatorChecker(['float_absolute_tolerance', '1', 'float_relative_tolerance', '2'])).toEqual({
      kind: 'tokens',
      caseSensitive: false,
      float: { absolute: 1, relative: 2 },
    });
  });

  it('refuses flags it cannot honour', () => {
    expect(() => defaultValidatorChecker(['ignore_case'])).toThrow(/unknown flag/);
    expect(() => defaultValidatorChecker(['float_tolerance'])).toThrow(/needs a non-negative number/);
    expect(() => defaultValidatorChecker(['float_tolerance', 'tiny'])).toThrow(/needs a non-negative number/);
    expect(() => defaultValidatorChecker(['space_change_sensitive', 'float_tolerance', '1e-6'])).toThrow(/not supported/);
  });
});
