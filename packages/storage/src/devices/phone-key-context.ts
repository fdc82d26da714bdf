// The part of a phone request's context both the door list and phone visits decide on: the key's
// status, last login and ticket expiry, its municipality's settings and the permission facts
// version. Written once so both read a phone's state the same way.
import type { Queryable } from '../platform/queryable';

/** The select list of a phone key's context; the query's FROM is `phoneKeyContextFrom`. */
export const phoneKeyContextColumns = `k.municipality_id AS "municipalityId", m.settings,
       (SELECT version FROM municipality_permission_version v WHERE v.municipality_id = m.id) AS "factsVersion",
       k.status,
       kc.last_activation_at AS "lastActivationAt", kc.last_ticket_expires_at AS "ticketExpiresAt",
       s.id AS "staffId"`;

/** The key (`$1`), its municipality, its credential and its holder (`s`, when in the municipality). */
export const phoneKeyContextFrom = `FROM digital_key k
     JOIN municipality m ON m.id = k.municipality_id
     LEFT JOIN key_credential kc ON kc.digital_key_id = k.id
     LEFT JOIN staff_member s ON s.id = k.holder_staff_member_id AND s.municipality_id = k.municipality_id
     WHERE k.id = $1`;

export interface PhoneKeyContextRow {
  municipalityId: string;
  settings: Record<string, unknown> | null;
  factsVersion: string;
  status: string;
  lastActivationAt: Date | null;
  ticketExpiresAt: Date | null;
  staffId: string | null;
}

export interface PhoneKeyContext {
  municipalityId: string;
  settings: Record<string, unknown>;
  /** The permission facts version now: the index must be at least this new. */
  factsVersion: number;
  key: { status: string; lastActivationAt: string | null; ticketExpiresAt: string | null };
}

export function presentPhoneKeyContext(row: PhoneKeyContextRow): PhoneKeyContext {
  return {
    municipalityId: row.municipalityId,
    settings: row.settings ?? {},
    factsVersion: Number(row.factsVersion),
    key: {
      status: row.status,
      lastActivationAt: row.lastActivationAt?.toISOString() ?? null,
      ticketExpiresAt: row.ticketExpiresAt?.toISOString() ?? null,
    },
  };
}

export interface PhoneHolderContext extends PhoneKeyContext {
  /** The phone's holder and their provider, when it has one in the municipality. */
  staff: { id: string; providerId: string } | undefined;
}

/** The phone's key, holder and municipality in one statement; undefined when no such key exists. */
export async function readPhoneHolderContext(
  db: Queryable,
  digitalKeyId: string,
): Promise<PhoneHolderContext | undefined> {
  const { rows } = await db.query<PhoneKeyContextRow & { providerId: string | null }>({
    name: 'read-phone-holder-context',
    text: `SELECT ${phoneKeyContextColumns}, s.provider_id AS "providerId" ${phoneKeyContextFrom}`,
    values: [digitalKeyId],
  });
  const row = rows[0];
  if (!row) return undefined;
  return {
    ...presentPhoneKeyContext(row),
    staff: row.staffId ? { id: row.staffId, providerId: row.providerId! } : undefined,
  };
}
