// Outgoing e-mail (docs/consents.md "E-mail"): over SMTP with nodemailer when SMTP_HOST is set;
// without it every message is written to the server log, marked as not sent, so a server started
// without mail settings still works and no message disappears silently.
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Whether messages leave the server (SMTP) or are only logged. */
  readonly isDelivering: boolean;
  /** Sends one message; rejects when the SMTP server refused it or could not be reached. */
  send(message: MailMessage): Promise<void>;
}

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  isSecure: boolean;
  user: string | undefined;
  password: string | undefined;
  from: string;
}

export function createSmtpMailer(settings: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.isSecure,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    isDelivering: true,
    async send(message) {
      await transport.sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
    },
  };
}

interface WarnLog {
  warn(details: object, message: string): void;
}

/** The mailer of a server without SMTP settings: each message goes to the log as NOT SENT. */
export function createLogMailer(log: WarnLog): Mailer {
  return {
    isDelivering: false,
    async send(message) {
      log.warn(
        { mail: { to: message.to, subject: message.subject, text: message.text } },
        'E-MAIL NOT SENT (no SMTP_HOST configured): the message is only in this log',
      );
    },
  };
}

/**
 * What a use case that mails a link is given: the app's mailer (the log when no SMTP is set up)
 * and the URL its links start with. Read per request: the URL may be set once the server listens.
 */
export function readLinkMailing(
  context: { mailer?: Mailer; publicUrl?: string },
  log: WarnLog,
): { mailer: Mailer; publicUrl: string | undefined } {
  return { mailer: context.mailer ?? createLogMailer(log), publicUrl: context.publicUrl };
}
