import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPhoneTranslate } from './phone-app.i18n';
import { describeVisitCheck } from './visit-check-message';

const sv = createPhoneTranslate('sv');
const en = createPhoneTranslate('en');
const refused = (code: string) => ({ isRegistered: false as const, code, message: 'The server said no.' });

describe('what the app says after a check-in or check-out', () => {
  // Monday 2 March 2026, 08:30 in Stockholm: "today" for the times below.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T07:30:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says the phone’s clock is wrong when the server refuses its time (stale-challenge)', () => {
    const message = describeVisitCheck('check-in', refused('stale-challenge'));
    expect(message.isProblem).toBe(true);
    expect(message.say(sv, 'sv', 'Europe/Stockholm')).toBe(
      'Telefonens klocka stämmer inte med serverns. Ställ in rätt tid på telefonen och försök igen.',
    );
  });

  it('reads any refusal it has no sentence for as a general sentence, never as the bare code', () => {
    for (const code of ['bad-key-signature', 'malformed', 'a-code-from-a-later-server']) {
      const words = describeVisitCheck('check-out', refused(code)).say(sv, 'sv', 'Europe/Stockholm');
      expect(words).toBe(
        'Registreringen nekades av servern. Försök igen om en stund; händer det igen, kontakta din arbetsledare.',
      );
      expect(describeVisitCheck('check-out', refused(code)).say(en, 'en', 'Europe/Stockholm')).not.toContain(
        code,
      );
    }
  });

  it('tells the registered time in the zone it is given, whatever the phone’s own zone', () => {
    const checkedIn = describeVisitCheck('check-in', {
      isRegistered: true,
      visitId: 'v1',
      state: 'incomplete',
      arrival: new Date('2026-03-02T07:00:00Z'),
      departure: null,
    });
    expect(checkedIn.say(sv, 'sv', 'Europe/Stockholm')).toBe('Incheckad 08:00.');
    expect(checkedIn.say(en, 'en', 'UTC')).toBe('Checked in 07:00.');
  });
});
