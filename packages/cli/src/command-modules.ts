// Which modules a `portvakt` call loads. Each command's module is loaded only when needed: a call
// that names a command loads that one, so a command that only reads the database never loads the
// server's app and a typo in its arguments is refused in a fraction of the time; anything else
// (help, a misspelt command) loads them all, so the help lists every command and commander can
// suggest the nearest name.
import type { Command } from 'commander';

type RegisterCommand = (program: Command) => void;

/** Every command by its name, in the order of the help. */
export const commandModules = {
  start: async () => (await import('./start.command')).registerStartCommand,
  migrate: async () => (await import('./migrate.command')).registerMigrateCommand,
  'seed-demo': async () => (await import('./seed-demo.command')).registerSeedDemoCommand,
  'create-municipality': async () =>
    (await import('./create-municipality.command')).registerCreateMunicipalityCommand,
  events: async () => (await import('./events.command')).registerEventsCommand,
  purge: async () => (await import('./purge.command')).registerPurgeCommand,
  'verify-log': async () => (await import('./verify-log.command')).registerVerifyLogCommand,
  'lock-sim': async () => (await import('./lock-sim.command')).registerLockSimCommand,
  demo: async () => (await import('./demo.command')).registerDemoCommand,
  import: async () => (await import('./import.command')).registerImportCommand,
  export: async () => (await import('./export.command')).registerExportCommand,
} satisfies Record<string, () => Promise<RegisterCommand>>;

export type CommandName = keyof typeof commandModules;

/** The commands whose modules a call with `args` (the arguments after `portvakt`) needs. */
export function pickCommands(args: readonly string[]): CommandName[] {
  const named = args[0];
  if (named !== undefined && Object.hasOwn(commandModules, named)) return [named as CommandName];
  return Object.keys(commandModules) as CommandName[];
}

/** Registers on `program` the commands a call with `args` needs. */
export async function registerCommandsFor(program: Command, args: readonly string[]): Promise<void> {
  const registers = await Promise.all(pickCommands(args).map((name) => commandModules[name]()));
  for (const register of registers) register(program);
}
