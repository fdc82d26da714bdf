// The locksmith's arrival page behind a single-use link (R9.2): whoever holds the link sees the
// street address, the doors from the street to the one that would not open, and the deadline;
// never the customer's name, identity number, provider or any other customer. Confirming sets
// on site (the SLA's end) and uses the link up; a second use is 410 arrival_link_used.
import type { EmergencyArrivalView } from '@portvakt/contract';
import {
  appendAudit,
  appendSupportCaseNote,
  findArrivalLink,
  markArrivalLinkUsed,
  readArrivalView,
  returnThrottleAttempt,
  takeThrottleAttempt,
  updateEmergencyOpening,
  withTransaction,
  type ArrivalLinkRecord,
  type Queryable,
} from '@portvakt/storage';
import type pg from 'pg';
import type { LinkUseOptions } from '../platform/context';
import { ApiError } from '../platform/errors';
import { hashArrivalToken, isArrivalTokenShaped } from './arrival-token';

/** Guessing links from one address: 30 tries in 15 minutes, then 15 minutes' pause. */
export const arrivalThrottle = { windowSeconds: 15 * 60, maxAttempts: 30, lockSeconds: 15 * 60 };

const linkUnknown = () => new ApiError(404, 'not_found', 'No such link.');
const linkUsed = () =>
  new ApiError(410, 'arrival_link_used', 'This link has been used: the arrival is already recorded.');
const linkExpired = () => new ApiError(410, 'arrival_link_expired', 'This link no longer works.');

/**
 * Counts the attempt against the caller's address (outside any transaction, so a refusal still
 * counts; parallel guesses all count), then finds the link; a link that exists gives its attempt
 * back. 429 once the address is locked, 404 for an unknown link.
 */
async function findThrottledLink(
  db: pg.Pool,
  token: string,
  address: string,
): Promise<{ link: ArrivalLinkRecord; tokenHash: Buffer }> {
  const key = `arrival:${address}`;
  const throttle = await takeThrottleAttempt(db, key, arrivalThrottle);
  if (!throttle.isAllowed)
    throw new ApiError(429, 'too_many_attempts', 'Too many unknown links from this address; wait a while.');
  if (!isArrivalTokenShaped(token)) throw linkUnknown();
  const tokenHash = hashArrivalToken(token);
  const link = await findArrivalLink(db, tokenHash);
  if (!link) throw linkUnknown();
  await returnThrottleAttempt(db, key);
  return { link, tokenHash };
}

/** 410 for a link used (or an emergency already on site), expired, or whose emergency is closed. */
function checkUsable(link: ArrivalLinkRecord, now: Date): void {
  if (link.usedAt || link.onSiteAt) throw linkUsed();
  if (link.expiresAt.getTime() <= now.getTime() || link.closedAt) throw linkExpired();
}

/** What the arrival page shows of an emergency: where, which doors, when due and when on site. */
async function presentArrivalView(
  db: Queryable,
  emergency: { id: string; municipalityId: string },
  times: { dueAt: Date; onSiteAt: Date | null },
): Promise<EmergencyArrivalView> {
  const view = await readArrivalView(db, emergency.municipalityId, emergency.id);
  return {
    streetAddress: view.streetAddress,
    postalCode: view.postalCode,
    city: view.city,
    doors: view.doors as EmergencyArrivalView['doors'],
    dueAt: times.dueAt.toISOString(),
    onSiteAt: times.onSiteAt?.toISOString() ?? null,
  };
}

export async function readEmergencyArrival({
  db,
  token,
  now,
  address,
}: LinkUseOptions & { address: string }): Promise<EmergencyArrivalView> {
  const { link } = await findThrottledLink(db, token, address);
  checkUsable(link, now);
  return presentArrivalView(
    db,
    { id: link.emergencyId, municipalityId: link.municipalityId },
    { dueAt: link.dueAt!, onSiteAt: null },
  );
}

/**
 * "Jag är på plats": on site = now, the link used, a note on the case and an audit entry by the
 * link's holder, in one transaction with the link and the emergency locked, so two presses
 * cannot both count.
 */
export async function confirmEmergencyArrival({
  db,
  token,
  now,
  address,
  requestId,
}: LinkUseOptions & { address: string; requestId: string }): Promise<EmergencyArrivalView> {
  const { tokenHash } = await findThrottledLink(db, token, address);
  const confirmed = await withTransaction(db, async (client) => {
    const link = (await findArrivalLink(client, tokenHash, true))!;
    checkUsable(link, now);
    const version = await updateEmergencyOpening(
      client,
      link.municipalityId,
      link.emergencyId,
      link.version,
      {
        onSiteAt: now,
      },
    );
    if (version === null) throw linkUsed();
    await markArrivalLinkUsed(client, link.municipalityId, tokenHash, now);
    // Who and what as facts (the company, `arrival_link`; `locksmith_on_site`), which the
    // console puts into the reader's language (docs/support.md "Support cases").
    await appendSupportCaseNote(
      client,
      {
        municipalityId: link.municipalityId,
        supportCaseId: link.supportCaseId,
        kind: 'locksmith_on_site',
        body: '',
        authorUserId: null,
        authorKind: 'arrival_link',
        author: link.locksmithCompanyName ?? '',
      },
      now,
    );
    await appendAudit(client, {
      municipalityId: link.municipalityId,
      actorUserId: null,
      actorTokenId: null,
      // The company alone ('' when unknown): an arrival by no user or token is the arrival link's
      // locksmith, which the audit trail answers as `actorKind` `arrival_link` for the console to
      // word (server/src/audit/audit-actor-presenter.ts).
      actorLabel: link.locksmithCompanyName ?? '',
      actorRole: null,
      action: 'arrive',
      entity: 'emergency_opening',
      entityId: link.emergencyId,
      before: { onSiteAt: null, version: link.version },
      after: {
        onSiteAt: now.toISOString(),
        dueAt: link.dueAt?.toISOString() ?? null,
        isWithinSla: link.dueAt ? now.getTime() <= link.dueAt.getTime() : null,
        version,
      },
      requestId,
    });
    return { id: link.emergencyId, municipalityId: link.municipalityId, dueAt: link.dueAt! };
  });
  return presentArrivalView(db, confirmed, { dueAt: confirmed.dueAt, onSiteAt: now });
}
