import { useState } from 'react';
import { readStorage, writeStorage } from '../i18n/index.ts';
import { isTouchDevice } from '../editor/index.ts';

const KEY = 'kodbro.lightEditor';

/**
 * "Light editor": keep the plain editor instead of loading the full one
 * (phones, slow old laptops). Remembered on this device; touch devices
 * start with it on, since the full editor is poor on phones.
 */
export function useLightEditor(): [boolean, (light: boolean) => void] {
  const [light, setLight] = useState(() => {
    const stored = readStorage(KEY);
    return stored === null ? isTouchDevice() : stored === '1';
  });
  return [
    light,
    (next) => {
      setLight(next);
      writeStorage(KEY, next ? '1' : '0');
    },
  ];
}
