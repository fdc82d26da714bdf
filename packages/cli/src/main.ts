#!/usr/bin/env -S npx tsx
// `portvakt`: the command-line entry point. Each command explains itself with --help.
import { Command, CommanderError, Help } from 'commander';
import { registerCommandsFor } from './command-modules';

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

try {
  await registerCommandsFor(program, process.argv.slice(2));
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  console.error(`portvakt: ${(error as Error).message}`);
  process.exit(1);
}
