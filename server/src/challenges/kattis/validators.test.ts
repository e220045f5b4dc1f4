import { describe, expect, it } from 'vitest';
import { LANGUAGE_IDS } from '../../contracts/index.ts';
import { defaultValidatorChecker, validatorEntry } from './validators.ts';

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

describe('validatorEntry', () => {
  it('takes a validator in any language Kodbro runs', () => {
    const files: Record<string, string> = { c: 'v.c', cpp: 'v.cpp', rust: 'v.rs', go: 'v.go', java: 'V.java', kotlin: 'v.kt', csharp: 'V.cs', haskell: 'V.hs', python: 'v.py', javascript: 'v.js', typescript: 'v.ts', ruby: 'v.rb', php: 'v.php' };
    for (const id of LANGUAGE_IDS) expect(validatorEntry([files[id]!], 'output_validators/v'), id).toEqual({ language: id, entry: files[id] });
  });

  it('prefers the compiled program to its helper scripts, and an interactor by its name', () => {
    expect(validatorEntry(['gen.py', 'interactor.rs'], 'x')).toEqual({ language: 'rust', entry: 'interactor.rs' });
    expect(validatorEntry(['testlib.py', 'interactor.py'], 'x')).toEqual({ language: 'python', entry: 'interactor.py' });
    expect(() => validatorEntry(['a.rb', 'b.rb'], 'output_validators/v')).toThrow(/cannot tell which of a.rb, b.rb/);
  });
});
