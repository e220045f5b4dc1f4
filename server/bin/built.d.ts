/** Whether server/dist is newer than every file of server/src. */
export function builtIsFresh(): boolean;
/** Node's arguments that run `server/src/<module>.ts`, e.g. `app/main`: compiled when fresh, else through tsx. */
export function nodeArgsFor(module: string): string[];
