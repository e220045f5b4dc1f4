import type { LanguageId } from '@kodbro/server/contracts';

/**
 * What the workspace needs from an editor. The textarea implements it now;
 * Monaco will implement the same props later, so the workspace does not change.
 */
export interface EditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Programming language: for highlighting once an editor can highlight. */
  language: LanguageId;
  /** Accessible name; also tells how to leave the editor with the keyboard. */
  label: string;
  readOnly?: boolean;
}
