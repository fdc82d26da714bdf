// The consent letter to a property owner, as PDF in Swedish (R7.3): the questions owners ask
// (why, how it works, cost, whom to contact, a lost key, insurance) answered, and the entrances
// of one property listed. Only the property and its shared doors: never customers or apartments
// (R2.7), so the letter can be forwarded within the owner's organisation.
import { TextDocument } from '../platform/pdf-document';
import { nameConsentHandler } from './consent-mail';

export interface ConsentLetter {
  municipalityName: string;
  ownerName: string;
  contactName: string;
  property: { designation: string; streetAddress: string; postalCode: string | null; city: string | null };
  entrances: ReadonlyArray<{ label: string }>;
  /** The name of who at the municipality handles the request; null when it names no one. */
  handledBy: string | null;
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

export async function renderConsentLetterPdf(letter: ConsentLetter): Promise<Uint8Array> {
  // The same request gives the same file.
  const doc = await TextDocument.create(
    `Samtycke till digitala lås, ${letter.property.streetAddress}`,
    letter.createdAt,
  );
  const bold = doc.bold;
  const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'long' }).format(
    letter.createdAt,
  );
  doc.line(letter.municipalityName, { font: bold, size: 12 });
  doc.line(day, { gap: 26 });
  doc.line(letter.ownerName, { font: bold });
  doc.line(`Att: ${letter.contactName}`, { gap: 28 });
  doc.paragraph(`Samtycke till digitala lås på entréer, ${letter.property.streetAddress}`, {
    font: bold,
    size: 15,
  });
  doc.y -= 8;
  const place = [letter.property.postalCode, letter.property.city].filter(Boolean).join(' ');
  doc.line(
    `Fastighet: ${letter.property.designation}, ${letter.property.streetAddress}${place ? `, ${place}` : ''}`,
  );
  doc.line('Entréer som förfrågan gäller:', { font: bold });
  for (const entrance of letter.entrances) doc.line(`-  ${entrance.label}`);
  doc.y -= 10;
  for (const [heading, text] of sections) {
    doc.line(heading, { font: bold, size: 11.5 });
    doc.paragraph(text);
    doc.y -= 8;
  }
  doc.line('Kontakt', { font: bold, size: 11.5 });
  const handler = nameConsentHandler(letter);
  doc.paragraph(`${handler.charAt(0).toUpperCase()}${handler.slice(1)}.`);
  doc.y -= 18;
  doc.line('Med vänlig hälsning');
  doc.line(letter.municipalityName);
  return doc.save();
}
