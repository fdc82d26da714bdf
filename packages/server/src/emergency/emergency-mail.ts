// The mail to a locksmith company's on-call contacts (Swedish, like the console): where to go,
// by when, and the arrival link. No customer name, provider or identity number.
import type { MailMessage } from '../platform/mail';

const stockholmTime = (at: Date) =>
  at.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });

export function arrivalMail(options: {
  to: string;
  contactName: string;
  companyName: string;
  reference: string;
  streetAddress: string;
  doorLabel: string;
  dueAt: Date;
  link: string;
}): MailMessage {
  return {
    to: options.to,
    subject: `Nödöppning ${options.reference}: på plats senast ${stockholmTime(options.dueAt)}`,
    text: [
      `Hej ${options.contactName},`,
      '',
      `${options.companyName} har tilldelats en nödöppning (${options.reference}).`,
      `Adress: ${options.streetAddress}`,
      `Dörr: ${options.doorLabel}`,
      `Var på plats senast: ${stockholmTime(options.dueAt)}`,
      '',
      'Öppna länken och tryck "Jag är på plats" när du är framme. Länken fungerar en gång:',
      options.link,
      '',
      'Personalen väntar vid dörren.',
    ].join('\n'),
  };
}
