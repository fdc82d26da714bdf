#!/usr/bin/env -S npx tsx
// `portvakt`: the command-line entry point. Each command explains itself with --help.
import { Command, CommanderError, Help } from 'commander';
import { registerCreateMunicipalityCommand } from './create-municipality.command';
import { registerDemoCommand } from './demo.command';
import { registerEventsCommand } from './events.command';
import { registerImportCommand } from './import.command';
import { registerExportCommand } from './export.command';
import { registerLockSimCommand } from './lock-sim.command';
import { registerMigrateCommand } from './migrate.command';
import { registerPurgeCommand } from './purge.command';
import { registerSeedDemoCommand } from './seed-demo.command';
import { registerStartCommand } from './start.command';
import { registerVerifyLogCommand } from './verify-log.command';

const defaultHelp = new Help();
const program = new Command()
  .name('portvakt')
  .description('Portvakt: open platform for keyless home care (nyckelfri hemtjänst).')
  // Commander's help does not say which options every call needs; the commands inherit this.
  .configureHelp({
    optionDescription: (option) =>
      option.mandatory
        ? `${defaultHelp.optionDescription(option)} (required)`
        : defaultHelp.optionDescription(option),
  })
  .showHelpAfterError()
  .exitOverride();

registerStartCommand(program);
registerMigrateCommand(program);
registerSeedDemoCommand(program);
registerCreateMunicipalityCommand(program);
registerEventsCommand(program);
registerPurgeCommand(program);
registerVerifyLogCommand(program);
registerLockSimCommand(program);
registerDemoCommand(program);
registerImportCommand(program);
registerExportCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  console.error(`portvakt: ${(error as Error).message}`);
  process.exit(1);
}
