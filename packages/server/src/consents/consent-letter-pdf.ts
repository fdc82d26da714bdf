// The consent letter to a property owner, as PDF in Swedish (R7.3): the questions owners ask
// (why, how it works, cost, whom to contact, a lost key, insurance) answered, and the entrances
// of one property listed. Only the property and its shared doors: never customers or apartments
// (R2.7), so the letter can be forwarded within the owner's organisation.
import { PDFDocument, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';

export interface ConsentLetter {
  municipalityName: string;
  ownerName: string;
  contactName: string;
  property: { designation: string; streetAddress: string; postalCode: string | null; city: string | null };
  entrances: ReadonlyArray<{ label: string }>;
  /** Who at the municipality handles the request. */
  handledBy: string;
  createdAt: Date;
}

const sections: ReadonlyArray<[string, string]> = [
  [
    'Varför ber kommunen om detta?',
    'Kommunen inför nyckelfri hemtjänst. Personalen öppnar då dörrarna hos de kunder som har hemtjänst med en digital nyckel i stället för fysiska nycklar, som kan tappas bort, kopieras eller förväxlas. För att personalen ska komma in i huset behövs ett digitalt lås även på entrén, och entrén tillhör fastighetsägaren. Därför behöver vi ert samtycke för varje entré.',
  ],
  [
    'Hur fungerar det?',
    'Ett digitalt låsvred monteras på insidan av entrédörren, på den befintliga låscylindern. Dörren kan fortfarande öppnas med era vanliga nycklar, porttelefon och kodlås precis som i dag. Personal öppnar låset med en personlig digital nyckel som bara fungerar under de tider de har uppdrag i huset, och varje öppning loggas. Låset tas bort och dörren återställs när det inte längre behövs.',
  ],
  [
    'Vad kostar det?',
    'Ingenting för fastighetsägaren. Kommunen står för lås, montering, batteribyten, service och nedmontering.',
  ],
  [
    'Vem kontaktar vi?',
    'Frågor om förfrågan eller om ett monterat lås besvaras av kommunens låsansvariga. Svara gärna via länken i e-postmeddelandet; den gäller en gång.',
  ],
  [
    'Vad händer om en nyckel tappas bort?',
    'En digital nyckel som tappas bort spärras direkt i systemet och slutar fungera i alla lås. Inga cylindrar behöver bytas och inga nycklar behöver göras om, till skillnad från när en fysisk huvudnyckel försvinner.',
  ],
  [
    'Försäkring',
    'Kommunen ansvarar för låsen och för skador som uppstår vid montering eller användning av dem. Fastighetens egen försäkring påverkas inte, eftersom dörrens befintliga lås och cylinder finns kvar.',
  ],
  [
    'Kan samtycket återkallas?',
    'Ja. Meddela kommunen, så registreras återkallelsen och inga nya lås monteras på entrén. Redan monterade lås tas bort efter överenskommelse.',
  ],
];

/** Splits text into lines no wider than `width` at `size`. */
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

export async function renderConsentLetterPdf(letter: ConsentLetter): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Samtycke till digitala lås, ${letter.property.streetAddress}`);
  pdf.setLanguage('sv-SE');
  pdf.setCreator('Portvakt');
  // The same request gives the same file.
  pdf.setCreationDate(letter.createdAt);
  pdf.setModificationDate(letter.createdAt);
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

  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'long' }).format(
    letter.createdAt,
  );
  line(letter.municipalityName, { font: bold, size: 12 });
  line(day, { gap: 26 });
  line(letter.ownerName, { font: bold });
  line(`Att: ${letter.contactName}`, { gap: 28 });
  paragraph(`Samtycke till digitala lås på entréer, ${letter.property.streetAddress}`, {
    font: bold,
    size: 15,
  });
  y -= 8;
  const place = [letter.property.postalCode, letter.property.city].filter(Boolean).join(' ');
  line(
    `Fastighet: ${letter.property.designation}, ${letter.property.streetAddress}${place ? `, ${place}` : ''}`,
  );
  line('Entréer som förfrågan gäller:', { font: bold });
  for (const entrance of letter.entrances) line(`-  ${entrance.label}`);
  y -= 10;
  for (const [heading, text] of sections) {
    line(heading, { font: bold, size: 11.5 });
    paragraph(text);
    y -= 8;
  }
  line('Kontakt', { font: bold, size: 11.5 });
  paragraph(`${letter.municipalityName}, låsansvarig: ${letter.handledBy}.`);
  y -= 18;
  line('Med vänlig hälsning');
  line(letter.municipalityName);
  return pdf.save();
}
