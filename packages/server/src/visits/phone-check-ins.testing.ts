// A phone check-in and check-out by staff member a at customer a, through the use cases the device
// gateway calls once it has verified the phone's signature (tests/e2e/phone-visits.test.ts signs
// real requests instead): for server tests about phone visits beside lock visits.
import { randomUUID } from 'node:crypto';
import { randomBytes, uuidToBytes } from '@portvakt/protocol';
import { PermissionIndexCache } from '../access';
import type { ApiClient, TestServer } from '../platform/testing';
import { createRecord, unique, type World } from '../platform/world.testing';
import { checkInVisit, type PhoneVisitAnswer } from './check-in-visit';
import { checkOutVisit } from './check-out-visit';

export interface PhoneCheckIns {
  checkIn(at: string): Promise<PhoneVisitAnswer>;
  checkOut(at: string): Promise<PhoneVisitAnswer>;
}

/** Staff member a's phone, logged in for the shift of each call's instant, at customer a. */
export async function createPhoneCheckIns(
  server: TestServer,
  world: World,
  admin: ApiClient,
  municipalityId: string,
): Promise<PhoneCheckIns> {
  const keyId = await createRecord(admin, 'keys', {
    providerId: world.provider.a,
    kind: 'phone',
    serial: unique('PV-P'),
    holderStaffMemberId: world.staffMember.a,
  });
  const permissions = new PermissionIndexCache(server.db.pool);
  const call = async (action: 'check-in' | 'check-out', at: string) => {
    const now = new Date(at);
    // Logged in an hour before, its ticket running for the shift.
    await server.db.superuser.query('DELETE FROM key_credential WHERE digital_key_id = $1', [keyId]);
    await server.db.superuser.query(
      `INSERT INTO key_credential (digital_key_id, last_activation_at, last_ticket_expires_at)
       VALUES ($1, $2::timestamptz - interval '1 hour', $2::timestamptz + interval '8 hours')`,
      [keyId, now],
    );
    const options = {
      db: server.db.pool,
      now,
      requestId: randomUUID(),
      input: {
        phone: { enrolmentId: keyId, digitalKeyId: keyId, municipalityId, label: 'Telefon' },
        check: {
          action,
          customer: uuidToBytes(world.customer.a),
          keyId: uuidToBytes(keyId),
          nonce: randomBytes(16),
          time: Math.floor(now.getTime() / 1000),
        },
        request: randomBytes(64),
      },
    };
    return action === 'check-in' ? checkInVisit({ ...options, permissions }) : checkOutVisit(options);
  };
  return { checkIn: (at) => call('check-in', at), checkOut: (at) => call('check-out', at) };
}
