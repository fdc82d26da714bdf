// Who an audit entry's actor is, as the API shows it (docs/api.md "Audit trail"). The
// locksmith who confirms arrival at an emergency through its single-use link has no account: the
// entry records the company as its label, and the API answers `actorKind` `arrival_link` so the
// console words it in the reader's language. Entries recorded before were labelled with the
// Swedish sentence "Låssmed (…) via ankomstlänk"; the trail is append-only and hash-chained, so
// they stay as recorded and are read back here as the same actor.
import type { AuditEntryRow } from '@portvakt/contract';
import type { AuditEntry } from '@portvakt/storage';
import { readArrivalLinkAuthor } from '../support';

/** Only the arrival link records `arrive` on an emergency, and always without a user or token. */
const isArrivalLink = (entry: AuditEntry) =>
  entry.entity === 'emergency_opening' &&
  entry.action === 'arrive' &&
  entry.actorUserId === null &&
  entry.actorTokenId === null;

/** One stored audit entry as the API shows it. */
export function presentAuditEntry(entry: AuditEntry): AuditEntryRow {
  if (!isArrivalLink(entry)) return { ...entry, actorKind: 'actor' };
  return {
    ...entry,
    actorKind: 'arrival_link',
    actorLabel: readArrivalLinkAuthor(entry.actorLabel) ?? entry.actorLabel,
  };
}
