/**
 * The code editor. Swap point: when Monaco arrives, `Editor` becomes a
 * wrapper that shows the textarea until Monaco has loaded (the budget says
 * the editor accepts typing before Monaco arrives), behind the same props.
 */
export { TextareaEditor as Editor } from './TextareaEditor.tsx';
