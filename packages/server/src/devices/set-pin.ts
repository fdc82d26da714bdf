import { isResetCodeBurnt } from '@portvakt/core';
import {
  closePinResetCode,
  lockUsablePinResetCode,
  recordPinResetFailure,
  setPinVerifier,
  withTransaction,
} from '@portvakt/storage';
import type pg from 'pg';
import { hashSecret } from '../accounts';
import { authenticateKey, type AuthenticatedDevice } from './device-authentication';
import { DeviceRefusal } from './credentials';
import { recordDeviceEvent } from './device-events';
import { createPinVerifier, isValidPin } from './pin';

/**
 * A staff member sets a new PIN at an activation box (`actor`) with the one-time code their
 * work lead handed out. Three wrong codes burn it: an 8-digit code cannot be guessed that way.
 */
export async function setPin(options: {
  db: pg.Pool;
  masterKey: Buffer;
  actor: AuthenticatedDevice;
  input: { request: Uint8Array; code: string; pin: string };
  /** The issuer's clock (`readClock`) the key's time is checked against. */
  now: Date;
}): Promise<void> {
  const { db, actor: box, input } = options;
  if (!isValidPin(input.pin)) throw new DeviceRefusal('malformed', 'A PIN is 4 to 8 digits.', 400);
  const key = await authenticateKey(db, input.request, 'activation', {
    municipalityId: box.enrolment.municipalityId,
    now: options.now,
  });
  const keyId = key.enrolment.digitalKeyId!;
  const verifier = createPinVerifier(input.pin, keyId, options.masterKey);
  const isSet = await withTransaction(db, async (client) => {
    const municipalityId = key.enrolment.municipalityId;
    const found = await lockUsablePinResetCode(client, municipalityId, keyId);
    const code = found && { ...found, municipalityId };
    if (!code) return false;
    if (!hashSecret(input.code).equals(code.codeHash)) {
      if (isResetCodeBurnt(await recordPinResetFailure(client, code))) await closePinResetCode(client, code);
      return false;
    }
    await closePinResetCode(client, code);
    await setPinVerifier(client, { municipalityId, digitalKeyId: keyId }, verifier);
    return true;
  });
  await recordDeviceEvent(db, box.enrolment.municipalityId, {
    action: isSet ? 'set_pin' : 'set_pin_refused',
    keyId,
    deviceLabel: box.enrolment.label ?? box.enrolment.id,
  });
  if (!isSet) throw new DeviceRefusal('wrong-pin', 'The code is wrong, used or expired.');
}
