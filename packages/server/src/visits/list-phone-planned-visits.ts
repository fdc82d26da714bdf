// The phone app's "Dagens besök" (docs/phone-app.md): the care system's planned visits of today at
// the customers the phone holder's teams serve, so staff go from the list straight to checking
// in. Planned visits belong to a customer and a provider, not to a staff member: the holder sees
// their own provider's planned visits at customers a team of theirs serves today, nothing of
// other providers. Only an active phone that is logged in for the shift is answered; the gateway
// checked its signature, clock and nonce before. Nothing is written but the nonce.
import {
  createZoneClock,
  formatEpochDay,
  localDayOf,
  maxRegisteredVisitMinutes,
  minutesPerDay,
  readVisitSettings,
} from '@portvakt/core';
import type { PhonePlannedVisitsReply } from '@portvakt/contract';
import { listStaffPlannedVisits, readPhoneHolderContext } from '@portvakt/storage';
import type pg from 'pg';
import { requireLoggedInPhoneHolder } from './logged-in-phone-holder';

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
  const found = await readPhoneHolderContext(db, phone.digitalKeyId);
  const { context, staff } = requireLoggedInPhoneHolder(found, phone.municipalityId, now);
  const { timeZone } = readVisitSettings(context.settings);
  const { day, from, to } = findLocalDay(now, timeZone);
  const rows = await listStaffPlannedVisits(db, {
    municipalityId: phone.municipalityId,
    providerId: staff.providerId,
    staffMemberId: staff.id,
    from,
    to,
    now,
    // An open check-in older than the longest visit can no longer be checked out: it marks nothing.
    longestVisitMinutes: maxRegisteredVisitMinutes,
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
      checkedInBy: row.checkedInBy,
    })),
  };
}
