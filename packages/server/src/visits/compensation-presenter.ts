// Compensation runs as the API shows them, and as the CSV file municipalities' finance systems
// read (Swedish headers, `;`, BOM, decimal comma; docs/visits.md "Compensation run").
import type { CompensationRun } from '@portvakt/contract';
import { spreadsheetSafeCast, unspecifiedService, type VisitService } from '@portvakt/core';
import type { CompensationLineRow, CompensationRunRow } from '@portvakt/storage';
import { stringify } from 'csv-stringify/sync';

export function presentCompensationRun(run: CompensationRunRow): CompensationRun {
  const { givenVersusGranted: _given, ...rest } = run;
  return { ...rest, createdAt: run.createdAt.toISOString() };
}

const bandNames: Record<string, string> = { day: 'dag', evening: 'kväll', night: 'natt', weekend: 'helg' };
/** Services in the file's words, lower case like the bands (the console's are in visits.sv.ts). */
const serviceNames: Record<VisitService | typeof unspecifiedService, string> = {
  personal_care: 'personlig omvårdnad',
  meals: 'måltider',
  medication: 'läkemedel',
  shower: 'dusch',
  cleaning: 'städning',
  laundry: 'tvätt',
  shopping: 'inköp',
  escort: 'ledsagning',
  supervision: 'tillsyn',
  [unspecifiedService]: 'ej angiven',
};
const kronor = (ore: number) => (ore / 100).toFixed(2).replace('.', ',');

/** One row per line, and the visits each counts, so an invoice line leads to its visits. */
export function compensationCsv(run: CompensationRunRow, lines: CompensationLineRow[]): string {
  const rows = lines.map((l) => [
    run.providerName,
    run.month,
    l.customerName,
    l.customerId,
    (serviceNames as Record<string, string | undefined>)[l.service] ?? l.service,
    bandNames[l.band] ?? l.band,
    l.customerMinutes,
    l.staffMinutes,
    kronor(l.perHour * 100),
    kronor(l.amountOre),
    l.visitIds.join(' '),
  ]);
  const header = [
    'Utförare',
    'Månad',
    'Kund',
    'Kund-id',
    'Insats',
    'Tidsband',
    'Kundtid (min)',
    'Personaltid (min)',
    'Timpris (kr)',
    'Belopp (kr)',
    'Besök',
  ];
  return `\uFEFF${stringify([header, ...rows], { delimiter: ';', record_delimiter: '\r\n', cast: spreadsheetSafeCast })}`;
}
