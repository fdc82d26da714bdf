// Reports from the event log (R4.4, R5.1; docs/event-log.md "Reports"): the visit list for a
// customer's relatives (CSV and PDF, Swedish), the provider audit "keys were used only by
// authorised staff", and anomaly findings.
import {
  buildPermissionIndex,
  deriveVisits,
  explain,
  renderReasons,
  type ExplanationLanguage,
  findAnomalies,
  servicePeriodOf,
  type Anomaly,
  type Scope,
  type Visit,
} from '@portvakt/core';
import {
  findVisitListCustomer,
  listOpenAttempts,
  listProviderOpenings,
  listStaffOpenings,
  loadPermissionFacts,
  type Queryable,
} from '@portvakt/storage';
import { stringify } from 'csv-stringify/sync';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type pg from 'pg';

const timeZone = 'Europe/Stockholm';
const dateFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat('sv-SE', { timeZone, hour: '2-digit', minute: '2-digit' });
const hourFormat = new Intl.DateTimeFormat('sv-SE', { timeZone, hour: '2-digit', hourCycle: 'h23' });

export interface VisitListRow {
  date: string;
  arrival: string;
  departure: string;
  staff: string;
  provider: string;
}

export interface VisitList {
  customerName: string;
  from: Date;
  to: Date;
  rows: VisitListRow[];
  visits: Visit[];
}

/**
 * The customer's visits between `from` and `to`: successful openings at their apartment door,
 * paired per staff member (core/visits.ts). Staff appear by name or pseudonym per the
 * municipality's `showStaffNamesToRelatives` setting. A provider (work lead) gets only customers
 * it served during the period (core's servicePeriodOf, the registry's rule applied to the
 * period) and only its own staff's visits; undefined, as for an unknown id, otherwise.
 */
export async function buildVisitList(
  db: Queryable,
  scope: Scope,
  customerId: string,
  from: Date,
  to: Date,
): Promise<VisitList | undefined> {
  const customer = await findVisitListCustomer(db, scope, customerId, servicePeriodOf({ from, to }));
  if (!customer) return undefined;
  const rows = customer.doorId
    ? await listStaffOpenings(
        db,
        scope.municipalityId,
        customer.doorId,
        from,
        to,
        scope.kind === 'provider' ? scope.providerId : undefined,
      )
    : [];
  const visits = deriveVisits(
    rows.map((row) => ({
      at: row.at.getTime(),
      staffKey: row.pseudonym,
      staffLabel: customer.showNames && row.name ? row.name : row.pseudonym,
      providerName: row.provider,
    })),
  );
  return {
    customerName: customer.name,
    from,
    to,
    visits,
    rows: visits.map((visit) => ({
      date: dateFormat.format(visit.arrival),
      arrival: timeFormat.format(visit.arrival),
      departure: visit.departure === null ? 'okänd' : timeFormat.format(visit.departure),
      staff: visit.staffLabel,
      provider: visit.providerName ?? '',
    })),
  };
}

const headings = ['Datum', 'Ankomst', 'Avfärd', 'Personal', 'Utförare'];

/** The visit list as CSV (semicolon-separated, as Swedish spreadsheets expect), with a BOM. */
export function visitListCsv(list: VisitList): string {
  return (
    '\ufeff' +
    stringify(
      list.rows.map((r) => [r.date, r.arrival, r.departure, r.staff, r.provider]),
      { header: true, columns: headings, delimiter: ';' },
    )
  );
}

/** The visit list as a PDF (A4, Helvetica; WinAnsi covers å, ä, ö). */
export async function visitListPdf(list: VisitList): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Besökslista ${list.customerName}`);
  pdf.setLanguage('sv-SE');
  pdf.setCreator('Portvakt');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const columns = [50, 140, 200, 260, 400];
  let page = pdf.addPage([595.28, 841.89]);
  let y = 790;
  const header = () => {
    page.drawText(`Besökslista för ${list.customerName}`, { x: 50, y, size: 16, font: bold });
    y -= 22;
    const period = `${dateFormat.format(list.from)} – ${dateFormat.format(new Date(list.to.getTime() - 1))}`;
    page.drawText(`Period: ${period}`, { x: 50, y, size: 10, font });
    y -= 24;
    headings.forEach((h, i) => page.drawText(h, { x: columns[i]!, y, size: 10, font: bold }));
    y -= 6;
    page.drawLine({ start: { x: 50, y }, end: { x: 545, y }, thickness: 0.5, color: rgb(0.4, 0.4, 0.4) });
    y -= 14;
  };
  header();
  if (list.rows.length === 0) page.drawText('Inga besök under perioden.', { x: 50, y, size: 10, font });
  for (const row of list.rows) {
    if (y < 60) {
      page = pdf.addPage([595.28, 841.89]);
      y = 790;
      header();
    }
    [row.date, row.arrival, row.departure, row.staff, row.provider].forEach((text, i) =>
      page.drawText(text.slice(0, 40), { x: columns[i]!, y, size: 10, font }),
    );
    y -= 16;
  }
  page.drawText('Avfärd är nästa öppning av samma person inom två timmar; "okänd" när ingen finns.', {
    x: 50,
    y: 40,
    size: 8,
    font,
  });
  return pdf.save();
}

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
