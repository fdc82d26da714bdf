// The rollout table as a file for Excel (docs/rollout.md "CSV"): UTF-8 with a byte-order mark so
// Excel reads å, ä and ö, `;` between fields as Swedish Excel expects, CRLF line ends, Swedish
// headers, one row per district and a totals row: the same figures as the JSON answer.
import { rolloutColumns, type RolloutFigures, type RolloutReport } from '@portvakt/contract';
import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafeCast } from '@portvakt/core';

const headers: Record<keyof RolloutFigures, string> = {
  properties: 'Fastigheter med entréer',
  propertiesAsked: 'Fastigheter tillfrågade',
  propertiesConsented: 'Fastigheter medgivande',
  entranceLocksPlanned: 'Entrélås planerade',
  entranceLocksInstalled: 'Entrélås monterade',
  entranceLocksInUse: 'Entrélås i bruk',
  apartmentLocksPlanned: 'Lägenhetslås planerade',
  apartmentLocksInstalled: 'Lägenhetslås monterade',
  apartmentLocksInUse: 'Lägenhetslås i bruk',
  customersServed: 'Kunder med insats',
  customersKeyless: 'Kunder helt nyckelfria',
  staffWithKeys: 'Personal med digital nyckel',
  customersNightAccess: 'Kunder bakom port som inte går att öppna',
};

export function rolloutCsv(report: RolloutReport): { fileName: string; csv: string } {
  const rows = report.rows.map((row) => [
    row.district.code,
    row.district.name,
    row.district.rolloutStartQuarter ?? '',
    ...rolloutColumns.map((column) => row[column]),
  ]);
  const totals = ['', 'Totalt', '', ...rolloutColumns.map((column) => report.totals[column])];
  const header = [
    'Distriktskod',
    'Distrikt',
    'Startkvartal',
    ...rolloutColumns.map((column) => headers[column]),
  ];
  return {
    fileName: `utrullning-${report.asOf}.csv`,
    csv: `\uFEFF${stringify([header, ...rows, totals], { delimiter: ';', record_delimiter: '\r\n', cast: spreadsheetSafeCast })}`,
  };
}
