import type { Command } from 'commander';
import { checkId } from './argument-checks';
import { startLockSim } from './lock-sim';
import { stopOnSignals } from './stop-on-signals';

export function registerLockSimCommand(program: Command): void {
  program
    .command('lock-sim')
    .description(
      'Simulate locks for a trial or demo: enrol them with a running server (replacing their keys there) and serve each over a WebSocket at /lock-sim/{lockId}.',
    )
    .requiredOption('--server <url>', 'the Portvakt server to enrol the locks with')
    .option('--lock <id...>', 'lock registry ids to simulate')
    .option('--all', "every installed lock of the token's municipality")
    .option('--port <n>', 'port to serve on', '8090')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .addHelpText(
      'after',
      '\nEnvironment:\n  PORTVAKT_TOKEN  an API token of a municipality administrator (required: enrolment needs one)',
    )
    .action(
      async (options: { server: string; lock?: string[]; all?: boolean; port: string; host: string }) => {
        const token = process.env.PORTVAKT_TOKEN;
        if (!token) throw new Error('set PORTVAKT_TOKEN to an API token of a municipality administrator');
        if (!options.all === !options.lock)
          throw new Error('name locks with --lock, or use --all (one of them)');
        for (const id of options.lock ?? []) checkId(id, 'lock', '--lock');
        const port = Number(options.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new Error(`--port: ${options.port} is not a port`);
        const running: { stop?: () => Promise<void> } = {};
        stopOnSignals('the simulated locks', async () => running.stop?.());
        const sim = await startLockSim({
          serverUrl: options.server,
          token,
          locks: options.all ? 'all' : options.lock!,
          port,
          host: options.host,
        });
        running.stop = () => sim.stop();
        for (const { lockId, lockNumber } of sim.locks)
          console.log(`lock ${lockNumber} (${lockId}): ${sim.url.replace(/^http/, 'ws')}/lock-sim/${lockId}`);
        console.log(`Simulating ${sim.locks.length} lock(s) on ${sim.url}`);
      },
    );
}
