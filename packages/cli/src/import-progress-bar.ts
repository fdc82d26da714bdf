// The CLI's progress bar for long imports (docs/imports.md "CLI"), drawn by cli-progress on
// stderr so stdout keeps only the result; off a terminal (logs, tests) it writes a line every
// `notTTYSchedule` milliseconds and a last one when done.
import cliProgress from 'cli-progress';

export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean };

/** A progress callback drawing the bar on `stream`, and `finish` to draw its last state. */
export function createProgressBar(stream: ProgressStream): {
  onProgress: (done: number, total: number) => void;
  finish: () => void;
} {
  const bar = new cliProgress.SingleBar(
    {
      format: 'Importing {bar} {percentage}% {value}/{total} changes',
      stream,
      noTTYOutput: true,
      notTTYSchedule: 1000,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let isStarted = false;
  return {
    onProgress(done, total) {
      if (!isStarted) {
        bar.start(total, done);
        isStarted = true;
        return;
      }
      bar.update(done);
    },
    finish() {
      if (isStarted) bar.stop();
    },
  };
}
