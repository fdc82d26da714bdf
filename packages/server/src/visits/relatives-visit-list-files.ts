// The relatives' visit list as files (docs/visits.md "Relatives' visit list"): CSV for
// spreadsheets (`;`, BOM, Swedish headers) and a one-page-per-40-visits A4 PDF, both in Swedish.
import { describeListDaysSv, relativesVisitStatesSv, spreadsheetSafeCast, wordStaffSv } from '@portvakt/core';
import { stringify } from 'csv-stringify/sync';
import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';
import type { FastifyReply } from 'fastify';
import { csvType, pdfType, sendDownload } from '../platform/downloads';
import type { RelativesVisit, RelativesVisitList } from './relatives-visit-list';

const headings = ['Datum', 'Ankomst', 'Avfärd', 'Minuter', 'Personal', 'Utförare', 'Status'];

const cells = (visit: RelativesVisit) => [
  visit.date,
  visit.arrival,
  visit.departure ?? 'okänd',
  visit.minutes === null ? '' : String(visit.minutes),
  visit.staff.map(wordStaffSv).join(', '),
  visit.provider,
  relativesVisitStatesSv[visit.state],
];

/** The file name of the list: whose is not in it (a download folder is no place for names). */
export function relativesVisitListFileName(list: RelativesVisitList, extension: 'csv' | 'pdf'): string {
  return `besokslista-${list.firstDay}-${list.lastDay}.${extension}`;
}

/** The list as CSV (semicolon-separated, as Swedish spreadsheets expect), with a BOM. */
export function relativesVisitListCsv(list: RelativesVisitList): string {
  return (
    '\ufeff' +
    stringify(list.visits.map(cells), {
      header: true,
      columns: headings,
      delimiter: ';',
      cast: spreadsheetSafeCast,
    })
  );
}

/** Shortens `text` with an ellipsis until it fits `width` points. */
function fit(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let cut = text;
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** The list as a PDF (A4, Helvetica; WinAnsi covers å, ä, ö and the dashes). */
export async function relativesVisitListPdf(list: RelativesVisitList): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Besökslista ${list.customerName}`);
  pdf.setLanguage('sv-SE');
  pdf.setCreator('Portvakt');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const size = 9;
  // Wide enough for a date, "okänd", "Avböjt av kunden" and a provider like "Hemtjänsten Portvik (kommunal)".
  const columns = [50, 104, 146, 180, 218, 332, 470, 545];
  const period = describeListDaysSv(list.firstDay, list.lastDay);
  let page = pdf.addPage([595.28, 841.89]);
  let y = 790;
  const header = () => {
    page.drawText(`Besökslista för ${list.customerName}`, { x: 50, y, size: 16, font: bold });
    y -= 22;
    page.drawText(`Period: ${period} (första och sista dagen inräknade)`, { x: 50, y, size: 10, font });
    y -= 24;
    headings.forEach((h, i) => page.drawText(h, { x: columns[i]!, y, size, font: bold }));
    y -= 6;
    page.drawLine({ start: { x: 50, y }, end: { x: 545, y }, thickness: 0.5, color: rgb(0.4, 0.4, 0.4) });
    y -= 14;
  };
  header();
  if (list.visits.length === 0) page.drawText('Inga besök under perioden.', { x: 50, y, size: 10, font });
  for (const visit of list.visits) {
    if (y < 100) {
      page = pdf.addPage([595.28, 841.89]);
      y = 790;
      header();
    }
    cells(visit).forEach((text, i) =>
      page.drawText(fit(text, font, size, columns[i + 1]! - columns[i]! - 6), {
        x: columns[i]!,
        y,
        size,
        font,
      }),
    );
    y -= 15;
  }
  if (list.visits.length > 0) {
    y -= 6;
    page.drawText(`Summa kundtid: ${list.totalMinutes} minuter`, { x: 50, y, size: 10, font: bold });
  }
  const naming = list.staffNaming === 'first_name' ? 'förnamn' : 'yrkesroll';
  const notes = [
    'Listan visar de registrerade besöken, samma som ligger till grund för ersättningen till utföraren.',
    `Personal anges med ${naming}. Avböjda besök räknas som 0 minuter; "okänd" avfärd saknar utstämpling.`,
  ];
  notes.forEach((note, i) => page.drawText(note, { x: 50, y: 52 - i * 12, size: 8, font }));
  return pdf.save();
}

/**
 * Answers with a relatives' visit list in the format asked for: a CSV or PDF download, or the
 * list as JSON. Staff reading it for a relative and the relative reading it get the same files.
 */
export async function presentRelativesVisitList(
  reply: FastifyReply,
  list: RelativesVisitList,
  format: 'json' | 'csv' | 'pdf' | undefined,
) {
  if (format === 'csv' || format === 'pdf') {
    const fileName = relativesVisitListFileName(list, format);
    return format === 'csv'
      ? sendDownload(reply, { contentType: csvType, fileName, content: relativesVisitListCsv(list) })
      : sendDownload(reply, { contentType: pdfType, fileName, content: await relativesVisitListPdf(list) });
  }
  return { ...list, from: list.from.toISOString(), to: list.to.toISOString() };
}
