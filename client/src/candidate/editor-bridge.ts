import type { ComponentProps, ComponentType, Ref } from 'react';
import type { LanguageId } from '@kodbro/server/contracts';
import { Editor as EditorComponent } from '../editor/index.ts';

/**
 * The workspace's view of the editor, as agreed with the editor's folder
 * (issue 11): `Editor` takes `light` and a ref with `focus` and
 * `revealLine`; `linesMentioned` finds the lines a compiler or runtime
 * message names; `isTouchDevice` picks the light editor's default.
 *
 * LOCAL STUB until the editor branch lands: then this file re-exports those
 * from `../editor/index.ts` and the fallbacks below go.
 */
export interface EditorHandle {
  focus(): void;
  revealLine(line: number): void;
}

export const Editor = EditorComponent as ComponentType<ComponentProps<typeof EditorComponent> & { light?: boolean; ref?: Ref<EditorHandle> }>;

/** Line numbers a message names (`line 3`, `main.c:3:5`, `File "main.py", line 3`), each once, at most ten. */
export function linesMentioned(message: string, _language?: LanguageId): number[] {
  const found = new Set<number>();
  const patterns = [/\bline (\d{1,6})\b/gi, /\.[a-z]{1,5}:(\d{1,6})(?::\d+)?/gi];
  for (const pattern of patterns) {
    for (const match of message.matchAll(pattern)) {
      const line = Number(match[1]);
      if (line > 0) found.add(line);
      if (found.size >= 10) break;
    }
  }
  return [...found].sort((a, b) => a - b);
}

export function isTouchDevice(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches && !matchMedia('(pointer: fine)').matches;
}

/**
 * Moves the caret of a textarea editor inside `container` to `line` and
 * focuses it: used when the editor gave no handle (the textarea of today).
 */
export function revealLineIn(container: HTMLElement | null, line: number): void {
  const area = container?.querySelector('textarea');
  if (!area) return;
  const lines = area.value.split('\n');
  const target = Math.min(Math.max(line, 1), lines.length);
  const start = lines.slice(0, target - 1).reduce((sum, text) => sum + text.length + 1, 0);
  area.focus();
  area.setSelectionRange(start, start + (lines[target - 1]?.length ?? 0));
  const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
  area.scrollTop = Math.max(0, (target - 3) * lineHeight);
}
