// A delivery attempt in the reader's language (docs/webhooks.md "Delivery"): the receiver's HTTP
// status, or why there was none from the outcome code the server logs. The server never sends its
// network library's error text, so nothing English (or revealing) reaches the Swedish console.
import type { WebhookAttempt, WebhookAttemptOutcome } from '@portvakt/contract';
import type { MessageKey, Translator } from '../shared/i18n';

const unansweredKeys: Record<Exclude<WebhookAttemptOutcome, 'answered'>, MessageKey> = {
  timed_out: 'webhooks.outcome.timed_out',
  could_not_connect: 'webhooks.outcome.could_not_connect',
  tls_failure: 'webhooks.outcome.tls_failure',
  name_not_found: 'webhooks.outcome.name_not_found',
  address_not_allowed: 'webhooks.outcome.address_not_allowed',
  connection_failed: 'webhooks.outcome.connection_failed',
};

/** "10 mars 2027 10:00: kunde inte ansluta, 12 ms", "… HTTP 500, 40 ms". */
export function sayWebhookAttempt(
  { t, formatDateTime }: Pick<Translator, 't' | 'formatDateTime'>,
  attempt: WebhookAttempt,
): string {
  return t('webhooks.attempt', {
    time: formatDateTime(attempt.attemptedAt),
    result:
      attempt.outcome === 'answered'
        ? `HTTP ${attempt.statusCode ?? '–'}`
        : t(unansweredKeys[attempt.outcome]),
    ms: attempt.durationMs,
  });
}
