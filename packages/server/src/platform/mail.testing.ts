// A real SMTP receiver on a random loopback port for tests: messages arrive over SMTP from the
// server's nodemailer transport and are parsed with mailparser, as a mail client would read them.
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { createSmtpMailer, type Mailer } from './mail';

export interface MailReceiver {
  port: number;
  /** A mailer sending to this receiver. */
  mailer: Mailer;
  messages: ParsedMail[];
  /** Waits for the `count`-th message (1-based) to arrive. */
  waitForMessage(count: number, timeoutMs?: number): Promise<ParsedMail>;
  /** Makes the receiver refuse (true) or accept (false) further messages. */
  setRefusing(isRefusing: boolean): void;
  close(): Promise<void>;
}

export async function startMailReceiver(): Promise<MailReceiver> {
  const messages: ParsedMail[] = [];
  let isRefusing = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      if (isRefusing) {
        stream.resume();
        stream.on('end', () =>
          callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 })),
        );
        return;
      }
      simpleParser(stream).then(
        (parsed) => {
          messages.push(parsed);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mailer: createSmtpMailer({
      host: '127.0.0.1',
      port,
      isSecure: false,
      user: undefined,
      password: undefined,
      from: 'portvakt@kommun.example',
    }),
    messages,
    async waitForMessage(count, timeoutMs = 10_000) {
      const started = Date.now();
      while (messages.length < count) {
        if (Date.now() - started > timeoutMs) throw new Error(`mail ${count} did not arrive`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return messages[count - 1]!;
    },
    setRefusing(value) {
      isRefusing = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The e-service link in a consent mail, and its token. */
export function readConsentLink(mail: ParsedMail): { url: string; token: string } {
  const match = /(https?:\/\/\S+\/consent\/([A-Za-z0-9_-]{43}))/.exec(mail.text ?? '');
  if (!match) throw new Error(`no consent link in: ${mail.text}`);
  return { url: match[1]!, token: match[2]! };
}
