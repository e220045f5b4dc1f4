import type { Ref } from 'react';
import type { LanguageId } from '@kodbro/server/contracts';

/**
 * What the workspace needs from an editor: the light editor and Monaco
 * implement the same props, so the workspace does not know which one shows.
 */
export interface EditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Programming language: Monaco's syntax colouring, and one Monaco model (undo, cursor) per language. */
  language: LanguageId;
  /** Accessible name. The keys (Tab, Escape then Tab) are named by the visible hint below the editor. */
  label: string;
  readOnly?: boolean;
  /** A paste of this many characters went into the text (for the replay's marks; the text itself arrives through onChange). */
  onPaste?: (chars: number) => void;
  /** Keep the light editor, never load Monaco: touch devices always, and the candidate's "light mode". */
  light?: boolean;
  ref?: Ref<EditorHandle>;
}

/** What the page may ask of the editor, e.g. from a link in an error message. */
export interface EditorHandle {
  focus(): void;
  /** Selects line `line` (1-based, clamped), scrolls it into view and focuses the editor. */
  revealLine(line: number): void;
}
