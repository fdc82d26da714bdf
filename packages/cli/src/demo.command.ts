import { resolve } from 'node:path';
import type { Command } from 'commander';
import { startDemo, type DemoOptions, type RunningDemo } from './demo-run';
import { stopOnSignals } from './stop-on-signals';
import { ensureWebConsoleBuilt } from './web-console-build';

const helpText = `
Starts a self-contained live demo (docs/demo.md): embedded PostgreSQL in its own data directory
(fresh each run unless --keep), the server with the demo municipality, and a simulated district on
an accelerated clock: shifts activate at the boxes, staff open doors with hardware keys and phones,
alarms come in, batteries drain, a key is lost and blocked, a night-patrol visit is refused and
an emergency opening is requested. The simulated clock starts days back and never passes the
real time. Ctrl-C stops everything.`;

const whole = (name: string, min: number) => (value: string) => {
  const number = Number(value);
  if (!Number.isFinite(number) || number < min)
    throw new Error(`${name} must be a number of at least ${min}`);
  return number;
};

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Run the live demo district: server, demo municipality and a simulation on an accelerated clock.',
    )
    .option('--port <n>', 'HTTP port', whole('--port', 0), 8080)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data-dir <dir>', 'data directory of the demo database', './data-demo')
    .option('--day-minutes <n>', 'real minutes per simulated day', whole('--day-minutes', 0.05), 10)
    .option('--seed <n>', 'seed of the simulation', whole('--seed', 0), 2026)
    .option(
      '--days-back <n>',
      'start the simulation this many days before today',
      whole('--days-back', 1),
      30,
    )
    .option('--keep', 'keep the data directory of an earlier run')
    .addHelpText('after', helpText)
    .action(
      async (options: {
        port: number;
        host: string;
        dataDir: string;
        dayMinutes: number;
        seed: number;
        daysBack: number;
        keep?: boolean;
      }) => {
        await ensureWebConsoleBuilt(console.log);
        const running: { demo?: RunningDemo } = {};
        stopOnSignals('the simulation, Portvakt and PostgreSQL', async () => running.demo?.stop());
        const demoOptions: DemoOptions = {
          port: options.port,
          host: options.host,
          // PostgreSQL runs with its own working directory: a relative path would not be found.
          dataDir: resolve(options.dataDir),
          dayMinutes: options.dayMinutes,
          seed: options.seed,
          daysBack: options.daysBack,
          isKeep: options.keep === true,
          log: console.log,
        };
        try {
          await startDemo(demoOptions, running);
        } catch (error) {
          // Nothing may be left running when start-up fails half-way (PostgreSQL above all).
          await running.demo?.stop().catch(() => undefined);
          throw error;
        }
      },
    );
}
