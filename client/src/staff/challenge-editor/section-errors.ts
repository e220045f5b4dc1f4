/*
 * The server's zod issues for a section (paths relative to it, e.g.
 * `['groups', 1, 'tests', 0, 'name']` or `[0, 'source']`): each shown next
 * to its field, and those no field shows (a path the section does not
 * render) at the top, so none is lost.
 */

export type SectionErrors = readonly { path: (string | number)[]; message: string }[];
export type FieldPath = readonly (string | number)[];

const samePath = (a: FieldPath, b: FieldPath) => a.length === b.length && a.every((part, index) => String(part) === String(b[index]));

/** The messages for exactly this path. */
export function errorsAt(errors: SectionErrors | undefined, path: FieldPath): string[] {
  return (errors ?? []).filter((error) => samePath(error.path, path)).map((error) => error.message);
}

/** The messages whose path is none of the fields shown. */
export function unplacedErrors(errors: SectionErrors | undefined, shown: readonly FieldPath[]): { path: FieldPath; message: string }[] {
  return (errors ?? []).filter((error) => !shown.some((path) => samePath(error.path, path)));
}

/** A path as words for an error no field shows: "groups › 2 › tests" (indexes from 1, as the page numbers them). */
export const pathWords = (path: FieldPath) => path.map((part) => (typeof part === 'number' ? String(part + 1) : part)).join(' › ');
