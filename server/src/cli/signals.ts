export type Log = (line: string) => void;

export interface Stop {
  signal: AbortSignal;
  dispose(): void;
}

/**
 * Ctrl+C (or SIGTERM) during a judgement stops it cleanly: its containers are
 * removed before the command exits (with 1: nothing was judged). A second
 * signal finds the default handler again and ends the process at once.
 */
export function abortOnSignals(log: Log): Stop {
  const controller = new AbortController();
  const dispose = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  function onSignal(name: NodeJS.Signals): void {
    dispose();
    log(`${name}: stopping, removing the sandbox containers…`);
    controller.abort(new Error(`stopped by ${name}`));
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { signal: controller.signal, dispose };
}
