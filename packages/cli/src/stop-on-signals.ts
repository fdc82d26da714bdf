/**
 * Stops the product once: on the first SIGINT (Ctrl-C) or SIGTERM, or when the returned function
 * is called. Says what it stops, runs `stop`, and exits 0 after `Stopped cleanly.`, or 1 with the
 * reason. Installed before anything starts, so a Ctrl-C during start-up also stops cleanly.
 */
export function stopOnSignals(
  what: string,
  stop: () => Promise<void>,
  log: (line: string) => void = console.log,
): (reason: string) => void {
  let isStopping = false;
  const trigger = (reason: string) => {
    if (isStopping) return;
    isStopping = true;
    log(`\n${reason}: stopping ${what}…`);
    stop().then(
      () => {
        log('Stopped cleanly.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(`Could not stop cleanly: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => trigger('SIGINT'));
  process.on('SIGTERM', () => trigger('SIGTERM'));
  return trigger;
}
