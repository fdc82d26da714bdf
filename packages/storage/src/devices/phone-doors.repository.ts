// What the phone app's door list (POST /api/v1/device/doors, docs/phone-app.md) decides on: the
// phone's key status, its last login and ticket expiry, its holder, the municipality's settings
// and the permission facts version, in one statement; and the doors' addresses.
import type { Queryable } from '../platform/queryable';

export interface PhoneDoorsContext {
  municipalityId: string;
  settings: Record<string, unknown>;
  factsVersion: number;
  key: { status: string; lastActivationAt: string | null; ticketExpiresAt: string | null };
  staffId: string | undefined;
}

/** Undefined when no key with this id exists. */
export async function readPhoneDoorsContext(
  db: Queryable,
  digitalKeyId: string,
): Promise<PhoneDoorsContext | undefined> {
  const { rows } = await db.query<{
    municipalityId: string;
    settings: Record<string, unknown> | null;
    factsVersion: string;
    status: string;
    lastActivationAt: Date | null;
    ticketExpiresAt: Date | null;
    staffId: string | null;
  }>({
    name: 'read-phone-doors-context',
    text: `SELECT k.municipality_id AS "municipalityId", m.settings, (SELECT version FROM permission_facts_version) AS "factsVersion",
       k.status, kc.last_activation_at AS "lastActivationAt", kc.last_ticket_expires_at AS "ticketExpiresAt",
       s.id AS "staffId"
     FROM digital_key k
     JOIN municipality m ON m.id = k.municipality_id
     LEFT JOIN key_credential kc ON kc.digital_key_id = k.id
     LEFT JOIN staff_member s ON s.id = k.holder_staff_member_id AND s.municipality_id = k.municipality_id
     WHERE k.id = $1`,
    values: [digitalKeyId],
  });
  const row = rows[0];
  if (!row) return undefined;
  return {
    municipalityId: row.municipalityId,
    settings: row.settings ?? {},
    factsVersion: Number(row.factsVersion),
    key: {
      status: row.status,
      lastActivationAt: row.lastActivationAt?.toISOString() ?? null,
      ticketExpiresAt: row.ticketExpiresAt?.toISOString() ?? null,
    },
    staffId: row.staffId ?? undefined,
  };
}
