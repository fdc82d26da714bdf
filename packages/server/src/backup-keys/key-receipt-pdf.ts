// The key receipt (R6.2) as a PDF in Swedish, printed for the customer to sign when the provider
// takes their physical key into safekeeping: who, which door, how many copies, where it is kept,
// what the customer agrees to, and lines for the signatures and a witness. The signed copy is then
// recorded through POST /backup-keys/{id}/receipts.
import { TextDocument, wrapText } from '../platform/pdf-document';

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

export async function renderKeyReceiptPdf(receipt: KeyReceiptDocument): Promise<Uint8Array> {
  const doc = await TextDocument.create(`Kvittens reservnyckel, ${receipt.customerName}`, receipt.createdAt);
  const { font, bold, left, width } = doc;
  const fact = (label: string, value: string) => {
    doc.page.drawText(label, { x: left, y: doc.y, size: 10.5, font: bold });
    doc.page.drawText(value, { x: left + 150, y: doc.y, size: 10.5, font });
    doc.y -= 16;
  };
  const signatureLine = (label: string) => {
    const page = doc.page;
    let y = doc.y - 26;
    page.drawLine({ start: { x: left, y }, end: { x: left + 260, y }, thickness: 0.6 });
    page.drawLine({ start: { x: left + 300, y }, end: { x: left + width, y }, thickness: 0.6 });
    y -= 12;
    page.drawText(label, { x: left, y, size: 9, font });
    page.drawText('Ort och datum', { x: left + 300, y, size: 9, font });
    y -= 8;
    page.drawLine({ start: { x: left, y: y - 22 }, end: { x: left + 260, y: y - 22 }, thickness: 0.6 });
    y -= 34;
    page.drawText('Namnförtydligande', { x: left, y, size: 9, font });
    doc.y = y - 10;
  };

  doc.line(receipt.municipalityName, { font: bold, size: 12, gap: 26 });
  doc.line('Kvittens av reservnyckel', { font: bold, size: 17, gap: 22 });
  doc.paragraph(
    'Denna kvittens visar att utföraren har tagit emot en fysisk nyckel till din bostad som reservnyckel, och hur den förvaras.',
  );
  doc.y -= 10;
  fact('Kund', receipt.customerName);
  fact('Adress', receipt.address);
  fact('Dörr', receipt.doorLabel);
  fact('Antal nycklar', String(receipt.copies));
  if (receipt.label) fact('Märkning', receipt.label);
  fact('Utförare', receipt.providerName);
  fact('Förvaras i', receipt.keptAt);
  fact('Mottagen', receipt.receivedOn);
  fact('Referens', receipt.reference);
  doc.y -= 10;
  doc.line('Det här godkänner du', { font: bold, size: 12 });
  for (const term of terms) {
    const [first, ...rest] = wrapText(term, font, 10.5, width - 14);
    doc.page.drawText('-', { x: left, y: doc.y, size: 10.5, font });
    doc.page.drawText(first!, { x: left + 14, y: doc.y, size: 10.5, font });
    doc.y -= 15.2;
    for (const part of rest) {
      doc.page.drawText(part, { x: left + 14, y: doc.y, size: 10.5, font });
      doc.y -= 15.2;
    }
    doc.y -= 3;
  }
  doc.y -= 6;
  doc.line('Underskrifter', { font: bold, size: 12 });
  signatureLine('Kund (eller företrädare)');
  signatureLine('Utförarens representant');
  signatureLine('Vittne');
  doc.y -= 8;
  doc.paragraph(
    'Kvittensen upprättas i två exemplar: ett till kunden och ett till utföraren, som registrerar det underskrivna exemplaret i Portvakt.',
    { size: 9 },
  );
  return doc.save();
}
