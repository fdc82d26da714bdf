import { readConfig, startServer } from '@portvakt/server';
import type { Command } from 'commander';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Start the server (embedded PostgreSQL under DATA_DIR unless DATABASE_URL is set).')
    .addHelpText(
      'after',
      '\nEnvironment:\n  PORT (8080), HOST (0.0.0.0), DATA_DIR (./data), DATABASE_URL, PORTVAKT_SECRET_KEY, COOKIE_SECURE (true), LOG_LEVEL (info)',
    )
    .action(async () => {
      const config = readConfig();
      console.log(
        config.databaseUrl
          ? 'Connecting to PostgreSQL at DATABASE_URL…'
          : `Starting embedded PostgreSQL in ${config.dataDir}…`,
      );
      // Handle signals before anything starts, so a Ctrl-C during start-up also stops cleanly.
      const running: { server?: Awaited<ReturnType<typeof startServer>> } = {};
      let isStopping = false;
      const stop = (signal: string) => {
        if (isStopping) return;
        isStopping = true;
        console.log(`\n${signal}: stopping Portvakt and PostgreSQL…`);
        (running.server?.stop() ?? Promise.resolve()).then(
          () => {
            console.log('Stopped cleanly.');
            process.exit(0);
          },
          (error: unknown) => {
            console.error(`Could not stop cleanly: ${(error as Error).message}`);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
      const server = await startServer(config);
      running.server = server;
      const local = `http://localhost:${new URL(server.url).port}`;
      const where = config.host === '0.0.0.0' || config.host === '::' ? 'all interfaces' : config.host;
      console.log(`Portvakt is listening on ${where}: ${local} (API docs: ${local}/api/docs)`);
      if (isStopping) await server.stop();
    });
}
