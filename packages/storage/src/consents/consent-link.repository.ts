// The single-use links of consent requests: only each random token's SHA-256 is stored.
import type { EntranceConsentStatus } from '@portvakt/core';
import type { Queryable } from '../platform/queryable';
import { createLinkFinder } from '../platform/single-use-link';
import { createLinkInsert, type LinkRecord } from '../platform/single-use-link-insert';
import { requestDoorsWithConsent } from './request-doors.sql';

export const insertConsentLink = createLinkInsert(
  'INSERT INTO consent_link (municipality_id, token_hash, request_id, created_at, expires_at)',
  'requestId',
);

export interface ConsentLinkRecord extends LinkRecord {
  requestId: string;
  answeredAt: Date | null;
}

/**
 * The link with this token hash and whether its request is answered; with `isLocking`, locks the
 * request. The owner's contact holds only the link's random token, so this is the one read
 * before the municipality is known.
 */
export const findConsentLink = createLinkFinder<ConsentLinkRecord>(
  `SELECT l.request_id AS "requestId", l.municipality_id AS "municipalityId", l.expires_at AS "expiresAt",
     r.answered_at AS "answeredAt"
   FROM consent_link l JOIN consent_request r ON r.municipality_id = l.municipality_id AND r.id = l.request_id
   WHERE l.token_hash = $1 /* sharding: a property owner's consent link names only its random token (a broadcast, like a session's) */`,
  'FOR UPDATE OF r',
);

export interface ConsentLinkViewRecord {
  municipalityName: string;
  ownerName: string;
  contactName: string;
  contactEmail: string | null;
  propertyOwnerId: string;
  designation: string;
  streetAddress: string;
  postalCode: string | null;
  city: string | null;
  entrances: Array<{ doorId: string; label: string; status: EntranceConsentStatus }>;
}

/**
 * What the e-service shows for a request: the property's address and the request's own doors
 * with their status. Deliberately nothing joined from customers (R2.7).
 */
export async function readConsentLinkView(
  db: Queryable,
  municipalityId: string,
  requestId: string,
): Promise<ConsentLinkViewRecord> {
  const { rows } = await db.query<ConsentLinkViewRecord>(
    `SELECT m.name AS "municipalityName", o.name AS "ownerName", c.name AS "contactName",
       c.email AS "contactEmail", r.property_owner_id AS "propertyOwnerId",
       p.designation, p.street_address AS "streetAddress", p.postal_code AS "postalCode", p.city,
       (SELECT json_agg(json_build_object('doorId', d.id, 'label', d.label,
           'status', COALESCE(e.status, 'not_asked')) ORDER BY d.label)
         ${requestDoorsWithConsent}) AS entrances
     FROM consent_request r
     JOIN municipality m ON m.id = r.municipality_id
     JOIN property_owner o ON o.municipality_id = r.municipality_id AND o.id = r.property_owner_id
     JOIN property_owner_contact c ON c.municipality_id = r.municipality_id AND c.id = r.contact_id
     JOIN property p ON p.municipality_id = r.municipality_id AND p.id = r.property_id
     WHERE r.municipality_id = $2 AND r.id = $1`,
    [requestId, municipalityId],
  );
  return rows[0]!;
}
