// Tests of local days run in a named time zone, whatever the machine's: Node reads `TZ` again when
// it changes.
import { onTestFinished } from 'vitest';

const original = process.env.TZ;

/** Runs the rest of the calling test in `timeZone`; the machine's zone is put back when it finishes. */
export function useTimeZone(timeZone: string): void {
  process.env.TZ = timeZone;
  onTestFinished(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });
}
