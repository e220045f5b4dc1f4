/**
 * The code editor: a light editor at once, Monaco after (lazily, cached),
 * and what the page needs around it. The exports marked @public are the
 * interface the candidate workspace codes against (issue 11).
 */
export { Editor } from './Editor.tsx';
/** @public */
export type { EditorHandle, EditorProps } from './types.ts';
/** @public */
export { isTouchDevice, preloadMonaco } from './load.ts';
/** @public */
export { linesMentioned } from './lines.ts';
/** Read-only, coloured code for staff pages (lazy: Monaco's grammars, never the candidate's first load). */
export { CodeView } from './CodeView.tsx';
