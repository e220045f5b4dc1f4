import { describe, expect, it } from 'vitest';
import type { ValueType } from '@kodbro/server/contracts';
import { signatureText } from './signature-text.ts';

describe('signatureText', () => {
  it('writes the call and then each record once', () => {
    const slot = { kind: 'record', name: 'slot', fields: [{ name: 'start', type: { kind: 'int', min: 0, max: 60 } }, { name: 'note', type: { kind: 'optional', of: { kind: 'string' } } }] } satisfies ValueType;
    expect(
      signatureText({
        name: 'free_slots',
        params: [
          { name: 'busy', type: { kind: 'list', of: slot } },
          { name: 'weights', type: { kind: 'map', of: { kind: 'float' } } },
        ],
        returns: { kind: 'list', of: slot },
      }),
    ).toBe('free_slots(busy: list of slot, weights: map from string to float) → list of slot\nslot { start: int 0..60, note: string or null }');
  });
});
