// The break-glass openings of a period as the API shows them (docs/visits.md "Break-glass"):
// storage's openings in break-glass windows, those only the window allowed (core), presented.
import type { BreakGlassOpening } from '@portvakt/contract';
import {
  readVisitWindowSettings,
  selectBreakGlassOpenings,
  toBreakGlassOpeningId,
  visitWindowDoorKinds,
} from '@portvakt/core';
import { readBreakGlassOpenings, type Queryable } from '@portvakt/storage';
import { readMunicipalitySettings } from '../platform/municipality-settings';

export async function readBreakGlassQueue(
  db: Queryable,
  municipalityId: string,
  filter: {
    providerId: string | null;
    from: Date;
    to: Date;
    record?: { deviceId: string; sequence: string };
  },
): Promise<BreakGlassOpening[]> {
  const settings = await readMunicipalitySettings(db, municipalityId);
  const { openings, plannedVisits } = await readBreakGlassOpenings(db, {
    municipalityId,
    ...filter,
    doorKinds: visitWindowDoorKinds,
  });
  const selected = selectBreakGlassOpenings(
    openings.map((o) => ({
      ...o,
      occurredAt: o.occurredAt.getTime(),
      windowStartsAt: o.windowStartsAt.getTime(),
      windowEndsAt: o.windowEndsAt.getTime(),
    })),
    plannedVisits.map((v) => ({ ...v, startsAt: v.startsAt.getTime(), endsAt: v.endsAt.getTime() })),
    readVisitWindowSettings(settings).marginMinutes,
  );
  const iso = (ms: number) => new Date(ms).toISOString();
  return selected.map((o) => ({
    id: toBreakGlassOpeningId(o.deviceId, o.sequence),
    windowId: o.windowId,
    alarmId: o.alarmId,
    alarmExternalId: o.alarmExternalId,
    raisedAt: o.raisedAt.toISOString(),
    windowStartsAt: iso(o.windowStartsAt),
    windowEndsAt: iso(o.windowEndsAt),
    customerId: o.customerId,
    customerName: o.customerName,
    providerId: o.providerId,
    providerName: o.providerName,
    occurredAt: iso(o.occurredAt),
    doorId: o.doorId,
    doorLabel: o.doorLabel,
    staffMemberId: o.staffMemberId,
    staffName: o.staffName,
    review: o.review && { ...o.review, reviewedAt: o.review.reviewedAt.toISOString() },
  }));
}
