import { randomBytes } from 'node:crypto';
import { hashPassword } from '@portvakt/server/config';
import {
  appendAudit,
  findMunicipalityByCode,
  findUserByUsername,
  insertMunicipality,
  insertUser,
  withTransaction,
} from '@portvakt/storage';
import type { Command } from 'commander';
import { withMigratedDatabase } from './configured-database';
import { decodeUtf8 } from './read-utf8';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // A password in another charset would otherwise be hashed with U+FFFD for its å, ä, ö.
  return decodeUtf8(Buffer.concat(chunks), 'The password on standard input').replace(/\r?\n$/, '');
}

export function registerCreateMunicipalityCommand(program: Command): void {
  program
    .command('create-municipality')
    .description('Create a municipality (tenant) and its first administrator account.')
    .requiredOption('--code <code>', 'municipality code, e.g. 0180')
    .requiredOption('--name <name>', 'municipality name, e.g. "Stockholms stad"')
    .requiredOption('--admin <username>', 'username of the first municipality administrator')
    .option(
      '--password-stdin',
      'read the administrator password from standard input (else one is generated and shown once)',
    )
    .action(async (options: { code: string; name: string; admin: string; passwordStdin?: boolean }) => {
      if (!/^[a-z0-9._-]{3,60}$/.test(options.admin)) {
        throw new Error('--admin must be 3–60 lower-case letters, digits, . _ or -');
      }
      if (!/^[0-9A-Za-z-]{1,20}$/.test(options.code)) {
        throw new Error('--code must be 1–20 letters, digits or -, e.g. 0180');
      }
      if (options.name.trim().length === 0 || options.name.length > 100) {
        throw new Error('--name must be 1–100 characters, e.g. "Stockholms stad"');
      }
      const password = options.passwordStdin ? await readStdin() : randomBytes(15).toString('base64url');
      if (password.length < 12) throw new Error('The password must be at least 12 characters.');
      await withMigratedDatabase(async (pool) => {
        if (await findMunicipalityByCode(pool, options.code)) {
          throw new Error(`A municipality with code ${options.code} already exists.`);
        }
        if (await findUserByUsername(pool, options.admin)) {
          throw new Error(`The username ${options.admin} is taken; choose another with --admin.`);
        }
        const passwordHash = await hashPassword(password);
        await withTransaction(pool, async (client) => {
          const municipalityId = await insertMunicipality(client, { code: options.code, name: options.name });
          const userId = await insertUser(client, {
            municipalityId,
            username: options.admin,
            displayName: options.admin,
            passwordHash,
            role: 'municipality_admin',
          });
          await appendAudit(client, {
            municipalityId,
            actorLabel: 'cli',
            action: 'create',
            entity: 'municipality',
            entityId: municipalityId,
            after: { code: options.code, name: options.name, admin: options.admin, adminId: userId },
            source: 'cli',
          });
        });
        console.log(`Created ${options.name} (${options.code}) with administrator "${options.admin}".`);
        if (!options.passwordStdin)
          console.log(`Password (shown only now; change it after the first login): ${password}`);
      });
    });
}
