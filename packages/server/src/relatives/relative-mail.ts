// The invitation e-mail to a relative, in Swedish: who invites, for whom, the link and its expiry.
import type { MailMessage } from '../platform/mail';

interface InvitationMailFacts {
  municipalityName: string;
  relativeName: string;
  email: string;
  customerGivenName: string;
  invitedBy: string;
  link: string;
  expiresAt: Date;
}

const formatDay = (at: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'long' }).format(at);

export function relativeInvitationMail(facts: InvitationMailFacts): MailMessage {
  return {
    to: facts.email,
    subject: `Inbjudan: se besökslistan för ${facts.customerGivenName}`,
    text: [
      `Hej ${facts.relativeName},`,
      '',
      `${facts.invitedBy} bjuder in dig att se hemtjänstens besökslista för ${facts.customerGivenName}:`,
      'när personalen varit på plats, registrerat i kommunens system för nyckelfri hemtjänst.',
      '',
      'Öppna länken, välj ett användarnamn och ett lösenord:',
      facts.link,
      '',
      `Länken fungerar en gång och gäller till och med ${formatDay(facts.expiresAt)}.`,
      'Varje gång du läser listan loggas det, och kommunen kan se loggen.',
      '',
      'Med vänlig hälsning',
      facts.municipalityName,
    ].join('\n'),
  };
}
