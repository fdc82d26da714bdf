import { webhookAttemptOutcomes, type WebhookAttempt } from '@portvakt/contract';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../shared/i18n';
import { sayWebhookAttempt } from './webhook-attempt-texts';

const attempt = (outcome: WebhookAttempt['outcome'], statusCode: number | null = null): WebhookAttempt => ({
  attemptedAt: '2027-03-10T09:00:00.000Z',
  outcome,
  statusCode,
  durationMs: 12,
});

describe('a webhook delivery attempt in words', () => {
  it('says why there was no answer in the reader’s language, and an answer by its HTTP status', () => {
    const sv = createTranslator('sv');
    const en = createTranslator('en');
    expect(sayWebhookAttempt(sv, attempt('could_not_connect'))).toBe(
      `${sv.formatDateTime('2027-03-10T09:00:00.000Z')}: kunde inte ansluta, 12 ms`,
    );
    expect(sayWebhookAttempt(en, attempt('could_not_connect'))).toBe(
      `${en.formatDateTime('2027-03-10T09:00:00.000Z')}: could not connect, 12 ms`,
    );
    expect(sayWebhookAttempt(sv, attempt('timed_out'))).toContain('inget svar inom tidsgränsen');
    expect(sayWebhookAttempt(sv, attempt('answered', 500))).toContain(': HTTP 500, 12 ms');
  });

  it('words every outcome in both languages, in words of its own', () => {
    for (const language of ['sv', 'en'] as const) {
      const translator = createTranslator(language);
      const said = webhookAttemptOutcomes
        .filter((outcome) => outcome !== 'answered')
        .map((outcome) => sayWebhookAttempt(translator, attempt(outcome)));
      expect(new Set(said).size, language).toBe(said.length);
      for (const text of said) expect(text, language).not.toMatch(/webhooks\.outcome|[A-Z]{4,}_/);
    }
  });
});
