// A compensation run's one-page summary for a provider, as PDF, in Swedish (R5.2; docs/visits.md
// "Compensation run"): who, which month, which version and hash, the totals per time band, and
// what was held back, changed late or changed since the previous version. The lines themselves
// are in the CSV file; this is the page a provider's finance department files with the invoice.
import type { CompensationRunDetail } from '@portvakt/contract';
import { sumByBand } from '@portvakt/core';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

export interface CompensationSummary {
  municipalityName: string;
  timeZone: string;
  detail: CompensationRunDetail;
}

const bandNames: Record<string, string> = { day: 'Dag', evening: 'Kväll', night: 'Natt', weekend: 'Helg' };

/**
 * Numbers as a Swedish reader writes them, in characters the standard fonts' WinAnsi encoding
 * has: Intl's minus sign (U+2212) and narrow spaces are not among them.
 */
function formatNumber(value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat('sv-SE', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  })
    .format(value)
    .replace(/\u2212/g, '-')
    .replace(/[\u00a0\u202f]/g, ' ');
}

const formatKronor = (ore: number): string => `${formatNumber(ore / 100, 2)} kr`;
const formatSignedKronor = (ore: number): string => `${ore > 0 ? '+' : ''}${formatKronor(ore)}`;

function monthName(month: string): string {
  return new Intl.DateTimeFormat('sv-SE', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/** The summary as a PDF (A4, Helvetica; the hash in Courier). */
export async function renderCompensationSummaryPdf(summary: CompensationSummary): Promise<Uint8Array> {
  const { detail } = summary;
  const { run, lines, diff } = detail;
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Ersättning ${run.month} ${run.providerName} version ${run.version}`);
  pdf.setLanguage('sv-SE');
  pdf.setCreator('Portvakt');
  // The file says when the run was made, not when it was downloaded: the same run gives the same file.
  pdf.setCreationDate(new Date(run.createdAt));
  pdf.setModificationDate(new Date(run.createdAt));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const mono = await pdf.embedFont(StandardFonts.Courier);
  const page = pdf.addPage([595.28, 841.89]);
  const left = 50;
  let y = 790;
  const text = (value: string, options: { x?: number; size?: number; font?: PDFFont } = {}) =>
    page.drawText(value, { x: options.x ?? left, y, size: options.size ?? 10, font: options.font ?? font });

  text(`Ersättning för ${monthName(run.month)}`, { size: 16, font: bold });
  y -= 26;
  const madeAt = new Intl.DateTimeFormat('sv-SE', {
    timeZone: summary.timeZone,
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(new Date(run.createdAt));
  const facts: [string, string][] = [
    ['Kommun', summary.municipalityName],
    ['Utförare', run.providerName],
    ['Månad', run.month],
    ['Körning', `version ${run.version}, körd ${madeAt} av ${run.createdBy}`],
  ];
  for (const [label, value] of facts) {
    text(label, { font: bold });
    text(value, { x: 170 });
    y -= 16;
  }
  text('Kontrollsumma (SHA-256)', { font: bold });
  y -= 14;
  text(run.hash, { size: 9, font: mono });
  y -= 30;

  y = drawBandTable(page, { font, bold, left, y }, sumByBand(lines), run.totalAmountOre);
  y -= 28;

  const figures: [string, string][] = [
    ['Antal kunder', formatNumber(new Set(lines.map((line) => line.customerId)).size)],
    ['Innehållna besök (olösta avvikelser)', formatNumber(run.heldBackVisitIds.length)],
    ['Sena ändringar (efter låsdatum)', formatNumber(run.lateVisitIds.length)],
  ];
  for (const [label, value] of figures) {
    text(label, { font: bold });
    text(value, { x: 300 });
    y -= 16;
  }
  y -= 12;
  text(diff ? `Jämfört med version ${diff.previousVersion}` : 'Jämförelse', { font: bold });
  y -= 16;
  if (!diff) {
    text('Första versionen för månaden.');
  } else {
    const changes: [string, string][] = [
      ['Nya rader', formatNumber(diff.added)],
      ['Borttagna rader', formatNumber(diff.removed)],
      ['Ändrade rader', formatNumber(diff.changed)],
      ['Ändring i belopp', formatSignedKronor(diff.amountDeltaOre)],
      [`Belopp i version ${diff.previousVersion}`, formatKronor(run.totalAmountOre - diff.amountDeltaOre)],
    ];
    for (const [label, value] of changes) {
      text(label);
      text(value, { x: 300 });
      y -= 16;
    }
  }
  page.drawText(
    'Raderna per kund, insats och tidsband, med besöken de räknar, finns i körningens CSV-fil. Kontrollsumman',
    { x: left, y: 52, size: 8, font },
  );
  page.drawText('räknas om ur de sparade raderna; helgband gäller lördag, söndag och helgdagar 07-22.', {
    x: left,
    y: 42,
    size: 8,
    font,
  });
  return pdf.save();
}

/** The totals per band under their headings, numbers right-aligned; returns where it ended. */
function drawBandTable(
  page: PDFPage,
  at: { font: PDFFont; bold: PDFFont; left: number; y: number },
  totals: ReturnType<typeof sumByBand>,
  totalAmountOre: number,
): number {
  const { font, bold, left } = at;
  let y = at.y;
  // Right edges of the three number columns.
  const edges = [310, 420, 545];
  const row = (cells: string[], rowFont: PDFFont) => {
    page.drawText(cells[0]!, { x: left, y, size: 10, font: rowFont });
    cells.slice(1).forEach((cell, i) =>
      page.drawText(cell, {
        x: edges[i]! - rowFont.widthOfTextAtSize(cell, 10),
        y,
        size: 10,
        font: rowFont,
      }),
    );
    y -= 16;
  };
  row(['Tidsband', 'Kundtid (min)', 'Personaltid (min)', 'Belopp'], bold);
  y += 10;
  page.drawLine({ start: { x: left, y }, end: { x: 545, y }, thickness: 0.5, color: rgb(0.4, 0.4, 0.4) });
  y -= 14;
  for (const total of totals)
    row(
      [
        bandNames[total.band] ?? total.band,
        formatNumber(total.customerMinutes),
        formatNumber(total.staffMinutes),
        formatKronor(total.amountOre),
      ],
      font,
    );
  y += 10;
  page.drawLine({ start: { x: left, y }, end: { x: 545, y }, thickness: 0.5, color: rgb(0.4, 0.4, 0.4) });
  y -= 14;
  row(
    [
      'Summa',
      formatNumber(totals.reduce((sum, t) => sum + t.customerMinutes, 0)),
      formatNumber(totals.reduce((sum, t) => sum + t.staffMinutes, 0)),
      formatKronor(totalAmountOre),
    ],
    bold,
  );
  return y;
}
