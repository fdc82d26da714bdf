// The event log as the console reads it: the API's event rows, the wire codes' names (the
// numbers are the protocol's and never change, docs/protocol.md), and the CSV export.
import type { Static } from 'typebox';
import type { EventRow as EventRowSchema } from '@portvakt/contract';
import { getApi, withQuery, type Page } from '../shared/api-client';
import { isDayString, startOfDay } from '../shared/dates';
import type { MessageKey, Translator } from '../shared/i18n';
import { neutraliseFormula } from '@portvakt/core';

export type EventSubjectKind = 'lock' | 'door' | 'customer' | 'staff' | 'key';
export const eventSubjectKinds: EventSubjectKind[] = ['customer', 'staff', 'key', 'lock', 'door'];

export type EventRow = Static<typeof EventRowSchema>;

const reasonNames: Record<number, string> = {
  0: 'none',
  1: 'malformed',
  2: 'bad-issuer-signature',
  3: 'unknown-issuer-kid',
  4: 'wrong-lock',
  5: 'expired',
  6: 'not-yet-valid',
  7: 'not-activated',
  8: 'activation-expired',
  9: 'stale-challenge',
  10: 'bad-key-signature',
  11: 'key-mismatch',
  12: 'ticket-rollback',
  13: 'key-blocked',
  14: 'outside-time-window',
  15: 'clock-rollback',
  16: 'battery-empty',
  17: 'wrong-issuer',
  18: 'block-list-rollback',
  19: 'issuer-keys-rollback',
  20: 'log-full',
  32: 'wrong-pin',
  33: 'pin-locked-out',
  34: 'no-ticket',
  35: 'issuer-unreachable',
  36: 'login-required',
};

const kindNames: Record<number, string> = {
  1: 'open-attempt',
  2: 'block-list-updated',
  3: 'clock-corrected',
  4: 'battery-low',
  5: 'activation',
  6: 'pin-failed',
  7: 'pin-lockout',
  8: 'ticket-installed',
  9: 'records-collected',
  10: 'block-list-refused',
  11: 'boot',
  12: 'records-dropped',
  13: 'issuer-keys-updated',
  14: 'issuer-keys-refused',
  15: 'key-taken',
  16: 'key-returned',
};

export const openAttemptKind = 1;
export const eventRowId = (row: EventRow) => `${row.deviceId}:${row.sequence}`;

/** The reason in the console's language; an unknown code is shown as its number. */
export function describeReason(t: Translator['t'], code: number): string {
  const name = reasonNames[code];
  return name ? t(`eventReason.${name}` as MessageKey) : `#${code}`;
}

export function describeKind(t: Translator['t'], code: number): string {
  const name = kindNames[code];
  return name ? t(`eventKind.${name}` as MessageKey) : `#${code}`;
}

/** "Opened"/"Refused" for open attempts; other records by their kind (", refused" when denied). */
export function describeResult(t: Translator['t'], row: EventRow): string {
  if (row.kind === openAttemptKind) return t(row.result === 0 ? 'events.ok' : 'events.denied');
  const kind = describeKind(t, row.kind);
  return row.result === 0 ? kind : `${kind}: ${t('events.denied').toLowerCase()}`;
}

/** Staff as the API gives it: the name when the role may see it, else the pseudonym. */
export function describeStaff(t: Translator['t'], row: EventRow): string {
  if (row.staffName) return row.staffName;
  if (row.staffPseudonym) return row.staffPseudonym;
  if (row.claimedKeyId) return t('events.unverifiedClaim');
  return '';
}

export interface EventFilter {
  subject: EventSubjectKind;
  id: string;
  from?: string | undefined;
  to?: string | undefined;
  isRefusedOnly?: boolean | undefined;
}

export function eventPath(filter: EventFilter): string {
  return `/event-log/${filter.subject}/${encodeURIComponent(filter.id)}`;
}

export function eventQuery(filter: EventFilter): Record<string, string | undefined> {
  return { from: filter.from, to: filter.to, refused: filter.isRefusedOnly ? 'true' : undefined };
}

/** Every page of a filter, up to `maxRows`. */
export async function fetchAllEvents(
  filter: EventFilter,
  maxRows = 10_000,
  signal?: AbortSignal,
): Promise<{ items: EventRow[]; isCapped: boolean }> {
  const items: EventRow[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<EventRow> = await getApi<Page<EventRow>>(
      withQuery(eventPath(filter), { ...eventQuery(filter), limit: 500, cursor: cursor ?? undefined }),
      signal,
    );
    items.push(...page.items);
    cursor = page.nextCursor === null ? null : String(page.nextCursor);
  } while (cursor !== null && items.length < maxRows);
  return { items: items.slice(0, maxRows), isCapped: cursor !== null || items.length > maxRows };
}

function csvCell(text: string): string {
  const value = neutraliseFormula(text);
  return /[";\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Local date and time as "2026-01-12 09:00:00" (Excel reads it as a date). */
export function formatCsvTime(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The door as the API names it for the role: "Port A (Entré)", or empty. */
export function describeDoor(t: Translator['t'], label: Translator['label'], row: EventRow): string {
  if (!row.doorLabel) return '';
  return row.doorKind ? `${row.doorLabel} (${label('doorKind', row.doorKind)})` : row.doorLabel;
}

/** The lock by serial for roles that read locks, else by its number in the municipality. */
export function describeLock(t: Translator['t'], row: EventRow): string {
  if (row.lockSerial) return row.lockSerial;
  if (row.lockNumber !== null) return t('events.lockNumber', { number: row.lockNumber });
  return '';
}

/**
 * The rows as CSV for Excel: UTF-8 with a byte-order mark, semicolons (Swedish Excel's list
 * separator), headers in the console's language, doors and locks by the names the API gives
 * the role (door label; lock serial, or its number for roles that read no locks).
 */
export function buildEventsCsv(t: Translator['t'], rows: EventRow[]): string {
  const header = [
    t('events.time'),
    t('events.door'),
    t('events.lock'),
    t('events.result'),
    t('events.reason'),
    t('events.staff'),
    t('events.provider'),
    t('events.verified'),
    t('events.battery'),
  ];
  const lines = [header.map(csvCell).join(';')];
  for (const row of rows) {
    lines.push(
      [
        formatCsvTime(row.occurredAt),
        row.doorLabel ?? '',
        describeLock(t, row),
        describeResult(t, row),
        row.reason === 0 ? '' : describeReason(t, row.reason),
        describeStaff(t, row),
        row.providerName ?? '',
        row.verified === null ? '' : t(row.verified ? 'common.yes' : 'common.no'),
        String(row.battery),
      ]
        .map(csvCell)
        .join(';'),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Offers `text` as a file download. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The instant a local day starts ("2026-01-12" → that midnight, local time) as ISO. */
export function startOfLocalDay(day: string): string | undefined {
  return isDayString(day) ? startOfDay(day).toISOString() : undefined;
}

/** The instant after a local day ends, as ISO (the API's `to` is exclusive). */
export function endOfLocalDay(day: string): string | undefined {
  return isDayString(day) ? startOfDay(day, 1).toISOString() : undefined;
}
