// The phone app's "Dagens besök" (docs/phone-app.md): the care system's planned visits of today at
// the customers the phone holder's teams serve, so staff go from the list straight to checking
// in. Planned visits belong to a customer and a provider, not to a staff member: the holder sees
// their own provider's planned visits at customers a team of theirs serves today, nothing of
// other providers. Only an active phone that is logged in for the shift is answered; the gateway
// checked its signature, clock and nonce before. Nothing is written but the nonce.
import {
  createZoneClock,
  formatEpochDay,
  isKeyActivatedNow,
  localDayOf,
  minutesPerDay,
  readVisitSettings,
  shiftHoursOf,
} from '@portvakt/core';
import type { PhonePlannedVisitsReply } from '@portvakt/contract';
import { listStaffPlannedVisits, readPhonePlannedVisitsContext } from '@portvakt/storage';
import type pg from 'pg';
import { ApiError } from '../platform/errors';

/** The local day `now` falls on in `timeZone`, as [from, to) instants and its date. */
function findLocalDay(now: Date, timeZone: string): { day: string; from: Date; to: Date } {
  const clock = createZoneClock(timeZone);
  const day = localDayOf(clock, Math.floor(now.getTime() / 60_000));
  return {
    day: formatEpochDay(day),
    from: new Date(clock.fromLocal(day * minutesPerDay) * 60_000),
    to: new Date(clock.fromLocal((day + 1) * minutesPerDay) * 60_000),
  };
}

export async function listPhonePlannedVisits(options: {
  db: pg.Pool;
  /** The phone whose signed request the gateway verified. */
  phone: { digitalKeyId: string; municipalityId: string };
  /** The issuer's clock (`readClock`). */
  now: Date;
}): Promise<PhonePlannedVisitsReply> {
  const { db, phone, now } = options;
  const context = await readPhonePlannedVisitsContext(db, phone.digitalKeyId);
  if (!context || context.municipalityId !== phone.municipalityId)
    throw new ApiError(403, 'key-mismatch', 'Not a key of this municipality.');
  if (context.key.status !== 'active')
    throw new ApiError(403, 'key-blocked', `The phone is ${context.key.status}.`);
  const staff = context.staff;
  if (!staff) throw new ApiError(403, 'key-mismatch', 'The phone has no holder.');
  if (!isKeyActivatedNow(context.key, shiftHoursOf(context.settings), now.getTime()))
    throw new ApiError(403, 'login-required', 'Log in on the phone to start your shift first.');
  const { timeZone } = readVisitSettings(context.settings);
  const { day, from, to } = findLocalDay(now, timeZone);
  const rows = await listStaffPlannedVisits(db, {
    municipalityId: context.municipalityId,
    providerId: staff.providerId,
    staffMemberId: staff.id,
    from,
    to,
    now,
  });
  return {
    day,
    timeZone,
    plannedVisits: rows.map((row) => ({
      id: row.id,
      customerId: row.customerId,
      customerName: row.customerName,
      address: row.address,
      apartment: row.apartment,
      windowStart: row.windowStart.toISOString(),
      windowEnd: row.windowEnd.toISOString(),
      plannedMinutes: row.plannedMinutes,
      staffCount: row.staffCount,
      services: row.services as PhonePlannedVisitsReply['plannedVisits'][number]['services'],
      checkedInAt: row.checkedInAt?.toISOString() ?? null,
      checkedOutAt: row.checkedOutAt?.toISOString() ?? null,
    })),
  };
}
