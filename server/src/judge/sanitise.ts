/**
 * Compiler messages quote the candidate's source, which may hold terminal
 * escapes or bidirectional overrides: keep newlines and tabs, show every other
 * control character as its escape, so what a person reads is what is there.
 */
export function sanitiseText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
