// The key receipt (R6.2) as a PDF in Swedish, printed for the customer to sign when the provider
// takes their physical key into safekeeping: who, which door, how many copies, where it is kept,
// what the customer agrees to, and lines for the signatures and a witness. The signed copy is then
// recorded through POST /backup-keys/{id}/receipts.
import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

export interface KeyReceiptDocument {
  municipalityName: string;
  customerName: string;
  address: string;
  doorLabel: string;
  copies: number;
  label: string | null;
  providerName: string;
  /** "Nyckelskåp Nord 1, fack 4" or the safe's name. */
  keptAt: string;
  receivedOn: string;
  reference: string;
  createdAt: Date;
}

const terms: readonly string[] = [
  'Jag lämnar ovanstående nyckel till utföraren som reservnyckel. Den används bara när personalen inte kommer in digitalt, till exempel vid ett låsfel, och aldrig som ett vanligt sätt att komma in.',
  'Nyckeln förvaras inlåst där det anges ovan. Varje uttag registreras med vem som tog nyckeln, när och varför, och nyckeln lämnas tillbaka till förvaringen direkt efter besöket.',
  'Nyckeln får inte kopieras, märkas med namn eller adress, eller lämnas till någon annan än utförarens personal.',
  'När alla utförare som jag har valt arbetar nyckelfritt och kommunen har beslutat att de fysiska nycklarna kan lämnas tillbaka, får jag tillbaka nyckeln mot kvittens. Jag kan när som helst begära att få tillbaka den tidigare.',
  'Om nyckeln kommer bort meddelar utföraren mig och kommunen samma dag, och kommunen ansvarar för att låset byts eller att nyckeln ersätts.',
];

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

export async function renderKeyReceiptPdf(receipt: KeyReceiptDocument): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Kvittens reservnyckel, ${receipt.customerName}`);
  pdf.setLanguage('sv-SE');
  pdf.setCreator('Portvakt');
  pdf.setCreationDate(receipt.createdAt);
  pdf.setModificationDate(receipt.createdAt);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const left = 60;
  const width = 595.28 - 2 * left;
  let page: PDFPage = pdf.addPage([595.28, 841.89]);
  let y = 780;
  const line = (value: string, options: { size?: number; font?: PDFFont; gap?: number } = {}) => {
    const size = options.size ?? 10.5;
    if (y < 70) {
      page = pdf.addPage([595.28, 841.89]);
      y = 780;
    }
    page.drawText(value, { x: left, y, size, font: options.font ?? font });
    y -= options.gap ?? size * 1.45;
  };
  const paragraph = (value: string, options: { size?: number; font?: PDFFont } = {}) => {
    for (const part of wrap(value, options.font ?? font, options.size ?? 10.5, width)) line(part, options);
  };
  const fact = (label: string, value: string) => {
    page.drawText(label, { x: left, y, size: 10.5, font: bold });
    page.drawText(value, { x: left + 150, y, size: 10.5, font });
    y -= 16;
  };
  const signatureLine = (label: string) => {
    y -= 26;
    page.drawLine({ start: { x: left, y }, end: { x: left + 260, y }, thickness: 0.6 });
    page.drawLine({ start: { x: left + 300, y }, end: { x: left + width, y }, thickness: 0.6 });
    y -= 12;
    page.drawText(label, { x: left, y, size: 9, font });
    page.drawText('Ort och datum', { x: left + 300, y, size: 9, font });
    y -= 8;
    page.drawLine({ start: { x: left, y: y - 22 }, end: { x: left + 260, y: y - 22 }, thickness: 0.6 });
    y -= 34;
    page.drawText('Namnförtydligande', { x: left, y, size: 9, font });
    y -= 10;
  };

  line(receipt.municipalityName, { font: bold, size: 12, gap: 26 });
  line('Kvittens av reservnyckel', { font: bold, size: 17, gap: 22 });
  paragraph(
    'Denna kvittens visar att utföraren har tagit emot en fysisk nyckel till din bostad som reservnyckel, och hur den förvaras.',
  );
  y -= 10;
  fact('Kund', receipt.customerName);
  fact('Adress', receipt.address);
  fact('Dörr', receipt.doorLabel);
  fact('Antal nycklar', String(receipt.copies));
  if (receipt.label) fact('Märkning', receipt.label);
  fact('Utförare', receipt.providerName);
  fact('Förvaras i', receipt.keptAt);
  fact('Mottagen', receipt.receivedOn);
  fact('Referens', receipt.reference);
  y -= 10;
  line('Det här godkänner du', { font: bold, size: 12 });
  for (const term of terms) {
    const [first, ...rest] = wrap(term, font, 10.5, width - 14);
    page.drawText('-', { x: left, y, size: 10.5, font });
    page.drawText(first!, { x: left + 14, y, size: 10.5, font });
    y -= 15.2;
    for (const part of rest) {
      page.drawText(part, { x: left + 14, y, size: 10.5, font });
      y -= 15.2;
    }
    y -= 3;
  }
  y -= 6;
  line('Underskrifter', { font: bold, size: 12 });
  signatureLine('Kund (eller företrädare)');
  signatureLine('Utförarens representant');
  signatureLine('Vittne');
  y -= 8;
  paragraph(
    'Kvittensen upprättas i två exemplar: ett till kunden och ett till utföraren, som registrerar det underskrivna exemplaret i Portvakt.',
    { size: 9 },
  );
  return pdf.save();
}
