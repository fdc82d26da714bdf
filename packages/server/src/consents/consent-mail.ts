// The e-mails of a consent request, in Swedish (the owner's contact answers in the e-service).
import type { MailMessage } from '../platform/mail';

interface ConsentMailFacts {
  municipalityName: string;
  /** The name of who at the municipality handles the request; null when it names no one. */
  handledBy: string | null;
  contactName: string;
  email: string;
  streetAddress: string;
  entranceLabels: readonly string[];
  link: string;
  expiresAt: Date;
}

const formatDay = (at: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'long' }).format(at);

/**
 * Whom the owner asks (R7.3), as the letter and the mails say it: the person by their account's
 * name, never the login's username, which tells an owner nothing. Accounts and the municipality's
 * settings hold no phone or address for it, so the name and the municipality are what there is.
 */
export function nameConsentHandler(facts: { municipalityName: string; handledBy: string | null }): string {
  return facts.handledBy
    ? `${facts.handledBy}, låsansvarig vid ${facts.municipalityName}`
    : `låsansvariga vid ${facts.municipalityName}`;
}

function body(facts: ConsentMailFacts, opening: string): string {
  return [
    `Hej ${facts.contactName},`,
    '',
    opening,
    '',
    `Fastighet: ${facts.streetAddress}`,
    `Entréer: ${facts.entranceLabels.join(', ')}`,
    '',
    'Svara per entré, ja eller nej, i kommunens e-tjänst:',
    facts.link,
    '',
    `Länken fungerar en gång och gäller till och med ${formatDay(facts.expiresAt)}.`,
    'Det kostar ingenting för fastighetsägaren. I brevet (PDF) som kommunen kan skicka finns svar på',
    'vanliga frågor: varför, hur det fungerar, borttappade nycklar och försäkring.',
    `Frågor om förfrågan besvaras av ${nameConsentHandler(facts)}.`,
    '',
    'Med vänlig hälsning',
    facts.municipalityName,
  ].join('\n');
}

export function consentRequestMail(facts: ConsentMailFacts): MailMessage {
  return {
    to: facts.email,
    subject: `Samtycke till digitala lås på entréer, ${facts.streetAddress}`,
    text: body(
      facts,
      `${facts.municipalityName} inför nyckelfri hemtjänst och ber om fastighetsägarens samtycke till att sätta digitala lås på entréerna nedan, så att hemtjänsten kan komma in utan fysiska nycklar.`,
    ),
  };
}

export function consentReminderMail(facts: ConsentMailFacts): MailMessage {
  return {
    to: facts.email,
    subject: `Påminnelse: samtycke till digitala lås på entréer, ${facts.streetAddress}`,
    text: body(
      facts,
      `Vi har ännu inte fått svar på vår förfrågan om samtycke till digitala lås på entréerna nedan. Här är en ny länk.`,
    ),
  };
}
