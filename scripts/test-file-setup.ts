// Runs before every test file (vitest.config.ts `setupFiles`). The test files of one worker share
// one process and its module cache (`isolate: false`), so a file starts from the process-wide
// settings a fresh process would have, and a file that changes one and does not put it back
// fails here, by name, instead of changing what the next file in its worker tests.
import { useEs256Engine, webCryptoEs256 } from '@portvakt/protocol';
import { afterAll, vi } from 'vitest';

// The server switches every signature of the process to node:crypto when it builds an app; a
// file that never builds one tests the protocol on WebCrypto, as a browser or device does.
useEs256Engine(webCryptoEs256);

const environmentAtStart = { ...process.env };
const DateAtStart = globalThis.Date;

afterAll(() => {
  const changed = listChangedEnvironment(environmentAtStart, process.env);
  const problems: string[] = [];
  if (changed.length > 0) {
    problems.push(`process.env ${changed.join(', ')}`);
    for (const name of changed) {
      if (environmentAtStart[name] === undefined) delete process.env[name];
      else process.env[name] = environmentAtStart[name];
    }
  }
  if (vi.isFakeTimers()) {
    problems.push('fake timers');
    vi.useRealTimers();
  }
  if (globalThis.Date !== DateAtStart) {
    problems.push('globalThis.Date');
    globalThis.Date = DateAtStart;
  }
  if (problems.length > 0) {
    throw new Error(
      `This test file left shared process state changed (now restored): ${problems.join('; ')}.`,
    );
  }
});

/** The names whose value differs between two environments, sorted. */
function listChangedEnvironment(before: NodeJS.ProcessEnv, after: NodeJS.ProcessEnv): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}
