import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandModules, pickCommands, registerCommandsFor, type CommandName } from './command-modules';

const allNames = Object.keys(commandModules) as CommandName[];

describe('which command modules a portvakt call loads', () => {
  // Loads every command's module, the server's app with them, in this process: slow on a busy machine.
  it(
    'files each command under the name it registers, so naming it loads the right module',
    { timeout: 120_000 },
    async () => {
      for (const name of allNames) {
        const program = new Command();
        (await commandModules[name]())(program);
        expect(
          program.commands.map((command) => command.name()),
          name,
        ).toEqual([name]);
      }
    },
  );

  it('loads only the command a call names, with its arguments after it', () => {
    expect(pickCommands(['events', 'door', 'x', '--municipality', '0180'])).toEqual(['events']);
    expect(pickCommands(['export', '--help'])).toEqual(['export']);
    expect(pickCommands(['seed-demo'])).toEqual(['seed-demo']);
  });

  it('loads every command for help, no command, a misspelt one or a name only objects have', () => {
    for (const args of [[], ['--help'], ['help', 'events'], ['evnts'], ['constructor'], ['toString']])
      expect(pickCommands(args), args.join(' ')).toEqual(allNames);
  });

  it('registers every command, in the order of the help, when the call names none', async () => {
    const program = new Command();
    await registerCommandsFor(program, ['--help']);
    expect(program.commands.map((command) => command.name())).toEqual(allNames);
    expect(allNames).toHaveLength(11);
  });
});

describe('a portvakt call that needs no server', () => {
  const bin = fileURLToPath(new URL('../bin/portvakt.js', import.meta.url));
  let dir: string;
  let probe: string;
  // Fastify is CommonJS: every file of it the call loads stands in the require cache at exit.
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'portvakt-cli-probe-'));
    probe = join(dir, 'probe.mjs');
    await writeFile(
      probe,
      `import { createRequire } from 'node:module';
const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const files = Object.keys(cache).filter((file) => file.includes('/node_modules/fastify/'));
  process.stderr.write('fastify files loaded: ' + files.length + '\\n');
});
`,
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const fastifyFilesLoadedBy = (...args: string[]) => {
    const result = spawnSync(process.execPath, ['--import', probe, bin, ...args], {
      encoding: 'utf8',
      env: { ...process.env, PORTVAKT_TOKEN: '' },
    });
    const counted = /fastify files loaded: (\d+)/.exec(result.stderr);
    expect(counted, result.stderr).not.toBeNull();
    return { status: result.status, stderr: result.stderr, files: Number(counted![1]) };
  };

  it('refuses a typo without loading the server’s app', { timeout: 120_000 }, () => {
    const exported = fastifyFilesLoadedBy('export', '--url', 'http://localhost:1', '--what', 'registry');
    expect(exported.stderr).toContain('an API token is needed');
    expect(exported).toMatchObject({ status: 1, files: 0 });
    const events = fastifyFilesLoadedBy('events', 'door', 'x', '--municipality', '0180');
    expect(events.stderr).toContain('"x" is not a door id');
    expect(events).toMatchObject({ status: 1, files: 0 });
  });

  it('loads every command, and so the app, for the help that lists them', { timeout: 120_000 }, () => {
    const help = fastifyFilesLoadedBy('--help');
    expect(help.status).toBe(0);
    expect(help.files).toBeGreaterThan(0);
  });
});
