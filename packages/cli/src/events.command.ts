import { userInfo } from 'node:os';
import { readConfig } from '@portvakt/server';
import {
  findMunicipalityByCode,
  listEvents,
  migrate,
  openDatabase,
  recordEventRead,
  type EventSubjectKind,
} from '@portvakt/storage';
import type { Command } from 'commander';

const subjects = ['lock', 'door', 'customer', 'staff', 'key'];

export function registerEventsCommand(program: Command): void {
  program
    .command('events')
    .description(
      'List event-log records of a lock, door, customer (every door on the access path), staff member or key. The read is itself logged.',
    )
    .argument('<subject>', subjects.join(' | '))
    .argument('<id>', 'UUID of the subject')
    .requiredOption('--municipality <code>', 'municipality code')
    .option('--from <time>', 'ISO time, inclusive')
    .option('--to <time>', 'ISO time, exclusive')
    .option('--refused', 'refused attempts only')
    .option('--limit <n>', 'at most this many, newest first', '100')
    .option('--cursor <cursor>', 'continue after a previous page')
    .action(
      async (
        subject: string,
        id: string,
        options: {
          municipality: string;
          from?: string;
          to?: string;
          refused?: boolean;
          limit: string;
          cursor?: string;
        },
      ) => {
        if (!subjects.includes(subject)) throw new Error(`subject must be one of ${subjects.join(', ')}`);
        const config = readConfig();
        const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
        try {
          await migrate(database.pool);
          const municipality = await findMunicipalityByCode(database.pool, options.municipality);
          if (!municipality) throw new Error(`no municipality with code ${options.municipality}`);
          const from = options.from ? new Date(options.from) : undefined;
          const to = options.to ? new Date(options.to) : undefined;
          const page = await listEvents(database.pool, {
            municipalityId: municipality.id,
            subject: { kind: subject as EventSubjectKind, id },
            from,
            to,
            isRefusedOnly: options.refused,
            limit: Number(options.limit),
            cursor: options.cursor,
          });
          await recordEventRead(database.pool, {
            municipalityId: municipality.id,
            actorUserId: null,
            actorTokenId: null,
            actorLabel: `cli:${userInfo().username}`,
            actorRole: null,
            queryKind: options.refused ? 'events_refused' : 'events',
            subjectKind: subject,
            subjectId: id,
            timeFrom: from ?? null,
            timeTo: to ?? null,
            rowCount: page.items.length,
            requestId: null,
          });
          for (const e of page.items) {
            console.log(
              [
                e.occurredAt,
                e.result === 1 ? `REFUSED(${e.reason})` : 'ok',
                `kind ${e.kind}`,
                `lock ${e.lockNumber ?? '-'}`,
                e.staffName ?? e.staffPseudonym ?? '-',
                e.providerName ?? '',
                `dev ${e.deviceId}#${e.sequence}`,
              ].join('  '),
            );
          }
          console.log(
            `${page.items.length} event(s).${page.nextCursor ? ` More: --cursor ${page.nextCursor}` : ''}`,
          );
        } finally {
          await database.close();
        }
      },
    );
}
