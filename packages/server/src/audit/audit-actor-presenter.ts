// Who an audit entry's actor is, as the API shows it (docs/api.md "Audit trail"). Those who act
// through a single-use link are recorded by what they are called, and the API answers an
// `actorKind` so the console words the link in the reader's language: the locksmith who confirms
// arrival at an emergency (the company as label), the person who answers a property owner's
// consent link (name and title as label, the owner in the entry's `after.ownerName`) and the
// relative who makes their account through an invitation (their name as label, the inviter in
// `after.invitedBy`). Entries recorded before were labelled with sentences ("Låssmed (…) via
// ankomstlänk", "… (consent link of …)", "… (relative invitation by …)"); the trail is
// append-only and hash-chained, so they stay as recorded and are read back here as the same actor.
import type { AuditEntryRow } from '@portvakt/contract';
import type { AuditEntry, AuditTrailEntry } from '@portvakt/storage';
import { readArrivalLinkAuthor } from '../support';

/** Only the arrival link records `arrive` on an emergency, and always without a user or token. */
const isArrivalLink = (entry: AuditEntry) =>
  entry.entity === 'emergency_opening' &&
  entry.action === 'arrive' &&
  entry.actorUserId === null &&
  entry.actorTokenId === null;

/** Only the consent link records `answer` on a request without a user or token. */
const isConsentLink = (entry: AuditEntry) =>
  entry.entity === 'consent_request' &&
  entry.action === 'answer' &&
  entry.actorUserId === null &&
  entry.actorTokenId === null;

/** A relative's invitation makes the account that acts: the entry's actor is the account it creates. */
const isRelativeInvitation = (entry: AuditEntry) =>
  entry.entity === 'user_account' &&
  entry.action === 'create' &&
  entry.actorRole === 'relative' &&
  entry.actorUserId !== null &&
  entry.actorUserId === entry.entityId;

const oldConsentLinkLabel = /^(.*) \(consent link of (.*)\)$/s;
const oldRelativeInvitationLabel = /^(.*) \(relative invitation by (.*)\)$/s;

/** A text field of the entry's `after`, or null. */
function readAfterText(entry: AuditEntry, field: string): string | null {
  const value = (entry.after as Record<string, unknown> | null)?.[field];
  return typeof value === 'string' ? value : null;
}

/** The link's holder (label) and whose link it was, from an old sentence or the entry's `after`. */
function readLinkActor(entry: AuditEntry, oldLabel: RegExp, viaField: string) {
  const found = oldLabel.exec(entry.actorLabel);
  if (found) return { actorLabel: found[1]!, actorVia: found[2]! };
  return { actorLabel: entry.actorLabel, actorVia: readAfterText(entry, viaField) };
}

/**
 * One stored audit entry as the API shows it. Only an `actor` is named by their account: a link's
 * holder is already named by the label (the relative's account is the one their invitation made).
 */
export function presentAuditEntry(entry: AuditTrailEntry): AuditEntryRow {
  const link = { ...entry, actorName: null };
  if (isArrivalLink(entry))
    return {
      ...link,
      actorKind: 'arrival_link',
      actorLabel: readArrivalLinkAuthor(entry.actorLabel) ?? entry.actorLabel,
      actorVia: null,
    };
  if (isConsentLink(entry))
    return { ...link, actorKind: 'consent_link', ...readLinkActor(entry, oldConsentLinkLabel, 'ownerName') };
  if (isRelativeInvitation(entry))
    return {
      ...link,
      actorKind: 'relative_invitation',
      ...readLinkActor(entry, oldRelativeInvitationLabel, 'invitedBy'),
    };
  return { ...entry, actorKind: 'actor', actorVia: null };
}
