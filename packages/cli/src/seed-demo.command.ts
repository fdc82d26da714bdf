import type { Command } from 'commander';

export function registerSeedDemoCommand(program: Command): void {
  program
    .command('seed-demo')
    .description(
      'Fill the database with a believable demo municipality (idempotent) and print the demo logins.',
    )
    .action(async () => {
      throw new Error('seed-demo is not built yet');
    });
}
