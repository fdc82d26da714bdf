// The phone app's door list (docs/phone-app.md): which lock is which door for the doors its ticket
// opens. A ticket names locks only by their compact numbers; the app, while online, asks for each
// lock's registry id (where the loopback to a simulated lock is), door label and street address,
// so the staff member sees "Port A, Västergatan 4" rather than "Lås 3". Only the phone's own
// holder's lock list is answered (what their next ticket would carry), only to a phone that is
// active, enrolled and logged in for the shift, and the request is signed by the phone's key.
import { compileLockList, findLockDoorLabel, isKeyActivatedNow, shiftHoursOf } from '@portvakt/core';
import { readDoorAddresses, readPhoneDoorsContext } from '@portvakt/storage';
import type pg from 'pg';
import { authenticateKey } from './device-authentication';
import { DeviceRefusal } from './credentials';
import type { GatewayDeps } from './gateway-deps';

export interface PhoneDoor {
  lockId: string;
  lockNumber: number;
  doorLabel: string;
  address: string | null;
}

/** How far ahead the list looks: one phone shift (the ticket a login gets). */
const listHours = 12;

export async function readPhoneDoors(options: {
  db: pg.Pool;
  deps: GatewayDeps;
  /** A credential request (purpose sync) signed by the phone's key. */
  request: Uint8Array;
  /** The issuer's clock (`readClock`). */
  now: Date;
}): Promise<{ doors: PhoneDoor[] }> {
  const { db, now } = options;
  const { enrolment } = await authenticateKey(db, options.request, 'sync', { now });
  if (enrolment.kind !== 'phone') throw new DeviceRefusal('key-mismatch', 'Only phones ask for their doors.');
  const context = await readPhoneDoorsContext(db, enrolment.digitalKeyId!);
  if (!context || context.municipalityId !== enrolment.municipalityId)
    throw new DeviceRefusal('key-mismatch', 'Not a key of this municipality.');
  if (context.key.status !== 'active')
    throw new DeviceRefusal('key-blocked', `The phone is ${context.key.status}.`);
  if (!context.staffId) throw new DeviceRefusal('key-mismatch', 'The phone has no holder.');
  if (!isKeyActivatedNow(context.key, shiftHoursOf(context.settings), now.getTime()))
    throw new DeviceRefusal('login-required', 'Log in on the phone to start your shift first.');
  const { index } = await options.deps.permissions.get(context.municipalityId, context.factsVersion);
  const list = compileLockList(index, context.staffId, now.getTime(), { validForSeconds: listHours * 3600 });
  const locks = list.locks.filter((lock) => lock.lockNumber !== undefined);
  const addresses = await readDoorAddresses(
    db,
    context.municipalityId,
    locks.map((lock) => lock.doorId),
  );
  return {
    doors: locks
      .map((lock) => ({
        lockId: lock.lockId,
        lockNumber: lock.lockNumber!,
        doorLabel: findLockDoorLabel(index, lock.lockId) ?? '',
        address: addresses.get(lock.doorId) ?? null,
      }))
      .sort((a, b) => a.lockNumber - b.lockNumber),
  };
}
