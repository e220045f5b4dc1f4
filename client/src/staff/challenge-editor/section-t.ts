import { useTranslation } from 'react-i18next';

/**
 * The sections' texts: the `authoring` namespace, which the editor page
 * registers (tests-strings.ts under `tests` and `solutions`). Keys are looked
 * up as plain strings, so these sections type-check whether or not the
 * namespace is in i18next's typed resources; tests-strings.test.tsx checks
 * the keys instead (every key the sections render exists, Swedish has them all).
 */
export type Say = (key: string, options?: Record<string, unknown>) => string;

export function useSectionT(): Say {
  const { t } = useTranslation('authoring' as never);
  return t as unknown as Say;
}
