import { ApiError } from '../platform/errors';
import type { Mailer, MailMessage } from '../platform/mail';

/** Sends a mail inside the caller's transaction; a failure becomes 502 mail_not_sent, which rolls it back. */
export async function sendOrRefuse(mailer: Mailer, message: MailMessage): Promise<void> {
  try {
    await mailer.send(message);
  } catch (error) {
    throw new ApiError(502, 'mail_not_sent', 'The e-mail could not be sent; nothing was changed.', {
      reason: error instanceof Error ? error.message : String(error),
    });
  }
}
