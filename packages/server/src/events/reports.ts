// Reports from the event log (R4.4; docs/event-log.md "Reports"): the provider audit "keys were
// used only by authorised staff", and anomaly findings. The relatives' visit list comes from the
// stored visits (visits/relatives-visit-list.ts).
import {
  buildPermissionIndex,
  explain,
  renderReasons,
  type ExplanationLanguage,
  findAnomalies,
  type Anomaly,
} from '@portvakt/core';
import {
  listOpenAttempts,
  listProviderOpenings,
  loadPermissionFacts,
  type Queryable,
} from '@portvakt/storage';
import type pg from 'pg';

const hourFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  hour: '2-digit',
  hourCycle: 'h23',
});

export interface UnauthorisedOpening {
  occurredAt: string;
  doorId: string | null;
  lockDeviceId: string | null;
  staffMemberId: string | null;
  staffPseudonym: string | null;
  keyId: string | null;
  reasons: Array<{ rule: string; text: string }>;
}

/**
 * The provider audit (R4.4): every successful opening by the provider's staff in the period that
 * the permission model, evaluated at the moment of the opening, would not allow (no grant, a
 * provider the customer has not chosen, outside service windows, after employment or membership
 * ended). Uses the current facts with their validity periods; keys blocked before the opening are
 * reported separately from the block list.
 */
export async function providerAudit(
  pool: pg.Pool,
  municipalityId: string,
  providerId: string,
  from: Date,
  to: Date,
  language: ExplanationLanguage = 'sv',
): Promise<{ checked: number; unauthorised: UnauthorisedOpening[] }> {
  const { facts } = await loadPermissionFacts(pool, municipalityId);
  const index = buildPermissionIndex(facts);
  const rows = await listProviderOpenings(pool, { municipalityId, providerId, from, to });
  const unauthorised: UnauthorisedOpening[] = [];
  for (const row of rows) {
    const reasons: Array<{ rule: string; text: string }> = [];
    if (row.blockedAt && row.blockedAt <= row.at)
      reasons.push({ rule: 'key_blocked', text: 'The key was blocked before this opening.' });
    if (!row.staffId)
      reasons.push({ rule: 'unknown_staff', text: 'The opening names no known staff member.' });
    else {
      const explanation = explain(index, row.staffId, row.lockDeviceId!, row.at);
      if (!explanation.isAllowed) reasons.push(...renderReasons(explanation.reasons, language));
    }
    if (reasons.length > 0)
      unauthorised.push({
        occurredAt: row.at.toISOString(),
        doorId: row.doorId,
        lockDeviceId: row.lockDeviceId,
        staffMemberId: row.staffId,
        staffPseudonym: row.pseudonym,
        keyId: row.keyId,
        reasons,
      });
  }
  return { checked: rows.length, unauthorised };
}

/** Anomalies in the period (optionally only events involving a provider's staff or keys). */
export async function eventAnomalies(
  db: Queryable,
  municipalityId: string,
  from: Date,
  to: Date,
  providerId?: string,
): Promise<Array<Omit<Anomaly, 'at'> & { at: string }>> {
  const rows = await listOpenAttempts(db, { municipalityId, from, to, providerId });
  const anomalies = findAnomalies(
    rows.map((r) => ({
      at: r.at.getTime(),
      doorId: r.doorId,
      propertyId: r.propertyId,
      keyId: r.keyId,
      isRefused: r.result === 1,
    })),
    { localHour: (at) => Number(hourFormat.format(at)) },
  );
  return anomalies.map((a) => ({ ...a, at: new Date(a.at).toISOString() }));
}
