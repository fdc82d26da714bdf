import { userInfo } from 'node:os';
import { eventKindFromCode, reasonFromCode, type EventKind, type Reason } from '@portvakt/protocol';
import { doorKindLabels } from '@portvakt/core';
import {
  findDoorLabels,
  findEventSubject,
  InvalidEventCursorError,
  listEvents,
  recordEventRead,
  type EventSubjectKind,
  type StoredEvent,
} from '@portvakt/storage';
import type { Command } from 'commander';
import { checkId, parsePeriodFlags } from './argument-checks';
import { withMigratedDatabase } from './configured-database';
import { findMunicipalityOption } from './municipality-option';

const subjects = ['lock', 'door', 'customer', 'staff', 'key'] as const;
/** The municipalities are Swedish: times are shown as people there read their clocks. */
export const eventTimeZone = 'Europe/Stockholm';

const kindWords: Record<EventKind, string> = {
  'open-attempt': 'open attempt',
  'block-list-updated': 'block list updated',
  'clock-corrected': 'clock corrected',
  'battery-low': 'battery low',
  activation: 'key activated',
  'pin-failed': 'wrong PIN',
  'pin-lockout': 'PIN locked out',
  'ticket-installed': 'ticket installed',
  'records-collected': 'records collected',
  'block-list-refused': 'block list refused',
  boot: 'device started',
  'records-dropped': 'records dropped',
  'issuer-keys-updated': 'issuer keys updated',
  'issuer-keys-refused': 'issuer keys refused',
  'key-taken': 'key taken from cabinet',
  'key-returned': 'key returned to cabinet',
};

const reasonWords: Record<Reason, string> = {
  none: '',
  malformed: 'malformed message',
  'bad-issuer-signature': 'invalid issuer signature',
  'unknown-issuer-kid': 'unknown issuer key',
  'wrong-lock': 'the ticket does not name this lock',
  expired: 'the ticket has expired',
  'not-yet-valid': 'the ticket is not valid yet',
  'not-activated': 'the key is not activated',
  'activation-expired': 'the activation has expired',
  'stale-challenge': 'stale challenge',
  'bad-key-signature': 'invalid key signature',
  'key-mismatch': 'wrong key for the ticket',
  'ticket-rollback': 'older ticket than the lock has seen',
  'key-blocked': 'the key is blocked',
  'outside-time-window': 'outside the allowed hours',
  'clock-rollback': 'the clock went backwards',
  'battery-empty': 'battery empty',
  'wrong-issuer': 'wrong issuer',
  'block-list-rollback': 'older block list than the lock holds',
  'issuer-keys-rollback': 'older issuer keys than the lock holds',
  'log-full': 'the log is full',
  'wrong-pin': 'wrong PIN',
  'pin-locked-out': 'PIN locked out',
  'no-ticket': 'no ticket',
  'issuer-unreachable': 'issuer unreachable',
  'login-required': 'login required',
};

const localTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: eventTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** An instant as Stockholm wall-clock time, "2026-11-30 19:05:00". */
export function formatLocalTime(iso: string): string {
  return localTime.format(new Date(iso));
}

/** What happened, in words: "opened", "refused: the key is blocked", "key activated". */
export function describeOutcome(event: Pick<StoredEvent, 'kind' | 'result' | 'reason'>): string {
  const kind = eventKindFromCode(event.kind);
  const reason = reasonFromCode(event.reason);
  const because = reason ? reasonWords[reason] : `unknown reason ${event.reason}`;
  const what = kind ? kindWords[kind] : `unknown event kind ${event.kind}`;
  if (kind === 'open-attempt') return event.result === 1 ? `refused: ${because}` : 'opened';
  return event.result === 1 ? `${what}, refused: ${because}` : what;
}

export function registerEventsCommand(program: Command): void {
  program
    .command('events')
    .description(
      'List event-log records of a lock, door, customer (every door on the access path), staff member or key, newest first, in Swedish local time. The read is itself logged.',
    )
    .argument('<subject>', subjects.join(' | '))
    .argument('<id>', 'UUID of the subject')
    .requiredOption('--municipality <code-or-id>', 'the municipality, by its code (e.g. 0180) or its id')
    .option('--from <time>', 'a day (00:00 Stockholm time) or an ISO time with its offset, inclusive')
    .option('--to <time>', 'a day (00:00 Stockholm time) or an ISO time with its offset, exclusive')
    .option('--refused', 'refused attempts only')
    .option('--limit <n>', 'at most this many, newest first (1-1000)', '100')
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
        // Checked before the database is touched, so a typo never reaches SQL (or its messages).
        if (!(subjects as readonly string[]).includes(subject))
          throw new Error(`subject must be one of ${subjects.join(', ')}, not "${subject}"`);
        checkId(id, subject);
        // A day is the day the printed times are in, as an export's days are.
        const { from, to } = parsePeriodFlags(options, eventTimeZone);
        const limit = Number(options.limit);
        if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
          throw new Error(`--limit must be a whole number from 1 to 1000, not "${options.limit}"`);
        const kind = subject as EventSubjectKind;
        await withMigratedDatabase(async (pool) => {
          const municipality = await findMunicipalityOption(pool, options.municipality);
          const found = await findEventSubject(pool, municipality.id, { kind, id });
          if (!found) throw new Error(`no such ${subject} in ${municipality.name}: ${id}`);
          const page = await listEvents(pool, {
            municipalityId: municipality.id,
            subject: { kind, id },
            from,
            to,
            isRefusedOnly: options.refused,
            limit,
            cursor: options.cursor,
          }).catch((error: unknown) => {
            if (error instanceof InvalidEventCursorError)
              throw new Error('--cursor is not a cursor this command printed; start without it');
            throw error;
          });
          await recordEventRead(pool, {
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
          const doors = await findDoorLabels(
            pool,
            municipality.id,
            page.items.flatMap((event) => (event.doorId ? [event.doorId] : [])),
          );
          console.log(`Events for ${found.label}, newest first. Times: ${eventTimeZone} local time.`);
          for (const event of page.items) console.log(formatEvent(event, doors));
          console.log(
            `${page.items.length} event(s).${page.nextCursor ? ` More: --cursor ${page.nextCursor}` : ''}`,
          );
        });
      },
    );
}

function formatEvent(event: StoredEvent, doors: Awaited<ReturnType<typeof findDoorLabels>>): string {
  const door = event.doorId ? doors.get(event.doorId) : undefined;
  const where = door
    ? `${door.label} (${(doorKindLabels as Record<string, string>)[door.kind] ?? door.kind}, ${door.property})`
    : event.lockNumber !== null
      ? `lock no. ${event.lockNumber}`
      : event.lockDeviceId === null
        ? 'recorded by the key itself'
        : 'no door';
  // Only verified records name a person (storage attributes nothing else).
  const who = event.staffName
    ? `${event.staffName}${event.providerName ? `, ${event.providerName}` : ''}`
    : event.staffPseudonym
      ? `staff ${event.staffPseudonym}`
      : event.verified === false
        ? 'unverified key'
        : '';
  const count =
    event.count && event.count > 1 ? ` (×${event.count} since ${formatLocalTime(event.firstTime!)})` : '';
  return [formatLocalTime(event.occurredAt), describeOutcome(event) + count, where, who]
    .filter((part) => part !== '')
    .join('  ·  ');
}
