// What the phone app's door list (POST /api/v1/device/doors, docs/phone-app.md) decides on: the
// phone's key status, its last login and ticket expiry, its holder, the municipality's settings
// and the permission facts version, in one statement; and the doors' addresses.
import type { Queryable } from '../platform/queryable';
import {
  phoneKeyContextColumns,
  phoneKeyContextFrom,
  presentPhoneKeyContext,
  type PhoneKeyContext,
  type PhoneKeyContextRow,
} from './phone-key-context';

export interface PhoneDoorsContext extends PhoneKeyContext {
  staffId: string | undefined;
}

/** Undefined when no key with this id exists. */
export async function readPhoneDoorsContext(
  db: Queryable,
  digitalKeyId: string,
): Promise<PhoneDoorsContext | undefined> {
  const { rows } = await db.query<PhoneKeyContextRow>({
    name: 'read-phone-doors-context',
    text: `SELECT ${phoneKeyContextColumns} ${phoneKeyContextFrom}`,
    values: [digitalKeyId],
  });
  const row = rows[0];
  if (!row) return undefined;
  return { ...presentPhoneKeyContext(row), staffId: row.staffId ?? undefined };
}
