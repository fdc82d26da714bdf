import { phoneShiftHours } from '@portvakt/core';
import { findKeyHolderId, openWorkShift } from '@portvakt/storage';
import type pg from 'pg';
import { checkPasswordLogin } from '../accounts';
import { authenticateKey } from './device-authentication';
import { DeviceRefusal, issueCredentials, type IssuedCredentials } from './credentials';
import { recordDeviceEvent } from './device-events';
import type { GatewayDeps } from './gateway-deps';

export type PhoneLoginResult =
  { kind: 'issued'; credentials: IssuedCredentials } | { kind: 'locked'; retryAfterMinutes: number };

/**
 * The phone app logs in with the staff member's own account; the phone (signing its credential
 * request) must be one of that staff member's keys. The same throttle, lockout, failure audit
 * and unknown-account timing as the web login. Its ticket lasts one shift.
 */
export async function phoneLogin(options: {
  db: pg.Pool;
  deps: GatewayDeps;
  input: { request: Uint8Array; username: string; password: string; address: string; requestId: string };
  /** The issuer's clock (`readClock`): the phone's time, the ticket and the shift it opens. */
  now: Date;
}): Promise<PhoneLoginResult> {
  const { db, input, now } = options;
  const phone = (await authenticateKey(db, input.request, 'login', { now })).enrolment;
  if (phone.kind !== 'phone') throw new DeviceRefusal('key-mismatch', 'Only phones log in.');
  const holder = await findKeyHolderId(db, {
    municipalityId: phone.municipalityId,
    digitalKeyId: phone.digitalKeyId!,
  });
  const login = await checkPasswordLogin(db, {
    username: input.username,
    password: input.password,
    address: input.address,
    requestId: input.requestId,
    channel: 'phone',
    isAcceptable: (user) => user.role === 'staff' && user.staffMemberId === holder,
    auditDetails: { keyId: phone.digitalKeyId },
  });
  if (login.kind === 'locked') {
    // The account's lockout is the web login's, on the machine's clock like sessions.
    const minutes = Math.max(1, Math.ceil((login.lockedUntil.getTime() - Date.now()) / 60_000));
    return { kind: 'locked', retryAfterMinutes: minutes };
  }
  if (login.kind === 'refused')
    throw new DeviceRefusal('login-required', 'Wrong username or password for this phone.');
  const credentials = await issueCredentials(db, options.deps, {
    municipalityId: phone.municipalityId,
    digitalKeyId: phone.digitalKeyId!,
    isActivation: true,
    maxValiditySeconds: phoneShiftHours * 3600,
    now,
  });
  // The login starts (or extends) the staff member's work shift until the ticket ends (R5.1).
  await openWorkShift(
    db,
    { municipalityId: phone.municipalityId, digitalKeyId: phone.digitalKeyId! },
    'phone',
    credentials.expiresAt,
    now,
  );
  await recordDeviceEvent(db, phone.municipalityId, {
    action: 'phone_login',
    keyId: phone.digitalKeyId!,
    deviceLabel: login.user.username,
  });
  return { kind: 'issued', credentials };
}
