// The municipality's support hours now (R9.1, R8.3): read from its settings (the hours and the day
// round-the-clock support was established) with the app's clock, so raising a case and the
// console's "support is closed" line judge the same instant by the same rule (core's isSupportOpen).
import type { SupportHoursStatus } from '@portvakt/contract';
import {
  describeSupportClosed,
  formatMinuteOfDay,
  readSupportHoursStatus,
  readSupportSettings,
  readVisitSettings,
  type SupportHours,
  type SupportHoursStatus as CoreStatus,
} from '@portvakt/core';
import type { Queryable } from '@portvakt/storage';
import { readMunicipalitySettings } from '../platform/municipality-settings';

export interface SupportHoursNow {
  hours: SupportHours;
  timeZone: string;
  status: CoreStatus;
  at: Date;
}

/** The municipality's support hours and whether support is open at `at`. */
export async function readSupportHoursNow(
  db: Queryable,
  municipalityId: string,
  at: Date,
): Promise<SupportHoursNow> {
  const settings = await readMunicipalitySettings(db, municipalityId);
  const support = readSupportSettings(settings);
  const timeZone = readVisitSettings(settings).timeZone;
  return { hours: support.supportHours, timeZone, status: readSupportHoursStatus(support, at, timeZone), at };
}

/** The answer of GET /api/v1/support-hours. */
export function presentSupportHours(now: SupportHoursNow): SupportHoursStatus {
  return {
    isOpen: now.status.isOpen,
    isRoundTheClock: now.status.isRoundTheClock,
    from: formatMinuteOfDay(now.hours.fromMinute),
    until: formatMinuteOfDay(now.hours.untilMinute),
    weekdays: [...now.hours.weekdays],
    timeZone: now.timeZone,
    holiday: now.status.holiday,
    nextOpening: now.status.nextOpening?.toISOString() ?? null,
    now: now.at.toISOString(),
  };
}

/** Why a case cannot be raised now, in the caller's language. */
export function explainSupportClosed(now: SupportHoursNow, language: 'sv' | 'en'): string {
  return describeSupportClosed(now.hours, now.status, language, now.timeZone);
}
